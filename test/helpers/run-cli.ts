/** Runs the compiled binary without a terminal and collects what it printed. */
import * as fs from "node:fs";
import { binaryPath } from "./binary";
import { childEnv } from "./child-env";
import { tempDir } from "./workspace";

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  readonly stdin?: string;
  readonly home?: string;
}

export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const home = options.home ?? tempDir("plandash-home-");
  const proc = Bun.spawn([binaryPath(), ...args], {
    cwd: options.cwd ?? home,
    env: childEnv(home, options.env),
    stdin: options.stdin === undefined ? "ignore" : new TextEncoder().encode(options.stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  // A HOME made for this run goes with it; one the caller passed is the caller's.
  if (options.home === undefined) fs.rmSync(home, { recursive: true, force: true });
  return { exitCode, stdout, stderr };
}
