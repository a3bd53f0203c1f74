/**
 * The release build the release suites share: `npm run release` for the host target and
 * linux-arm64 (the all-targets run is `npm run release` itself), in a temp folder that
 * test/release/release.test.ts builds once and removes after the last suite.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../helpers/binary";
import { tempDir } from "../helpers/workspace";
import packageJson from "../../package.json";

export const VERSION: string = packageJson.version;

export interface ReleaseRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ReleaseBuild extends ReleaseRun {
  /** The release folder (what `dist/release/` holds after `npm run release`). */
  readonly dir: string;
  /** The base URL stamped into its install.sh: `file://<dir>`. */
  readonly baseUrl: string;
}

/** The host's release target as the release script names it (linux-x64 on this project's machine). */
export function hostTarget(): string {
  const os = process.platform === "win32" ? "windows" : process.platform;
  return `${os}-${process.arch}`;
}

export const ARM64_TARGET = "linux-arm64";

/** Runs `npm run release -- ARGS` from the project root. */
export async function runRelease(args: readonly string[]): Promise<ReleaseRun> {
  const proc = Bun.spawn(["npm", "run", "--silent", "release", "--", ...args], {
    cwd: PROJECT_ROOT,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { exitCode, stdout, stderr };
}

/** Builds the shared release; on failure nothing is left behind. */
export async function buildRelease(): Promise<ReleaseBuild & Disposable> {
  const parent = tempDir("plandash-release-");
  const dispose = (): void => fs.rmSync(parent, { recursive: true, force: true });
  const dir = path.join(parent, "release");
  const baseUrl = `file://${dir}`;
  const run = await runRelease(["--target", hostTarget(), "--target", ARM64_TARGET, "--out", dir, "--base-url", baseUrl]);
  if (run.exitCode !== 0) {
    dispose();
    throw new Error(`npm run release failed (exit ${run.exitCode}):\n${run.stdout}${run.stderr}`);
  }
  return { ...run, dir, baseUrl, [Symbol.dispose]: dispose };
}

/** What a suite gets: the build, once beforeAll has made it. */
export type GetRelease = () => ReleaseBuild;

export const BUILD_TIMEOUT_MS = 300_000;
/** For a test that unpacks a 50 MB archive or runs a binary under qemu on the shared 2-core machine. */
export const SLOW_MS = 90_000;

/** The binary's file name inside archives and packages for a target. */
export function exeName(target: string): string {
  return target.startsWith("windows-") ? "plandash.exe" : "plandash";
}

/** Unpacks a release archive into a fresh temp folder (removed on dispose) and returns the binary inside. */
export async function unpackArchive(archive: string): Promise<{ dir: string; binary: string } & AsyncDisposable> {
  const dir = tempDir("plandash-unpack-");
  const tar = Bun.spawnSync(["tar", "-xzf", archive, "-C", dir], { stderr: "pipe" });
  if (tar.exitCode !== 0) throw new Error(`tar -xzf ${archive} failed: ${tar.stderr.toString()}`);
  const folder = path.basename(archive).replace(/\.tar\.gz$/, "");
  const target = folder.slice(`plandash-${VERSION}-`.length);
  return {
    dir,
    binary: path.join(dir, folder, exeName(target)),
    async [Symbol.asyncDispose]() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** qemu user emulation for the linux-arm64 binary: the emulator and an arm64 glibc to load it with. */
export const ARM64_SYSROOT = "/usr/aarch64-linux-gnu";

export function qemuMissing(): string | null {
  const missing: string[] = [];
  if (Bun.which("qemu-aarch64") === null) missing.push("qemu-aarch64 (Debian package qemu-user)");
  if (!fs.existsSync(path.join(ARM64_SYSROOT, "lib", "ld-linux-aarch64.so.1"))) missing.push(`an arm64 glibc in ${ARM64_SYSROOT} (Debian package libc6-arm64-cross)`);
  return missing.length === 0 ? null : `not installed: ${missing.join(", ")}`;
}
