/**
 * The npm packages as `npm install -g plandash` would lay them out: installed from the release's
 * tarballs with no network into a temp prefix, run through the launcher.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { CORPUS_PLANS, CORPUS_ROOT } from "../helpers/binary";
import { childEnv } from "../helpers/child-env";
import { goldenDifference } from "../helpers/golden";
import { waitFor, withTimeout } from "../helpers/wait-for";
import { planDir, tempDir, tempWorkspace } from "../helpers/workspace";
import { ARM64_TARGET, type GetRelease, hostTarget, type ReleaseBuild, SLOW_MS, VERSION } from "./release-build";

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const temps: string[] = [];

function temp(prefix: string): string {
  const dir = tempDir(prefix);
  temps.push(dir);
  return dir;
}

/** `npm install -g --prefix P --offline` of tarballs, with a throwaway npm cache so nothing piles up in ~/.npm. */
function npmInstall(tarballs: readonly string[], extra: readonly string[] = []): string {
  const prefix = temp("plandash-npm-prefix-");
  const args = ["npm", "install", "-g", "--prefix", prefix, "--offline", "--cache", path.join(prefix, ".npm-cache"), "--no-audit", "--no-fund", ...extra, ...tarballs];
  const r = Bun.spawnSync(args, { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`${args.join(" ")} failed:\n${r.stderr.toString()}`);
  fs.rmSync(path.join(prefix, ".npm-cache"), { recursive: true, force: true });
  return path.join(prefix, "bin", "plandash");
}

async function run(argv: readonly string[], cwd?: string): Promise<Run> {
  const home = temp("plandash-home-");
  const proc = Bun.spawn([...argv], { cwd: cwd ?? home, env: childEnv(home), stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { exitCode, stdout, stderr };
}

function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // ENOENT: the process has exited.
    return [];
  }
}

export function describeNpm(get: GetRelease): void {
  describe("npm install -g plandash (from the release's tarballs, offline)", () => {
    let rel: ReleaseBuild;
    let launcher: string;
    const tarball = (name: string): string => path.join(rel.dir, "npm", `${name}-${VERSION}.tgz`);
    beforeAll(() => {
      rel = get();
      launcher = npmInstall([tarball("plandash"), tarball(`plandash-${hostTarget()}`)]);
    }, SLOW_MS);
    afterAll(() => {
      for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    });

    test("the release packs the launcher package and one package per built target", () => {
      expect(fs.readdirSync(path.join(rel.dir, "npm")).sort()).toEqual([`plandash-${VERSION}.tgz`, `plandash-${ARM64_TARGET}-${VERSION}.tgz`, `plandash-${hostTarget()}-${VERSION}.tgz`].sort());
    });

    test("plandash --version and status --json run through the launcher with the golden result", async () => {
      const version = await run([launcher, "--version"]);
      expect(version.stderr).toBe("");
      expect(version.stdout).toBe(`${VERSION}\n`);
      const status = await run([launcher, "status", "--json", "--root", CORPUS_ROOT]);
      expect(status.exitCode).toBe(0);
      const doc = JSON.parse(status.stdout);
      expect(doc.root).toBe(CORPUS_PLANS);
      expect(goldenDifference(doc)).toBeNull();
    });

    test("exit codes and stderr pass through: 1 from --check, 2 with the binary's one line when there is no workspace", async () => {
      await using ws = await tempWorkspace({
        ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"], executions: { "11": ["Complete"] }, fixes: ["11"] }),
      });
      expect((await run([launcher, "status", "--check", "--root", ws.root])).exitCode).toBe(1);
      const none = await run([launcher, "status"], temp("plandash-empty-"));
      expect(none.exitCode).toBe(2);
      expect(none.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(none.stderr).toContain("--root");
    });

    test("SIGINT sent to the launcher alone reaches plandash, and the launcher exits 130", async () => {
      const home = temp("plandash-home-");
      const proc = Bun.spawn([launcher, "watch", "--ndjson", "--root", CORPUS_ROOT], { env: childEnv(home), stdout: "pipe", stderr: "pipe" });
      const reader = proc.stdout.getReader();
      await waitFor(async () => (await reader.read()).value, "the first NDJSON line through the launcher", 20_000);
      const [child] = childrenOf(proc.pid);
      expect(child).toBeDefined();
      proc.kill("SIGINT");
      expect(await withTimeout(proc.exited, "the launcher exits after SIGINT", 20_000)).toBe(130);
      expect(fs.existsSync(`/proc/${child}`)).toBe(false);
    }, SLOW_MS);

    test("Ctrl-C in a terminal ends plandash through the launcher with exit 130", async () => {
      const home = temp("plandash-home-");
      let screen = "";
      const proc = Bun.spawn([launcher, "watch", "--root", CORPUS_ROOT], {
        env: childEnv(home),
        terminal: {
          cols: 100,
          rows: 30,
          data(_t, chunk) {
            screen += new TextDecoder().decode(chunk);
          },
        },
      });
      try {
        await waitFor(() => childrenOf(proc.pid).length > 0 && screen.length > 0, "plandash watch is running under the launcher", 20_000);
        proc.terminal?.write("\x03");
        expect(await withTimeout(proc.exited, "the launcher exits after Ctrl-C", 20_000)).toBe(130);
      } finally {
        if (proc.exitCode === null) proc.kill("SIGKILL");
        proc.terminal?.close();
      }
    }, SLOW_MS);

    test("without its platform package the launcher says which one is missing and how to reinstall, in one line", async () => {
      const alone = npmInstall([tarball("plandash")]);
      const r = await run([alone, "--version"]);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(`the platform package plandash-${hostTarget()}`);
      expect(r.stderr).toContain("npm install -g plandash");
    }, SLOW_MS);

    test.skipIf(hostTarget() === ARM64_TARGET)("with another CPU's platform package the launcher names it and this machine, in one line", async () => {
      const foreign = npmInstall([tarball("plandash"), tarball(`plandash-${ARM64_TARGET}`)], ["--force"]);
      const r = await run([foreign, "--version"]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(`plandash-${ARM64_TARGET} is installed, a build for linux arm64, but this is ${process.platform} ${process.arch}`);
      expect(r.stderr).toContain("npm install -g plandash");
    }, SLOW_MS);
  });
}
