/** The notifier on a fake engine and a fake clock: one signal per coalesced batch, by the chosen method. */
import { expect, test } from "bun:test";
import type { ProcessRunner, RunOptions } from "../../src/actions/process";
import type { PlansDiff } from "../../src/core/diff";
import type { Plan, WorkspaceState } from "../../src/core/types";
import type { EngineEvent } from "../../src/live/engine";
import { notifyMethodFor, startNotifier } from "../../src/notify/notifier";
import type { NotifyMethod } from "../../src/notify/method";
import { fakeClock } from "../helpers/fake-clock";

function fakeEngine() {
  const listeners = new Set<(e: EngineEvent) => void>();
  return {
    subscribe(l: (e: EngineEvent) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    get listeners() {
      return listeners.size;
    },
    emit(e: EngineEvent) {
      for (const l of listeners) l(e);
    },
  };
}

const STATE: WorkspaceState = { root: "/w", plans: [], scannedAt: 0 };
const plan = (id: string): Plan => ({ id, name: id }) as unknown as Plan;
function turned(id: string, achievement: string, from: "in-progress" | "awaiting-review", to: "awaiting-review" | "needs-fix" | "approved"): EngineEvent {
  const diff: PlansDiff = { changed: [{ before: plan(id), after: plan(id), transitions: [{ achievement, from, to }] }], added: [], removed: [] };
  return { type: "update", at: 0, state: STATE, diff, cause: "hint" };
}

function fakeRunner(found: string | null): ProcessRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    which: (name) => (name === "notify-send" ? found : null),
    run: async (argv: readonly string[], _options: RunOptions) => {
      calls.push([...argv]);
      return { exitCode: 0, signal: null, stdout: "", spawnError: null, timedOut: false, forwarded: null };
    },
  };
}

function setUp(method: NotifyMethod) {
  const clock = fakeClock();
  const engine = fakeEngine();
  const written: string[] = [];
  const runner = fakeRunner("/usr/bin/notify-send");
  const stop = startNotifier(engine, { clock, method, terminal: { write: (s) => written.push(s) }, runner });
  return { clock, engine, written, runner, stop };
}

test("bell: one BEL per transition to awaiting-review or needs-fix, transitions within a second share one", () => {
  const s = setUp({ kind: "terminal", signal: "bell", why: "" });
  s.engine.emit(turned("A", "1.1", "in-progress", "approved"));
  s.clock.advance(2_000);
  expect(s.written).toEqual([]);
  s.engine.emit(turned("A", "1.2", "in-progress", "awaiting-review"));
  s.clock.advance(1_000);
  expect(s.written).toEqual(["\x07"]);
  s.engine.emit(turned("A", "1.3", "in-progress", "awaiting-review"));
  s.clock.advance(300);
  s.engine.emit(turned("B", "2.1", "awaiting-review", "needs-fix"));
  s.clock.advance(1_000);
  expect(s.written).toEqual(["\x07", "\x07"]);
  s.stop();
  expect(s.engine.listeners).toBe(0);
  s.engine.emit(turned("A", "1.4", "in-progress", "awaiting-review"));
  s.clock.advance(1_000);
  expect(s.written.length).toBe(2);
});

test("desktop on a terminal: one OSC 9 naming the achievement; without one: notify-send with an argv", () => {
  const osc = setUp({ kind: "terminal", signal: "osc9", why: "" });
  osc.engine.emit(turned("AUTH", "1.2", "in-progress", "awaiting-review"));
  osc.clock.advance(1_000);
  expect(osc.written).toEqual(["\x1b]9;plandash: AUTH 1.2 is awaiting review\x07"]);
  expect(osc.runner.calls).toEqual([]);

  const send = setUp({ kind: "notify-send", path: "/usr/bin/notify-send" });
  send.engine.emit(turned("AUTH", "1.2", "awaiting-review", "needs-fix"));
  send.clock.advance(1_000);
  expect(send.written).toEqual([]);
  expect(send.runner.calls).toEqual([["/usr/bin/notify-send", "--app-name=plandash", "plandash", "AUTH 1.2 needs a fix"]]);
});

test("off, or nothing to carry it: no subscription at all", () => {
  for (const method of [{ kind: "off" }, { kind: "none", why: "x" }] as NotifyMethod[]) {
    const s = setUp(method);
    expect(s.engine.listeners).toBe(0);
  }
});

test("notify-send is looked up only for desktop without a terminal", () => {
  const runner = fakeRunner("/opt/bin/notify-send");
  expect(notifyMethodFor("desktop", false, {}, runner)).toEqual({ kind: "notify-send", path: "/opt/bin/notify-send" });
  expect(notifyMethodFor("desktop", false, {}, fakeRunner(null)).kind).toBe("none");
  expect(notifyMethodFor("bell", true, {}, runner)).toMatchObject({ kind: "terminal", signal: "bell" });
});
