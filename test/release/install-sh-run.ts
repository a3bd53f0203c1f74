/**
 * Running install.sh as a user would, for the install.sh tests: a fresh HOME with its own TMPDIR,
 * PATHs that pretend to be another machine (shims first) or lack a tool, and a stand-in release
 * made by the release script's own archive and checksum code around a tiny shell "binary".
 */
import { expect } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { formatSums, sha256File, writeArchive } from "../../scripts/release/archive";
import { archiveFolder, archiveName, TARGETS, type TargetId } from "../../scripts/release/targets";
import { childEnv } from "../helpers/child-env";
import { tempDir } from "../helpers/workspace";

export interface InstallRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface InstallHome {
  readonly home: string;
  /** Its TMPDIR, so a test can see that the script cleans up after itself. */
  readonly tmp: string;
  /** `~/.local/bin`, the default install folder. */
  readonly bin: string;
}

/** The temp folders of the tests in one file; `clear()` (in afterEach) removes them. */
export interface InstallSandbox {
  home(): InstallHome;
  dir(prefix: string): string;
  /** A PATH whose first folder holds these scripts (name → sh body), then `rest`. */
  shims(scripts: Readonly<Record<string, string>>, rest?: string): string;
  /** A PATH that holds every tool of this one (as links) but `names`. */
  pathWithout(names: readonly string[]): string;
  clear(): void;
}

export function installSandbox(): InstallSandbox {
  const temps: string[] = [];
  const dir = (prefix: string): string => {
    const d = tempDir(prefix);
    temps.push(d);
    return d;
  };
  return {
    home() {
      const home = dir("plandash-install-home-");
      const tmp = path.join(home, "tmp");
      fs.mkdirSync(tmp);
      return { home, tmp, bin: path.join(home, ".local", "bin") };
    },
    dir,
    shims(scripts, rest = process.env.PATH ?? "") {
      const d = dir("plandash-shims-");
      for (const [name, body] of Object.entries(scripts)) fs.writeFileSync(path.join(d, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      return `${d}:${rest}`;
    },
    pathWithout(names) {
      const tools = dir("plandash-tools-");
      for (const folder of (process.env.PATH ?? "").split(":")) {
        if (!fs.existsSync(folder)) continue;
        for (const name of fs.readdirSync(folder)) {
          if (names.includes(name) || fs.existsSync(path.join(tools, name))) continue;
          fs.symlinkSync(path.join(folder, name), path.join(tools, name));
        }
      }
      return tools;
    },
    clear() {
      for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}

export async function runInstall(script: string, home: InstallHome, env: Record<string, string> = {}): Promise<InstallRun> {
  const proc = Bun.spawn(["sh", script], {
    cwd: home.home,
    env: childEnv(home.home, { TMPDIR: home.tmp, ...env }),
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { exitCode, stdout, stderr };
}

export function expectOneLineRefusal(r: InstallRun, message: RegExp): void {
  expect(r.exitCode).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

/** An `uname` that reports another machine. */
export function unameScript(os: string, cpu: string): string {
  return `case "$1" in -s) echo '${os}' ;; -m) echo '${cpu}' ;; *) echo '${os}' ;; esac`;
}

/**
 * A release folder for `targets` as `npm run release` lays it out (archives + SHA256SUMS), each
 * archive holding a shell script for plandash: `--version` prints `version`, anything else the
 * target it was packed for, so a test can tell which archive was installed.
 */
export async function standInRelease(dir: string, version: string, targets: readonly TargetId[]): Promise<void> {
  const stage = path.join(dir, ".stage");
  const sums: { name: string; sha256: string }[] = [];
  for (const t of TARGETS.filter((t) => targets.includes(t.id))) {
    const folder = archiveFolder(version, t);
    fs.mkdirSync(path.join(stage, folder), { recursive: true });
    fs.writeFileSync(path.join(stage, folder, t.exe), `#!/bin/sh\nif [ "$1" = --version ]; then echo '${version}'; else echo '${t.id}'; fi\n`, { mode: 0o755 });
    const name = archiveName(version, t);
    writeArchive(t, stage, folder, path.join(dir, name));
    sums.push({ name, sha256: await sha256File(path.join(dir, name)) });
  }
  fs.rmSync(stage, { recursive: true, force: true });
  fs.writeFileSync(path.join(dir, "SHA256SUMS"), formatSums(sums));
}
