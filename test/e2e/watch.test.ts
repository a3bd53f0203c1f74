/** End-to-end: `plandash watch` and `plandash doctor` on the compiled binary, as a script would use them. */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { binaryPath } from "../helpers/binary";
import { childEnv } from "../helpers/child-env";
import { runCli } from "../helpers/run-cli";
import { waitFor, withTimeout } from "../helpers/wait-for";
import { spawnWatchFeed, waitForFeedToMatchStatus, type FeedEvent } from "../helpers/watch-feed";
import { planDir, tempDir, tempWorkspace, writeFiles, type Tree } from "../helpers/workspace";

interface Watcher extends AsyncDisposable {
  readonly proc: ReturnType<typeof Bun.spawn>;
  lines(): string[];
  waitForLine(pred: (line: string) => boolean, label: string): Promise<string>;
}

function spawnWatch(args: readonly string[], env: Record<string, string> = {}): Watcher {
  const home = tempDir("plandash-home-");
  const proc = Bun.spawn([binaryPath(), "watch", ...args], { cwd: home, env: childEnv(home, env), stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  let text = "";
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of proc.stdout as ReadableStream<Uint8Array>) text += decoder.decode(chunk, { stream: true });
  })();
  const lines = () => text.split("\n").filter((l) => l !== "");
  return {
    proc,
    lines,
    async waitForLine(pred, label) {
      return waitFor(() => lines().find(pred), `${label}; output so far:\n${lines().map((l) => l.slice(0, 200)).join("\n")}`, 10_000);
    },
    async [Symbol.asyncDispose]() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await proc.exited;
    },
  };
}

const json = (line: string) => JSON.parse(line) as Record<string, unknown>;
const fixture = () => ({ ALPHA: planDir("ALPHA", { index: ["1.1 First", "1.2 Second"], subplans: ["11"] }) });

describe("plandash watch", () => {
  test("--ndjson: snapshot, backend, then a plan-changed line for a write made by the test; SIGINT ends it with 130", async () => {
    await using ws = await tempWorkspace(fixture());
    await using w = spawnWatch(["--ndjson", "--root", ws.root]);
    const snapshot = json(await w.waitForLine((l) => l.includes('"type":"snapshot"'), "the snapshot"));
    expect(snapshot).toMatchObject({ type: "snapshot", schema: "plandash.status/1", root: ws.root });
    expect((snapshot.plans as { id: string }[]).map((p) => p.id)).toEqual(["ALPHA"]);
    expect(typeof snapshot.at).toBe("string");
    const backend = json(await w.waitForLine((l) => l.includes('"type":"backend"'), "the backend line"));
    expect(backend).toMatchObject({ backend: "fs", intervalMs: null });
    await ws.write("ALPHA/execution/feedbacks/APPROVED_11.md", "ok\n");
    const changed = json(await w.waitForLine((l) => l.includes('"type":"plan-changed"'), "plan-changed"));
    expect(changed.transitions).toEqual([{ achievement: "1.1", from: "planned", to: "approved" }]);
    expect((changed.plan as { id: string }).id).toBe("ALPHA");
    w.proc.kill("SIGINT");
    expect(await w.proc.exited).toBe(130);
  });

  test("plan-added and plan-removed lines; SIGTERM ends it with 143", async () => {
    await using ws = await tempWorkspace(fixture());
    await using w = spawnWatch(["--ndjson", "--root", ws.root]);
    await w.waitForLine((l) => l.includes('"type":"backend"'), "the backend line");
    await ws.write("BETA/PLAN_BETA.md", "## Achievement Index\n- Achievement 1.1: x\n");
    const added = json(await w.waitForLine((l) => l.includes('"type":"plan-added"'), "plan-added"));
    expect((added.plan as { id: string }).id).toBe("BETA");
    await ws.remove("BETA");
    expect(json(await w.waitForLine((l) => l.includes('"type":"plan-removed"'), "plan-removed"))).toMatchObject({ id: "BETA" });
    w.proc.kill("SIGTERM");
    expect(await w.proc.exited).toBe(143);
  });

  test("`watch --ndjson | head -1` ends by itself, 0 on both sides, with nothing on stderr", async () => {
    await using ws = await tempWorkspace(fixture());
    const home = tempDir("plandash-home-");
    // The watch process writes its pid first (exec keeps it), so a failure can end exactly that process.
    const script = `set -o pipefail; sh -c 'echo $$ > "$HOME/pid"; exec "$BIN" watch --ndjson --root "$ROOT" 2>"$HOME/err"' | head -1`;
    const proc = Bun.spawn(["bash", "-c", script], { env: childEnv(home, { BIN: binaryPath(), ROOT: ws.root }), stdout: "pipe", stderr: "pipe" });
    const [out, code] = await withTimeout(Promise.all([new Response(proc.stdout).text(), proc.exited]), "watch to end once head -1 has its line", 10_000).catch((error: Error) => {
      // Still running: end the watch (by the pid it wrote) and the shell, and say so.
      const pidFile = `${home}/pid`;
      if (fs.existsSync(pidFile)) process.kill(Number(fs.readFileSync(pidFile, "utf8")), "SIGKILL");
      proc.kill("SIGKILL");
      throw error;
    });
    expect(code).toBe(0);
    expect(json(out.trim()).type).toBe("snapshot");
    expect(await Bun.file(`${home}/err`).text()).toBe("");
  });

  test("a reader that goes away after everything was written ends it with 0 (no write needed to notice)", async () => {
    await using ws = await tempWorkspace(fixture());
    const home = tempDir("plandash-home-");
    // The reader takes its time, so every line is written before it leaves: only the closed pipe can end watch.
    const script = `set -o pipefail; "$BIN" watch --ndjson --root "$ROOT" | (sleep 0.3; head -1 >/dev/null)`;
    const proc = Bun.spawn(["bash", "-c", script], { env: childEnv(home, { BIN: binaryPath(), ROOT: ws.root }), stdout: "pipe", stderr: "pipe" });
    const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  test("every event carries seq 1, 2, 3… without a gap, snapshot first, across a burst of writes", async () => {
    await using ws = await tempWorkspace(fixture());
    await using feed = spawnWatchFeed(["--root", ws.root]);
    await feed.waitForEvent((e) => e.type === "backend", "the backend line");
    for (let i = 0; i < 30; i++) await ws.write(`P${i}/PLAN_P${i}.md`, "## Achievement Index\n- Achievement 1.1: x\n");
    await ws.write("ALPHA/execution/feedbacks/APPROVED_11.md", "ok\n");
    await feed.waitForEvent((e) => e.type === "plan-changed", "the last write");
    await waitFor(() => feed.events().filter((e) => e.type === "plan-added").length === 30, "30 plan-added events");
    const events = feed.events();
    expect(events[0]?.type).toBe("snapshot");
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  test("--heartbeat=1 adds a heartbeat line with its seq while nothing changes", async () => {
    await using ws = await tempWorkspace(fixture());
    await using feed = spawnWatchFeed(["--heartbeat=1", "--root", ws.root]);
    const beat = await feed.waitForEvent((e) => e.type === "heartbeat", "a heartbeat", 5_000);
    expect(Object.keys(beat)).toEqual(["type", "at", "seq"]);
    expect(beat.seq).toBe(3);
    expect(Number.isNaN(Date.parse(beat.at as string))).toBe(false);
    expect(feed.events().map((e) => e.type)).toEqual(["snapshot", "backend", "heartbeat"]);
  });

  test("--heartbeat with a value out of bounds is a usage error", async () => {
    await using ws = await tempWorkspace(fixture());
    for (const bad of ["--heartbeat=0", "--heartbeat=soon", "--heartbeat=1e12"]) {
      const r = await runCli(["watch", bad, "--root", ws.root]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain("--heartbeat");
    }
  });

  test("live updates off (--no-watch, or watch: off in the config): one line saying so, exit 2, no waiting", async () => {
    await using ws = await tempWorkspace(fixture());
    const flag = await runCli(["watch", "--no-watch", "--root", ws.root]);
    expect(flag.exitCode).toBe(2);
    expect(flag.stdout).toBe("");
    expect(flag.stderr).toMatch(/^plandash: live updates are off \(--no-watch\).*\n$/);
    await ws.write(".plandash/config.json", JSON.stringify({ watch: "off" }));
    const config = await runCli(["watch", "--ndjson", "--root", ws.root]);
    expect(config.exitCode).toBe(2);
    expect(config.stderr).toMatch(/^plandash: live updates are off \("watch": "off" in the config\).*\n$/);
  });

  test("started with stdout closed (`watch >&-`) it ends at once with 0", async () => {
    await using ws = await tempWorkspace(fixture());
    const home = tempDir("plandash-home-");
    // exec: the process the test kills on failure is plandash itself, not a shell around it.
    const proc = Bun.spawn(["bash", "-c", `exec "$BIN" watch --ndjson --root "$ROOT" >&-`], { env: childEnv(home, { BIN: binaryPath(), ROOT: ws.root }), stdout: "pipe", stderr: "pipe" });
    try {
      expect(await withTimeout(proc.exited, "watch with stdout closed to end", 10_000)).toBe(0);
      expect(await new Response(proc.stderr).text()).toBe("");
    } finally {
      proc.kill("SIGKILL");
    }
  });

  test("--poll=MS and PLANDASH_POLL=1 choose polling and say why", async () => {
    await using ws = await tempWorkspace(fixture());
    {
      await using w = spawnWatch(["--ndjson", "--poll=200", "--root", ws.root]);
      expect(json(await w.waitForLine((l) => l.includes('"type":"backend"'), "backend"))).toMatchObject({ backend: "poll", intervalMs: 200 });
      await ws.write("ALPHA/execution/feedbacks/APPROVED_11.md", "ok\n");
      await w.waitForLine((l) => l.includes('"type":"plan-changed"'), "plan-changed by polling");
    }
    {
      await using w = spawnWatch(["--ndjson", "--root", ws.root], { PLANDASH_POLL: "1" });
      const b = json(await w.waitForLine((l) => l.includes('"type":"backend"'), "backend"));
      expect(b).toMatchObject({ backend: "poll", intervalMs: 1000 });
      expect(b.reason).toContain("PLANDASH_POLL=1");
    }
  });

  test("the human form prints one timestamped line per transition", async () => {
    await using ws = await tempWorkspace(fixture());
    await using w = spawnWatch(["--root", ws.root]);
    await w.waitForLine((l) => l.includes("backend:"), "the backend line");
    await ws.write("ALPHA/execution/feedbacks/APPROVED_11.md", "ok\n");
    const line = await w.waitForLine((l) => l.includes("1.1"), "the transition line");
    expect(line).toMatch(/^\d\d:\d\d:\d\d +ALPHA 1\.1: planned → approved/);
  });

  test("bad --poll values are usage errors", async () => {
    await using ws = await tempWorkspace(fixture());
    const r = await runCli(["watch", "--poll=soon", "--root", ws.root]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--poll");
  });
});

/** What the engine says in a `backend` event once it watches the plans root again (src/live/engine.ts). */
const ROOT_WATCHED_AGAIN = /^plans root (is back|was replaced \(deleted and made again\); watching the new one); /;
const seqOf = (e: FeedEvent): number => e.seq as number;

describe.each([
  ["fs", []],
  ["poll", ["--poll=100"]],
] as [string, string[]][])("the plans root deleted and made again (issue 9 item 1), %s backend", (kind, flags) => {
  test("removed: an error event names the root and its plans go; made again: a backend event says it is back, and the feed equals a fresh status --json", async () => {
    await using ws = await tempWorkspace(fixture());
    await using feed = spawnWatchFeed(["--root", ws.root, ...flags]);
    await feed.waitForEvent((e) => e.type === "backend", "the backend line");
    fs.rmSync(ws.root, { recursive: true });
    const gone = await feed.waitForEvent((e) => e.type === "error", "an error event for the removed root");
    expect(gone).toMatchObject({ code: "ENOENT", message: "the plans root is gone; waiting for it to come back", path: ws.root });
    await feed.waitForEvent((e) => e.type === "plan-removed" && e.id === "ALPHA", "ALPHA removed with its root");

    writeFiles(path.join(ws.root, "BETA"), planDir("BETA", { index: ["1.1 Only"] }));
    const back = await feed.waitForEvent((e) => e.type === "backend" && seqOf(e) > seqOf(gone), "a backend event once the root is back");
    expect(back).toMatchObject({ backend: kind });
    expect(back.reason).toMatch(/^plans root is back; /);
    await waitForFeedToMatchStatus(feed, ws.root, 10_000);
    expect([...feed.rebuilt().keys()]).toEqual(["BETA"]);
    expect(feed.stderr()).toBe("");
  }, 30_000);

  test("deleted and made again at once, a dozen times in a row: the feed says the new root is watched, converges, and still reports a plan written afterwards", async () => {
    await using ws = await tempWorkspace(fixture());
    await using feed = spawnWatchFeed(["--root", ws.root, ...flags]);
    const started = await feed.waitForEvent((e) => e.type === "backend", "the backend line");
    for (let i = 0; i < 12; i++) {
      fs.rmSync(ws.root, { recursive: true });
      writeFiles(path.join(ws.root, `FLIP${i}`), planDir(`FLIP${i}`, { index: ["1.1 Only"] }));
    }
    // Whichever way the engine saw it (replaced, or gone and back), its last word is that it watches the root again.
    const said = () => feed.events().filter((e) => e.type === "backend" || e.type === "error");
    await waitFor(() => {
      const last = said().at(-1);
      return last !== undefined && seqOf(last) > seqOf(started) && last.type === "backend" && ROOT_WATCHED_AGAIN.test(last.reason as string);
    }, "a backend event saying the root is watched again, as the last backend/error event").catch((error: Error) => {
      throw new Error(`${error.message}; said:\n${said().map((e) => JSON.stringify(e)).join("\n")}`);
    });
    await waitForFeedToMatchStatus(feed, ws.root, 10_000);
    expect([...feed.rebuilt().keys()]).toEqual(["FLIP11"]);

    writeFiles(path.join(ws.root, "LATE"), planDir("LATE", { index: ["1.1 Only"] }));
    await feed.waitForEvent((e) => e.type === "plan-added" && (e.plan as { id: string }).id === "LATE", "plan-added for a plan written after the flips");
    expect(feed.stderr()).toBe("");
  }, 30_000);
});

/** A user namespace where this test may lower the inotify watch limit for its children only (Linux ≥ 5.11, unprivileged user namespaces). */
const canLimitWatches =
  process.platform === "linux" && Bun.spawnSync(["unshare", "-U", "-r", "sh", "-c", "echo 5 > /proc/sys/user/max_inotify_watches"], { stderr: "pipe" }).exitCode === 0;
if (!canLimitWatches) console.warn("[watch.test] no user namespace with its own inotify limit here: the out-of-watches agreement test is skipped");

/** Runs the binary with at most `watches` inotify watches for it (and only it). */
const withWatchLimit = (watches: number, args: string[]): string[] => ["unshare", "-U", "-r", "sh", "-c", `echo ${watches} > /proc/sys/user/max_inotify_watches && exec "$0" "$@"`, binaryPath(), ...args];

describe("plandash doctor", () => {
  test.skipIf(!canLimitWatches)("out of inotify watches: doctor's backend line says what watch ends up using (poll, ENOSPC)", async () => {
    const plans: Record<string, Tree> = {};
    for (let i = 0; i < 40; i++) plans[`grp${i % 4}/P${i}`] = planDir(`P${i}`, { index: ["1.1 x"], subplans: ["11"] });
    await using ws = await tempWorkspace(plans);
    const home = tempDir("plandash-home-");
    const env = childEnv(home);
    const doctor = Bun.spawnSync(withWatchLimit(8, ["doctor", "--json", "--root", ws.root]), { env, cwd: home });
    expect(doctor.exitCode).toBe(0);
    const doc = JSON.parse(doctor.stdout.toString());
    const human = Bun.spawnSync(withWatchLimit(8, ["doctor", "--root", ws.root]), { env, cwd: home }).stdout.toString();
    const watch = Bun.spawn(withWatchLimit(8, ["watch", "--ndjson", "--root", ws.root]), { env, cwd: home, stdout: "pipe", stderr: "pipe" });
    try {
      let out = "";
      void (async () => {
        for await (const chunk of watch.stdout as ReadableStream<Uint8Array>) out += new TextDecoder().decode(chunk);
      })();
      const backends = () => out.split("\n").filter((l) => l.includes('"type":"backend"')).map((l) => JSON.parse(l) as { backend: string; reason: string });
      await waitFor(() => backends().some((b) => b.backend === "poll"), `watch to fall back to poll; output: ${out.slice(0, 500)}`);
      const final = backends().at(-1);
      expect(doc.backend.backend).toBe(final?.backend);
      expect(doc.watchError).toBe("ENOSPC");
      expect(doc.backend.reason).toContain("ENOSPC");
      expect(final?.reason).toContain("ENOSPC");
      expect(human).toMatch(/backend +poll every 1000 ms — fs\.watch failed \(ENOSPC/);
      expect(human).toContain("out of inotify watches, so plandash polls");
      // The OS message starts with its code already: said once (issue 9, low).
      for (const said of [doc.backend.reason, final?.reason, human]) expect(said).not.toContain("ENOSPC: ENOSPC");
    } finally {
      watch.kill("SIGKILL");
      await watch.exited;
    }
  });

  test("--json names the root and how it was found, the backend and why, inotify use, config and terminal", async () => {
    await using ws = await tempWorkspace(fixture());
    const r = await runCli(["doctor", "--json", "--root", ws.root]);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schema: "plandash.doctor/1", root: ws.root, rootSource: "flag", backend: { backend: "fs" } });
    expect(typeof doc.backend.reason).toBe("string");
    expect(doc.config.files).toEqual([]);
    expect(doc.terminal).toMatchObject({ stdoutTTY: false });
    if (process.platform === "linux") {
      expect(doc.fsType).toBeString();
      expect(doc.inotify.maxUserWatches).toBeGreaterThan(0);
      expect(doc.inotify.neededForRoot).toBeGreaterThan(0);
    }
  });

  test("the human form says the same in lines", async () => {
    await using ws = await tempWorkspace(fixture());
    const r = await runCli(["doctor", "--root", ws.root], { env: { PLANDASH_POLL: "1" } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(ws.root);
    expect(r.stdout).toMatch(/backend +poll every 1000 ms — polling forced \(PLANDASH_POLL=1\)/);
    expect(r.stdout).toContain("terminal");
  });
});
