/**
 * End-to-end: the compiled binary holds the lock (hidden, test-only `lock-hold`) and every way out
 * is checked; `plandash lock`, `--json`, `--clear`, `--force` and `status --json` as a user runs them.
 */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { binaryPath } from "../helpers/binary";
import { childEnv } from "../helpers/child-env";
import { runCli } from "../helpers/run-cli";
import { waitFor, withTimeout } from "../helpers/wait-for";
import { tempDir, tempWorkspace } from "../helpers/workspace";

interface Hold {
  readonly proc: ReturnType<typeof Bun.spawn>;
  /** The JSON line printed once the lock is held. */
  readonly line: { held: boolean; pid: number; nonce: string; replaced: { pid: number; alive: boolean; reason: string } | null };
  readonly stderr: () => Promise<string>;
  /** Every JSON line printed so far (the first is `line`; then the lock monitor's events). */
  readonly lines: () => Record<string, unknown>[];
}

async function hold(dir: string, extra: readonly string[] = []): Promise<Hold> {
  const home = tempDir("plandash-home-");
  const proc = Bun.spawn([binaryPath(), "lock-hold", "--root", dir, ...extra], { cwd: home, env: childEnv(home), stdout: "pipe", stderr: "pipe" });
  const parsed: Record<string, unknown>[] = [];
  let ended = false;
  void (async () => {
    let text = "";
    for await (const chunk of proc.stdout as ReadableStream<Uint8Array>) {
      text += new TextDecoder().decode(chunk);
      let nl: number;
      while ((nl = text.indexOf("\n")) >= 0) {
        parsed.push(JSON.parse(text.slice(0, nl)) as Record<string, unknown>);
        text = text.slice(nl + 1);
      }
    }
    ended = true;
  })();
  const first = await waitFor(() => {
    if (parsed.length === 0 && ended) throw new Error("lock-hold exited before holding");
    return parsed[0];
  }, "lock-hold to print that it holds the lock").catch(async (error: unknown) => {
    throw new Error(`${String(error)}: ${await new Response(proc.stderr as ReadableStream).text()}`);
  });
  return { proc, line: first as unknown as Hold["line"], stderr: () => new Response(proc.stderr as ReadableStream).text(), lines: () => [...parsed] };
}

function lockFile(root: string): string {
  return path.join(root, ".plandash", "dashboard.lock");
}

function record(root: string): { pid: number; nonce: string; processStart: number | null } | null {
  return fs.existsSync(lockFile(root)) ? JSON.parse(fs.readFileSync(lockFile(root), "utf8")) : null;
}

describe("holding the lock from the compiled binary", () => {
  test.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
    ["SIGHUP", 129],
  ] as const)("%s releases the lock and exits %d", async (signal, code) => {
    await using ws = await tempWorkspace();
    const h = await hold(ws.dir);
    expect(record(ws.root)?.pid).toBe(h.line.pid);
    expect(record(ws.root)?.nonce).toBe(h.line.nonce);
    expect(record(ws.root)?.processStart).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(ws.root, ".plandash", ".gitignore"), "utf8")).toBe("*\n");
    h.proc.kill(signal);
    expect(await withTimeout(h.proc.exited, `exit after ${signal}`)).toBe(code);
    expect(record(ws.root)).toBeNull();
    expect(fs.readdirSync(path.join(ws.root, ".plandash"))).toEqual([".gitignore"]);
  });

  test("SIGKILL leaves a dead record; the next holder takes it over silently", async () => {
    await using ws = await tempWorkspace();
    const first = await hold(ws.dir);
    first.proc.kill("SIGKILL");
    await withTimeout(first.proc.exited, "exit after SIGKILL");
    expect(record(ws.root)?.pid).toBe(first.line.pid);

    const shown = await runCli(["lock", "--json", "--root", ws.dir]);
    expect(shown.exitCode).toBe(0);
    expect(JSON.parse(shown.stdout).lock).toMatchObject({ held: false, alive: false, pid: first.line.pid });

    const second = await hold(ws.dir);
    expect(second.line.replaced).toMatchObject({ pid: first.line.pid, alive: false });
    expect(["no-process", "pid-reused"]).toContain(second.line.replaced?.reason ?? "");
    expect(record(ws.root)?.pid).toBe(second.line.pid);
    second.proc.kill("SIGTERM");
    expect(await withTimeout(second.proc.exited, "exit after SIGTERM")).toBe(143);
    expect(await second.stderr()).toBe("");
    expect(record(ws.root)).toBeNull();
  });

  test("a second holder is refused while the first is alive, and the first's record is untouched", async () => {
    await using ws = await tempWorkspace();
    const first = await hold(ws.dir);
    const before = fs.readFileSync(lockFile(ws.root), "utf8");
    const second = await runCli(["lock-hold", "--root", ws.dir]);
    expect(second.exitCode).toBe(1);
    expect(second.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(second.stderr).toContain(`pid ${first.line.pid}`);
    expect(fs.readFileSync(lockFile(ws.root), "utf8")).toBe(before);
    first.proc.kill("SIGTERM");
    expect(await withTimeout(first.proc.exited, "exit after SIGTERM")).toBe(143);
  });

  test("after an explicit takeover, the old holder exits without removing the new holder's lock", async () => {
    await using ws = await tempWorkspace();
    const first = await hold(ws.dir);
    const second = await hold(ws.dir, ["--takeover"]);
    expect(second.line.replaced).toMatchObject({ pid: first.line.pid, alive: true });
    first.proc.kill("SIGTERM");
    expect(await withTimeout(first.proc.exited, "old holder exits")).toBe(143);
    expect(record(ws.root)?.nonce).toBe(second.line.nonce);
    second.proc.kill("SIGINT");
    expect(await withTimeout(second.proc.exited, "new holder exits")).toBe(130);
    expect(record(ws.root)).toBeNull();
  });

  test("the holder hears within 1 s that its lock was taken over, and by whom; then that the new holder let it go", async () => {
    await using ws = await tempWorkspace();
    const first = await hold(ws.dir);
    const second = await hold(ws.dir, ["--takeover"]).catch((error: unknown) => {
      first.proc.kill("SIGKILL");
      throw error;
    });
    try {
      const lost = await waitFor(() => first.lines().find((l) => l.event === "lost"), "the first holder to print that it lost the lock", 1_000);
      expect(lost).toMatchObject({ event: "lost", pid: second.line.pid, host: expect.any(String) });
      second.proc.kill("SIGTERM");
      expect(await withTimeout(second.proc.exited, "new holder exits")).toBe(143);
      const freed = await waitFor(() => first.lines().find((l) => l.event === "freed"), "the first holder to print that the lock is free", 2_000);
      expect(freed).toMatchObject({ event: "freed", pid: null });
      first.proc.kill("SIGTERM");
      expect(await withTimeout(first.proc.exited, "old holder exits")).toBe(143);
      expect(record(ws.root)).toBeNull();
    } finally {
      for (const h of [first, second]) if (h.proc.exitCode === null && h.proc.signalCode === null) h.proc.kill("SIGKILL");
    }
  });

  test.each([["throw"], ["uncaught"], ["reject"]])("an error (%s) after taking the lock releases it and exits 1", async (how) => {
    await using ws = await tempWorkspace();
    const r = await runCli(["lock-hold", "--root", ws.dir, `--crash=${how}`]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('"held":true');
    expect(r.stderr).toContain("test-only");
    expect(record(ws.root)).toBeNull();
  });
});

describe("plandash lock", () => {
  test("no lock: says so, --json gives null, and nothing is created", async () => {
    await using ws = await tempWorkspace();
    const human = await runCli(["lock", "--root", ws.dir]);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain("No dashboard holds the lock");
    const json = await runCli(["lock", "--json", "--root", ws.dir]);
    expect(JSON.parse(json.stdout)).toEqual({ lock: null });
    expect(fs.existsSync(path.join(ws.root, ".plandash"))).toBe(false);
  });

  test("while held: who, where, since; the same object as status --json", async () => {
    await using ws = await tempWorkspace();
    const h = await hold(ws.dir);
    const human = await runCli(["lock", "--root", ws.dir]);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain(`Held by pid ${h.line.pid}`);
    expect(human.stdout).toContain("alive");
    expect(human.stdout).toContain(lockFile(ws.root));
    const json = JSON.parse((await runCli(["lock", "--json", "--root", ws.dir])).stdout);
    expect(json.lock).toMatchObject({ held: true, alive: true, pid: h.line.pid, version: expect.any(String), since: expect.any(String) });
    expect(typeof json.lock.host).toBe("string");
    const status = await runCli(["status", "--json", "--root", ws.dir]);
    expect(status.exitCode).toBe(0);
    expect(JSON.parse(status.stdout).lock).toEqual(json.lock);
    expect(record(ws.root)?.nonce).toBe(h.line.nonce);
    h.proc.kill("SIGTERM");
    await withTimeout(h.proc.exited, "holder exits");
  });

  test("--clear refuses a live lock (exit 1) and --force removes it", async () => {
    await using ws = await tempWorkspace();
    const h = await hold(ws.dir);
    const refused = await runCli(["lock", "--clear", "--root", ws.dir]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(refused.stderr).toContain("--force");
    expect(record(ws.root)?.pid).toBe(h.line.pid);
    const forced = await runCli(["lock", "--clear", "--force", "--root", ws.dir]);
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toContain(`pid ${h.line.pid}`);
    expect(record(ws.root)).toBeNull();
    h.proc.kill("SIGTERM");
    expect(await withTimeout(h.proc.exited, "holder exits")).toBe(143);
  });

  test("--clear removes a dead lock; on a free one it says there is nothing to clear", async () => {
    await using ws = await tempWorkspace();
    const h = await hold(ws.dir);
    h.proc.kill("SIGKILL");
    await withTimeout(h.proc.exited, "exit after SIGKILL");
    const cleared = await runCli(["lock", "--clear", "--root", ws.dir]);
    expect(cleared.exitCode).toBe(0);
    expect(cleared.stdout).toContain(`Removed the lock of pid ${h.line.pid}`);
    expect(record(ws.root)).toBeNull();
    const again = await runCli(["lock", "--clear", "--root", ws.dir]);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain("No lock to clear");
  });

  test("a corrupt lock file is reported, not a crash, and taken over by the next holder", async () => {
    await using ws = await tempWorkspace();
    fs.mkdirSync(path.join(ws.root, ".plandash"));
    fs.writeFileSync(lockFile(ws.root), "not a lock\n");
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockFile(ws.root), old, old);
    const json = await runCli(["lock", "--json", "--root", ws.dir]);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout).lock).toMatchObject({ held: false, alive: false, pid: null, problem: "not-json" });
    const h = await hold(ws.dir);
    expect(h.line.replaced).toMatchObject({ pid: null, reason: "corrupt" });
    h.proc.kill("SIGTERM");
    expect(await withTimeout(h.proc.exited, "holder exits")).toBe(143);
    expect(record(ws.root)).toBeNull();
  });

  test("an unusable lock path (a folder) is one clear error for lock, and only a warning for status", async () => {
    await using ws = await tempWorkspace();
    fs.mkdirSync(lockFile(ws.root), { recursive: true });
    const lock = await runCli(["lock", "--root", ws.dir]);
    expect(lock.exitCode).toBe(1);
    expect(lock.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(lock.stderr).toContain(lockFile(ws.root));
    const status = await runCli(["status", "--json", "--root", ws.dir]);
    expect(status.exitCode).toBe(0);
    expect(JSON.parse(status.stdout).lock).toBeNull();
    expect(status.stderr).toContain("cannot read the lock");
  });

  test("--force alone is a usage error", async () => {
    await using ws = await tempWorkspace();
    expect((await runCli(["lock", "--force", "--root", ws.dir])).exitCode).toBe(2);
  });

  test("lock-hold is hidden from the command list and its help says it is test-only", async () => {
    const general = await runCli(["--help"]);
    expect(general.stdout).toContain("lock");
    expect(general.stdout).not.toContain("lock-hold");
    const help = await runCli(["lock-hold", "--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain("Test-only");
  });
});
