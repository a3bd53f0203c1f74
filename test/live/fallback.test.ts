/** Failure paths with injected fakes: a watcher that cannot start, one that fails later, one that drops events, an nfs mount. */
import { describe, expect, test } from "bun:test";
import { EventEmitter } from "node:events";
import * as fs from "node:fs";
import { createEngine } from "../../src/live/engine";
import type { WatchFactory, WatcherHandle } from "../../src/live/fs-backend";
import { realFs, type FsPort } from "../../src/ports";
import { planDir, tempWorkspace, type Tree } from "../helpers/workspace";
import { fakeClock } from "./fake-clock";
import { startEngine } from "./engine-harness";

const enospc = () => Object.assign(new Error("ENOSPC: System limit for number of file watchers reached"), { code: "ENOSPC" });
const ws1 = () => ({ ALPHA: planDir("ALPHA", { index: ["1.1 First", "1.2 Second"], subplans: ["11"] }) });

/** A watcher the test drives by hand. */
function manualWatcher() {
  const emitters: { dir: string; emit: (name: string | null) => void; handle: WatcherHandle & EventEmitter; closed: boolean }[] = [];
  const factory: WatchFactory = (dir, onEvent) => {
    const handle = Object.assign(new EventEmitter(), { close: () => (entry.closed = true) }) as unknown as WatcherHandle & EventEmitter;
    const entry = { dir, emit: onEvent, handle, closed: false };
    emitters.push(entry);
    return handle;
  };
  return { factory, emitters };
}

describe("backend fallback and the safety net", () => {
  test("fs.watch throwing ENOSPC at start: auto polls, says why, and still sees changes", async () => {
    await using ws = await tempWorkspace(ws1());
    await using h = await startEngine(ws.root, "fs", {
      watch: "auto",
      watchFactory: () => {
        throw enospc();
      },
    });
    const f = h.engine.freshness();
    expect(f.backend).toBe("poll");
    expect(f.watcherFailed).toBe(true);
    expect(f.reason).toContain("ENOSPC");
    // The OS message already starts with its code: said once, not "ENOSPC: ENOSPC: …" (issue 9).
    expect(f.reason).toBe("fs.watch failed (ENOSPC: System limit for number of file watchers reached); polling every 40 ms");
    const backendEvents = h.events.filter((e) => e.type === "backend");
    expect(backendEvents).toHaveLength(1);
    expect(backendEvents[0]).toMatchObject({ backend: "poll", intervalMs: 40 });
    await ws.write("ALPHA/execution/feedbacks/APPROVED_11.md", "ok\n");
    await h.settled("approval seen by polling", () => h.transitions("ALPHA").some((t) => t.to === "approved"));
  });

  test("fs.watch erroring later: the engine switches to poll with a backend event and catches up", async () => {
    await using ws = await tempWorkspace(ws1());
    const manual = manualWatcher();
    await using h = await startEngine(ws.root, "fs", { watch: "auto", watchFactory: manual.factory });
    expect(h.engine.freshness().backend).toBe("fs");
    // Written while the (fake) watcher is silent, then it fails.
    await ws.write("ALPHA/execution/feedbacks/APPROVED_11.md", "ok\n");
    manual.emitters[0]?.handle.emit("error", enospc());
    const switched = h.events.find((e) => e.type === "backend");
    expect(switched).toMatchObject({ type: "backend", backend: "poll" });
    expect(switched?.type === "backend" ? switched.reason : "").toContain("ENOSPC");
    expect(manual.emitters[0]?.closed).toBe(true);
    await h.settled("the write made before the switch", () => h.transitions("ALPHA").some((t) => t.to === "approved"));
    await ws.write("ALPHA/execution/feedbacks/APPROVED_12.md", "ok\n");
    await h.settled("a write after the switch", () => h.transitions("ALPHA").some((t) => t.achievement === "1.2" && t.to === "approved"));
  });

  test("/proc/mounts saying nfs: auto polls and the reason names nfs", async () => {
    await using ws = await tempWorkspace(ws1());
    let watched = false;
    await using h = await startEngine(ws.root, "fs", {
      watch: "auto",
      readMounts: () => `/dev/vda / ext4 rw 0 0\nfiler:/export ${ws.dir} nfs rw,vers=4 0 0\n`,
      watchFactory: () => {
        watched = true;
        throw new Error("must not be called");
      },
    });
    const f = h.engine.freshness();
    expect(f).toMatchObject({ backend: "poll", fsType: "nfs", watcherFailed: false });
    expect(f.reason).toContain("nfs");
    expect(watched).toBe(false);
    await ws.write("ALPHA/execution/feedbacks/APPROVED_11.md", "ok\n");
    await h.settled("approval seen by polling", () => h.transitions("ALPHA").some((t) => t.to === "approved"));
  });

  test("a backend that drops events: the safety net repairs the state", async () => {
    await using ws = await tempWorkspace(ws1());
    const manual = manualWatcher();
    await using h = await startEngine(ws.root, "fs", { watchFactory: manual.factory, rescanIntervalMs: 100 });
    await ws.write("ALPHA/execution/feedbacks/APPROVED_11.md", "ok\n");
    await ws.write("NEW/PLAN_NEW.md", "## Achievement Index\n- Achievement 1.1: x\n");
    fs.writeFileSync(ws.path("ALPHA/execution/EXECUTION_TASK_ALPHA_12_01.md"), "**Status**: Complete\n");
    // No event is ever reported; only the rescan can see these.
    await h.settled("the safety net caught up", () => h.transitions("ALPHA").some((t) => t.to === "approved") && h.engine.state.plans.some((p) => p.id === "NEW"));
    expect(h.engine.freshness().backend).toBe("fs");
  });

  test("an event that names a path outside the plans only triggers the work it calls for", async () => {
    await using ws = await tempWorkspace(ws1());
    const manual = manualWatcher();
    await using h = await startEngine(ws.root, "fs", { watchFactory: manual.factory });
    await ws.write("ALPHA/execution/feedbacks/APPROVED_11.md", "ok\n");
    manual.emitters[0]?.emit(".plandash/dashboard.lock");
    manual.emitters[0]?.emit("ALPHA/execution/feedbacks/APPROVED_11.md");
    await h.settled("approval from one hint", () => h.transitions("ALPHA").some((t) => t.to === "approved"));
  });
});

describe("coalescing inside the engine (fake clock)", () => {
  test("10,000 hints over 100 plans in one window: each plan is re-read exactly once", async () => {
    const plans: Record<string, Tree> = {};
    for (let p = 0; p < 100; p++) plans[`P${p}`] = planDir(`P${p}`, { index: ["1.1 A"] });
    await using ws = await tempWorkspace(plans);
    const clock = fakeClock();
    const manual = manualWatcher();
    const reads = new Map<string, number>();
    const countingFs: FsPort = {
      ...realFs,
      readFile(file, max) {
        if (/PLAN_P\d+\.md$/.test(file)) reads.set(file, (reads.get(file) ?? 0) + 1);
        return realFs.readFile(file, max);
      },
    };
    const engine = createEngine({
      root: ws.root,
      fs: countingFs,
      clock,
      watch: "fs",
      pollIntervalMs: 1000,
      rescanIntervalMs: 600_000,
      debounceMs: 10,
      maxDepth: 3,
      staleExecutionDays: 7,
      readMounts: () => null,
      watchFactory: manual.factory,
    });
    await engine.start();
    reads.clear();
    const emit = manual.emitters[0]?.emit ?? (() => {});
    for (let i = 0; i < 10_000; i++) emit(`P${i % 100}/execution/EXECUTION_TASK_P${i % 100}_11_${i}.md`);
    expect(reads.size).toBe(0);
    clock.advance(10);
    expect(reads.size).toBe(100);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
    await engine.stop();
  });
});
