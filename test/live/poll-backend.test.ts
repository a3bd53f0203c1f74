import { describe, expect, test } from "bun:test";
import * as path from "node:path";
import { createEngine, type EngineEvent } from "../../src/live/engine";
import { formatInterval, freshnessLabel } from "../../src/live/freshness";
import { createPollBackend, nextPollInterval } from "../../src/live/poll-backend";
import type { FsPort } from "../../src/ports";
import { fakeClock } from "../helpers/fake-clock";
import { memoryFs } from "../helpers/memory-fs";
import { planDir } from "../helpers/workspace";

describe("the poll budget (SPEC §4: a tick uses at most 5 % of its interval)", () => {
  test.each([
    [1000, 1000, 10, 1000, "a quick tick keeps the interval"],
    [1000, 1000, 50, 1000, "exactly 5 % is within budget"],
    [1000, 1000, 80, 1600, "a slower one stretches it to 20× the tick time"],
    [1000, 1600, 70, 1600, "a little faster: no flapping"],
    [1000, 1600, 30, 1000, "fast again: back, never below the configured interval"],
    [1000, 4000, 60, 1200, "half as slow: shrinks to 20× the tick time"],
    [1000, 1000, 1e12, 2 ** 31 - 1, "never past the longest timer"],
  ])("base %d, now %d, tick %d ms → %d (%s)", (base, current, spent, expected) => {
    expect(nextPollInterval(base, current, spent)).toBe(expected);
  });

  test("fewer ticks than STRETCH_SAMPLES never stretch (one descheduled tick is not a slow tree), but may shrink", () => {
    expect(nextPollInterval(1000, 1000, 80, 1)).toBe(1000);
    expect(nextPollInterval(1000, 1000, 80, 2)).toBe(1000);
    expect(nextPollInterval(1000, 1000, 80, 3)).toBe(1600);
    expect(nextPollInterval(1000, 4000, 10, 1)).toBe(1000);
  });

  describe("with a clock that tells CPU time", () => {
    /** A poll backend whose checks cost `checkCpu` ms of CPU and `checkWall` ms of wall time, with `between` ms of CPU (collections, timers) between checks. */
    function polled(costs: { checkCpu: number; checkWall: number; between: number }) {
      const clock = fakeClock();
      let cpu = 0;
      const stretches: number[] = [];
      const backend = createPollBackend({ ...clock, cpuMs: () => cpu }, 1000, (ms) => stretches.push(ms));
      backend.start({
        onHint: () => {
          cpu += costs.checkCpu;
          clock.advance(costs.checkWall);
        },
        onFailure: () => {},
      });
      const cycle = (): void => {
        cpu += costs.between;
        clock.advance((backend.intervalMs ?? 1000) - costs.checkWall);
      };
      return { backend, stretches, cycle };
    }

    test("the cost of a tick is all the CPU of its cycle, so polling idles at 5 % of the interval, not 5 % plus what follows each check", () => {
      const p = polled({ checkCpu: 60, checkWall: 60, between: 20 });
      for (let i = 0; i < 5; i++) p.cycle();
      // (60 + 20) ms of CPU a cycle → 20 × 80 = 1,600 ms and 10 % in hand; the check alone (60 ms) would give 1,200.
      expect(p.stretches.length).toBeGreaterThan(0);
      expect(p.stretches[0]).toBe(1320); // the first tick already stretches: 20 × 60 × 1.1
      expect(p.backend.intervalMs).toBe(1760);
      for (let i = 0; i < 5; i++) p.cycle();
      expect(p.backend.intervalMs).toBe(1760); // steady: no more stretching, no more events
      expect(p.stretches.at(-1)).toBe(1760);
    });

    test("the engine's poll backend is timed by that CPU clock: checks that cost CPU but no wall time stretch it", async () => {
      const clock = fakeClock();
      let cpu = 0;
      const mem = memoryFs(clock);
      for (const [rel, text] of Object.entries(planDir("ALPHA", { index: ["1.1 First"] }))) mem.put(path.join("/ws/plans/ALPHA", rel), String(text));
      // Every stat costs 30 ms of CPU and no wall time: only a CPU clock can see it.
      const costly: FsPort = { ...mem, statOrNull: (file) => ((cpu += 30), mem.statOrNull(file)) };
      const engine = createEngine({ root: "/ws/plans", fs: costly, clock: { ...clock, cpuMs: () => cpu }, watch: "poll", pollIntervalMs: 1000, rescanIntervalMs: 600_000, debounceMs: 10, maxDepth: 3, staleExecutionDays: 7 });
      const events: EngineEvent[] = [];
      engine.subscribe((e) => events.push(e));
      await engine.start();
      clock.advance(1000);
      const stretched = events.find((e) => e.type === "backend");
      expect(stretched?.type === "backend" ? stretched.intervalMs : null).toBeGreaterThan(1000);
      expect(engine.freshness().stretch?.tickMs).toBeGreaterThan(0);
      await engine.stop();
    });

    test("a check that took long on the wall clock but little CPU (descheduled on a busy machine) stretches nothing", () => {
      const p = polled({ checkCpu: 5, checkWall: 400, between: 1 });
      for (let i = 0; i < 6; i++) p.cycle();
      expect(p.stretches).toEqual([]);
      expect(p.backend.intervalMs).toBe(1000);
    });
  });

  test("a slow check stretches the engine's interval and says so in a backend event; the next tick honours it", async () => {
    const clock = fakeClock();
    const mem = memoryFs(clock);
    for (const [rel, text] of Object.entries(planDir("ALPHA", { index: ["1.1 First"] }))) mem.put(path.join("/ws/plans/ALPHA", rel), String(text));
    let statCostMs = 0;
    let stats = 0;
    // Every stat of a tick costs time, like a slow network filesystem.
    const slow: FsPort = { ...mem, statOrNull: (file) => (stats++, clock.advance(statCostMs), mem.statOrNull(file)) };
    const engine = createEngine({ root: "/ws/plans", fs: slow, clock, watch: "poll", pollIntervalMs: 1000, rescanIntervalMs: 600_000, debounceMs: 10, maxDepth: 3, staleExecutionDays: 7 });
    const events: EngineEvent[] = [];
    engine.subscribe((e) => events.push(e));
    await engine.start();
    statCostMs = 20;
    // One slow tick is not enough (it may just have been descheduled); three in a row are.
    stats = 0;
    clock.advance(1000);
    const statsPerTick = stats;
    expect(statsPerTick).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === "backend")).toEqual([]);
    clock.advance(2000);
    const stretched = events.find((e) => e.type === "backend");
    expect(stretched?.type === "backend" && stretched.intervalMs !== null && stretched.intervalMs > 1000).toBe(true);
    const intervalMs = stretched?.type === "backend" ? (stretched.intervalMs ?? 0) : 0;
    const tickMs = statsPerTick * statCostMs;
    expect(intervalMs).toBe(20 * tickMs);
    // The reason says why: how many files a check looks at, what a check costs, the interval that follows.
    const reason = stretched?.type === "backend" ? stretched.reason : "";
    expect(reason).toContain(`stretched: ${statsPerTick} files take ${tickMs} ms a check, so every ${intervalMs} ms`);
    expect(engine.freshness().intervalMs).toBe(intervalMs);
    expect(engine.freshness().stretch).toEqual({ files: statsPerTick, tickMs });
    // The dashboard footer shows the effective interval and why.
    expect(freshnessLabel(engine.freshness())).toBe(`◌ polling every ${formatInterval(intervalMs)} (stretched: ${statsPerTick} files)`);
    // The next tick comes one stretched interval after the last one began, not 1 s later.
    statCostMs = 0;
    const ticks = () => events.filter((e) => e.type === "freshness").length;
    const before = ticks();
    clock.advance(1000);
    expect(ticks()).toBe(before);
    clock.advance(intervalMs);
    expect(ticks()).toBeGreaterThan(before);
    expect(engine.freshness().intervalMs).toBe(1000);
    expect(engine.freshness().stretch).toBeNull();
    expect(freshnessLabel(engine.freshness())).toBe("◌ polling every 1s");
    await engine.stop();
  });
});
