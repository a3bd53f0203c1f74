/**
 * The engine in a world of fakes only (memory FsPort + fake clock): what a screen relies on —
 * freshness that moves on every reconcile, refresh() that shares one re-read and says what
 * changed, staleness that turns on with time alone, timers within bounds, and a plans root that
 * is replaced behind a dead watch.
 */
import { describe, expect, test } from "bun:test";
import * as path from "node:path";
import { createEngine, ROOT_CHECK_MS, type EngineEvent, type EngineOptions } from "../../src/live/engine";
import { MAX_TIMER_MS } from "../../src/workspace/config";
import { fakeClock } from "../helpers/fake-clock";
import { memoryFs } from "../helpers/memory-fs";
import { planDir, type Tree } from "../helpers/workspace";

const ROOT = "/ws/plans";
const DAY_MS = 86_400_000;

function world(plans: Record<string, Tree>, options: Partial<EngineOptions> = {}) {
  const clock = fakeClock();
  const fs = memoryFs(clock);
  fs.mkdir(ROOT);
  for (const [id, tree] of Object.entries(plans)) for (const [rel, content] of Object.entries(tree)) fs.put(path.join(ROOT, id, rel), String(content));
  const engine = createEngine({ root: ROOT, fs, clock, watch: "fs", pollIntervalMs: 1000, rescanIntervalMs: 30_000, debounceMs: 10, maxDepth: 3, staleExecutionDays: 7, ...options });
  const events: EngineEvent[] = [];
  engine.subscribe((e) => events.push(e));
  const since = (n: number) => events.slice(n);
  const updates = (from = 0) => since(from).flatMap((e) => (e.type === "update" ? [e] : []));
  const freshnessEvents = (from = 0) => since(from).flatMap((e) => (e.type === "freshness" ? [e] : []));
  return { clock, fs, engine, events, updates, freshnessEvents, file: (rel: string) => path.join(ROOT, rel) };
}

const alpha = () => ({ ALPHA: planDir("ALPHA", { index: ["1.1 First", "1.2 Second"], subplans: ["11"] }) });
const statusOf = (w: ReturnType<typeof world>, id: string) => w.engine.state.plans.find((p) => p.id === "ALPHA")?.achievements.find((a) => a.id === id);

describe("the engine with a fake FsPort and a fake clock", () => {
  test("the fake FsPort is its whole world: it loads, watches and re-reads through it alone", async () => {
    const w = world(alpha());
    await w.engine.start();
    expect(w.engine.state.plans.map((p) => p.id)).toEqual(["ALPHA"]);
    expect(w.fs.openWatchers).toBe(1);
    w.fs.put(w.file("ALPHA/execution/feedbacks/APPROVED_11.md"), "ok\n");
    w.clock.advance(0);
    expect(w.updates().flatMap((u) => u.diff.changed.flatMap((c) => c.transitions))).toEqual([{ achievement: "1.1", from: "planned", to: "approved" }]);
    await w.engine.stop();
    expect(w.fs.openWatchers).toBe(0);
  });

  describe("freshness", () => {
    test("a poll tick that finds nothing new still moves lastUpdateAt, and says so", async () => {
      const w = world(alpha(), { watch: "poll" });
      await w.engine.start();
      const mark = w.events.length;
      w.clock.advance(1000);
      expect(w.updates(mark)).toEqual([]);
      expect(w.freshnessEvents(mark).at(-1)?.freshness.lastUpdateAt).toBe(w.clock.now());
      expect(w.engine.freshness().lastUpdateAt).toBe(w.clock.now());
    });

    test("a safety-net run that finds nothing new still moves lastUpdateAt, and ends with scanning off", async () => {
      const w = world(alpha(), { rescanIntervalMs: 30_000 });
      await w.engine.start();
      const mark = w.events.length;
      w.clock.advance(30_000);
      const last = w.freshnessEvents(mark).at(-1)?.freshness;
      expect(last).toMatchObject({ lastUpdateAt: w.clock.now(), scanning: false });
      expect(w.freshnessEvents(mark).some((e) => e.freshness.scanning)).toBe(true);
    });
  });

  describe("refresh", () => {
    test("refresh() re-reads everything and resolves with what changed", async () => {
      const w = world(alpha(), { watch: "off" });
      await w.engine.start();
      w.fs.put(w.file("ALPHA/execution/feedbacks/APPROVED_11.md"), "ok\n");
      w.fs.put(w.file("BETA/PLAN_BETA.md"), "## Achievement Index\n- Achievement 1.1: x\n");
      const pending = w.engine.refresh();
      w.clock.advance(0);
      const diff = await pending;
      expect(diff.changed.map((c) => c.transitions)).toEqual([[{ achievement: "1.1", from: "planned", to: "approved" }]]);
      expect(diff.added.map((p) => p.id)).toEqual(["BETA"]);
      expect(statusOf(w, "1.1")?.status).toBe("approved");
    });

    test("concurrent refresh() calls share one re-read and one publication", async () => {
      const w = world(alpha(), { watch: "off" });
      await w.engine.start();
      w.fs.put(w.file("ALPHA/execution/feedbacks/APPROVED_12.md"), "ok\n");
      const planFile = w.file("ALPHA/PLAN_ALPHA.md");
      const readsBefore = w.fs.reads.get(planFile) ?? 0;
      const mark = w.events.length;
      const first = w.engine.refresh();
      const second = w.engine.refresh();
      expect(second).toBe(first);
      w.clock.advance(0);
      const [a, b] = await Promise.all([first, second]);
      expect(a.changed).toHaveLength(1);
      expect(b).toBe(a);
      expect((w.fs.reads.get(planFile) ?? 0) - readsBefore).toBe(1);
      expect(w.updates(mark)).toHaveLength(1);
      // Once settled, the next call is a new re-read.
      const third = w.engine.refresh();
      expect(third).not.toBe(first);
      w.clock.advance(0);
      expect((await third).changed).toEqual([]);
    });

    test("refresh({ plan }) re-reads that plan at once and resolves with its change", async () => {
      const w = world(alpha(), { watch: "off" });
      await w.engine.start();
      w.fs.put(w.file("ALPHA/execution/EXECUTION_TASK_ALPHA_12_01.md"), "**Status**: In Progress\n");
      const diff = await w.engine.refresh({ plan: "ALPHA" });
      expect(diff.changed.map((c) => c.transitions)).toEqual([[{ achievement: "1.2", from: "not-started", to: "in-progress" }]]);
      expect(statusOf(w, "1.2")?.status).toBe("in-progress");
    });

    test("a refresh that finds nothing resolves with an empty diff and still moves lastUpdateAt", async () => {
      const w = world(alpha(), { watch: "off" });
      await w.engine.start();
      w.clock.advance(5_000);
      const pending = w.engine.refresh();
      w.clock.advance(0);
      expect(await pending).toEqual({ changed: [], added: [], removed: [] });
      expect(w.engine.freshness()).toMatchObject({ lastUpdateAt: w.clock.now(), scanning: false });
    });
  });

  test("an in-progress execution crossing staleExecutionDays with no file change is published as stale", async () => {
    const w = world(alpha(), { watch: "off" });
    // Written 7 days minus an hour ago: stale one hour from now.
    w.fs.put(w.file("ALPHA/execution/EXECUTION_TASK_ALPHA_11_01.md"), "**Status**: In Progress\n", w.clock.now() - 7 * DAY_MS + 3_600_000);
    await w.engine.start();
    expect(statusOf(w, "1.1")).toMatchObject({ status: "in-progress", stale: false });
    const mark = w.events.length;
    w.clock.advance(3_599_000);
    expect(w.updates(mark)).toEqual([]);
    w.clock.advance(2_000);
    const [update] = w.updates(mark);
    expect(update?.cause).toBe("stale");
    expect(update?.diff.changed[0]?.after.achievements[0]).toMatchObject({ id: "1.1", stale: true });
    expect(statusOf(w, "1.1")?.stale).toBe(true);
  });

  test.each([["fs"], ["poll"]] as const)("%s: huge intervals never make a timer past 2^31-1 ms (no overflow busy loop)", async (watch) => {
    const w = world(alpha(), { watch, pollIntervalMs: 1e12, rescanIntervalMs: 1e300, debounceMs: 1e300 });
    await w.engine.start();
    for (let i = 0; i < 3; i++) {
      w.fs.put(w.file(`ALPHA/execution/feedbacks/APPROVED_1${i + 1}.md`), "ok\n");
      w.clock.advance(1_000);
    }
    const delays = w.clock.requestedDelays;
    expect(delays.filter((ms) => !(ms >= 0 && ms <= MAX_TIMER_MS))).toEqual([]);
    // A busy loop would have set thousands of timers in those three seconds.
    expect(delays.length).toBeLessThan(40);
    expect(w.engine.freshness().intervalMs).toBe(watch === "poll" ? MAX_TIMER_MS : null);
  });

  describe("the plans root", () => {
    test("deleted and made again behind a dead watch: the root check re-arms on the new one, says so, and keeps reporting", async () => {
      const w = world(alpha());
      await w.engine.start();
      const mark = w.events.length;
      w.fs.remove(ROOT);
      w.fs.put(w.file("NEW/PLAN_NEW.md"), "## Achievement Index\n- Achievement 1.1: x\n");
      // The old watch is dead: nothing was reported.
      w.clock.advance(ROOT_CHECK_MS - 1);
      expect(w.updates(mark)).toEqual([]);
      w.clock.advance(1);
      const backend = w.events.find((e) => e.type === "backend");
      expect(backend).toMatchObject({ type: "backend", backend: "fs" });
      expect(backend?.type === "backend" ? backend.reason : "").toContain("replaced");
      expect(w.engine.state.plans.map((p) => p.id)).toEqual(["NEW"]);
      expect(w.fs.openWatchers).toBe(1);
      w.fs.put(w.file("NEW/execution/feedbacks/APPROVED_11.md"), "ok\n");
      w.clock.advance(0);
      expect(w.engine.state.plans[0]?.achievements[0]?.status).toBe("approved");
    });

    test("gone: an error, no plans, then back with a backend event once a folder is there again", async () => {
      const w = world(alpha());
      await w.engine.start();
      w.fs.silent = true;
      w.fs.remove(ROOT);
      w.fs.silent = false;
      w.clock.advance(ROOT_CHECK_MS);
      expect(w.events.find((e) => e.type === "error")).toMatchObject({ code: "ENOENT", path: ROOT });
      expect(w.engine.state.plans).toEqual([]);
      expect(w.engine.freshness().lastError?.code).toBe("ENOENT");
      w.fs.put(w.file("BACK/PLAN_BACK.md"), "## Achievement Index\n- Achievement 1.1: x\n");
      w.clock.advance(500);
      const back = w.events.filter((e) => e.type === "backend").at(-1);
      expect(back?.type === "backend" ? back.reason : "").toContain("plans root is back");
      expect(w.engine.state.plans.map((p) => p.id)).toEqual(["BACK"]);
      expect(w.engine.freshness().lastError).toBeNull();
    });
  });
});
