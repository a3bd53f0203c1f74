/**
 * bin/plandash.js of the npm package (bundled for node by the release): finds the platform
 * package npm installed, runs its binary with our arguments and stdio, passes signals on, and
 * exits as the binary did. Problems are one line on stderr, exit 2 (SPEC §3.3: the set-up is wrong).
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { candidatesFor, illegalInstructionMessage, missingMessage, PACKAGED, type PackagedTarget, spawnFailedMessage, unsupportedMessage } from "./platform-package";

const EXIT_SETUP = 2;
// Ctrl-C in a terminal reaches both of us (one process group); a `kill` reaches only us. Either way the binary decides.
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"] as const;
const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15 };

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(EXIT_SETUP);
}

function installedDir(t: PackagedTarget): string | null {
  try {
    return path.dirname(require.resolve(`${t.npmPackage}/package.json`));
  } catch {
    // MODULE_NOT_FOUND: npm did not install this one, which is normal for every other platform.
    return null;
  }
}

function findBinary(): { target: PackagedTarget; binary: string } {
  const host = { platform: process.platform, arch: process.arch };
  const wanted = candidatesFor(host);
  if (wanted.length === 0) fail(unsupportedMessage(host));
  for (const target of wanted) {
    const dir = installedDir(target);
    if (dir !== null) return { target, binary: path.join(dir, "bin", target.exe) };
  }
  fail(missingMessage(host, wanted, PACKAGED.filter((t) => !wanted.includes(t) && installedDir(t) !== null)));
}

function main(): void {
  const { target, binary } = findBinary();
  const child = spawn(binary, process.argv.slice(2), { stdio: "inherit" });
  for (const signal of FORWARDED) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on("error", (error: NodeJS.ErrnoException) => fail(spawnFailedMessage(binary, error.code ?? error.message)));
  child.on("exit", (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    if (signal === "SIGILL" && target.id === "linux-x64") process.stderr.write(`${illegalInstructionMessage(target)}\n`);
    // Shells tell "killed by a signal" from an exit code, so end the same way: 128 + the signal's number.
    process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 0));
  });
}

main();
