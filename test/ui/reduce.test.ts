/** The dashboard's logic with no terminal: keys, live updates and answers in, state and effects out. */
import { describe, expect, test } from "bun:test";
import { diffPlans } from "../../src/core/diff";
import type { Plan } from "../../src/core/types";
import { currentScreen, initialState, liveMessage, type AppState, type LockView } from "../../src/ui/app-state";
import { reduce, type AppEvent, type Effect } from "../../src/ui/reduce";
import { freshnessOf, memoryPlan, workspaceOf } from "../helpers/plans";

const ALPHA = memoryPlan("ALPHA", { index: ["1.1 First", "1.2 Second", "1.3 Third"], subplans: ["11"], approved: [] });
const GAMMA = memoryPlan("GAMMA", { index: ["1.1 Only"] });

function start(plans: readonly Plan[], lock: LockView = { role: "holder" }, rows = 30): AppState {
  return initialState({
    data: workspaceOf(plans),
    size: { cols: 100, rows },
    freshness: freshnessOf(),
    lock,
    now: 1_000_000,
    facts: { hasAgentCommand: false, staleAfterMinutes: 5, demoDir: null },
  });
}

function run(state: AppState, ...events: (AppEvent | string)[]): { state: AppState; effects: Effect[] } {
  let s = state;
  const effects: Effect[] = [];
  let at = 1_000_000;
  for (const e of events) {
    at += 1000;
    const r = reduce(s, typeof e === "string" ? { type: "key", key: e, at } : e);
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

const selected = (s: AppState): string | null => {
  const screen = currentScreen(s);
  return screen.kind === "workspace" || screen.kind === "plan" ? screen.cursor.id : null;
};

function update(before: readonly Plan[], after: readonly Plan[]): AppEvent {
  return { type: "update", data: workspaceOf(after), diff: diffPlans(before, after), at: 2_000_000 };
}

describe("selection", () => {
  test("starts on the first plan and moves with j/k, g/G, digits", () => {
    const s0 = start([ALPHA, GAMMA]);
    expect(selected(s0)).toBe("ALPHA");
    expect(selected(run(s0, "j").state)).toBe("GAMMA");
    expect(selected(run(s0, "j", "j", "j").state)).toBe("GAMMA");
    expect(selected(run(s0, "G", "k").state)).toBe("ALPHA");
    expect(selected(run(s0, "2").state)).toBe("GAMMA");
  });

  test("is kept by id when a plan appears above it", () => {
    const BETA = memoryPlan("BETA", { index: ["1.1 x"] });
    const s = run(start([ALPHA, GAMMA]), "j", update([ALPHA, GAMMA], [ALPHA, BETA, GAMMA])).state;
    expect(selected(s)).toBe("GAMMA");
    const screen = currentScreen(s);
    expect(screen.kind === "workspace" && screen.cursor.index).toBe(2);
  });

  test("moves to the neighbour when its plan disappears, and says so", () => {
    const s = run(start([ALPHA, GAMMA]), update([ALPHA, GAMMA], [GAMMA])).state;
    expect(selected(s)).toBe("GAMMA");
    expect(s.message?.text).toBe("ALPHA is gone; selected GAMMA");
  });

  test("a plan screen opens on the plan's next achievement and closes when the plan goes away", () => {
    const opened = run(start([ALPHA, GAMMA]), "enter").state;
    expect(currentScreen(opened)).toMatchObject({ kind: "plan", planId: "ALPHA" });
    expect(selected(opened)).toBe(ALPHA.next?.achievement ?? null);
    const gone = run(opened, update([ALPHA, GAMMA], [GAMMA])).state;
    expect(currentScreen(gone).kind).toBe("workspace");
    expect(gone.message?.text).toMatch(/plan ALPHA is gone/);
  });

  test("the viewport follows the selection through 1,000 plans", () => {
    const many = Array.from({ length: 1000 }, (_, i) => memoryPlan(`P${String(i).padStart(4, "0")}`, { index: ["1.1 x"] }));
    const s = run(start(many, { role: "holder" }, 20), "G").state;
    const screen = currentScreen(s);
    expect(screen.kind === "workspace" && screen.cursor.index).toBe(999);
    expect(screen.kind === "workspace" && screen.cursor.top).toBeGreaterThan(980);
    const back = run(s, "g").state;
    const top = currentScreen(back);
    expect(top.kind === "workspace" && top.cursor.top).toBe(0);
  });
});

describe("screens and keys", () => {
  test("q goes back, and quits with 0 at the top; Ctrl-C quits with 130 from anywhere", () => {
    const inPlan = run(start([ALPHA]), "enter").state;
    expect(run(inPlan, "q").state.stack.length).toBe(1);
    expect(run(inPlan, "q", "q").effects).toEqual([{ kind: "quit", code: 0 }]);
    expect(run(inPlan, "ctrl-c").effects).toEqual([{ kind: "quit", code: 130 }]);
  });

  test("an unbound key is answered with a hint, never an error", () => {
    const s = run(start([ALPHA]), "z").state;
    expect(s.message?.text).toBe('"z" does nothing here; ? shows the keys');
  });

  test("/ asks for the filter; the answer keeps it and selects the first match; Esc clears it", () => {
    const asked = run(start([ALPHA, GAMMA]), "/");
    expect(asked.effects).toEqual([{ kind: "ask-filter", initial: "" }]);
    const filtered = run(asked.state, { type: "filter", text: "gam", at: 3 }).state;
    expect(filtered.filter).toBe("gam");
    expect(selected(filtered)).toBe("GAMMA");
    const cleared = run(filtered, "escape").state;
    expect(cleared.filter).toBe("");
    expect(selected(cleared)).toBe("GAMMA");
  });

  test("r asks for a refresh; the action keys ask for their action on the selected achievement", () => {
    expect(run(start([ALPHA]), "r").effects).toEqual([{ kind: "refresh" }]);
    const inPlan = run(start([ALPHA]), "enter").state;
    const id = selected(inPlan) as string;
    expect(run(inPlan, "n").effects).toEqual([{ kind: "action", action: "next-prompt", planId: "ALPHA", achievementId: id }]);
  });

  test("an action that does not apply is refused in the footer with the reason, and nothing is asked", () => {
    const inGamma = run(start([GAMMA]), "enter").state;
    const r = run(inGamma, "e");
    expect(r.effects).toEqual([]);
    expect(r.state.message?.text).toBe("1.1: needs its SUBPLAN first (s)");
  });

  test("read-only: every write is refused with who holds the lock, even one that would otherwise go ahead; reading still works", () => {
    const ro: LockView = { role: "read-only", holder: { pid: 4242, host: "laptop", since: "2026-12-01T10:00:00.000Z" }, free: false };
    // 1.1 has a SUBPLAN and an execution: s is refused for it anyway, e / a / f only for being read-only.
    const BUSY = memoryPlan("BUSY", { index: ["1.1 Going"], subplans: ["11"], executions: { "11": ["In Progress"] } });
    const writable = run(start([BUSY]), "enter").state;
    for (const key of ["e", "a", "f"]) expect(run(writable, key).effects).toHaveLength(1);
    const inBusy = run(start([BUSY], ro), "enter").state;
    for (const key of ["e", "a", "f"]) {
      const r = run(inBusy, key);
      expect(r.effects).toEqual([]);
      expect(r.state.message?.text).toBe("1.1: read-only: pid 4242 on laptop holds the lock (quit it, or restart with --takeover)");
    }
    expect(run(inBusy, "n").effects).toHaveLength(1);
  });

  test("one action at a time: a second key while the first is in flight writes nothing and says so", () => {
    const inGamma = run(start([GAMMA]), "enter").state;
    const first = run(inGamma, "s");
    expect(first.effects).toHaveLength(1);
    const second = run(first.state, "s");
    expect(second.effects).toEqual([]);
    expect(second.state.message?.text).toBe("still busy with new-subplan 1.1; 1.1 waits");
    expect(run(second.state, { type: "acted", at: 5 }, "n").effects).toHaveLength(1);
  });

  test("a menu's answer acts on the achievement it was opened for, not on whatever is selected now", () => {
    const inAlpha = run(start([ALPHA]), "enter", "g").state;
    const r = run(inAlpha, { type: "command", command: "new-subplan", at: 9, target: { planId: "ALPHA", achievementId: "1.2" } });
    expect(r.effects).toEqual([{ kind: "action", action: "new-subplan", planId: "ALPHA", achievementId: "1.2" }]);
    const gone = run(inAlpha, { type: "command", command: "new-subplan", at: 9, target: { planId: "ALPHA", achievementId: "9.9" } });
    expect(gone.effects).toEqual([]);
    expect(gone.state.message?.text).toBe("9.9 is gone; nothing done");
  });

  test("? on the help screen does not stack another help; Ctrl-L asks for a full redraw", () => {
    const s = run(start([ALPHA]), "?", "?", "?").state;
    expect(s.stack.length).toBe(2);
    expect(run(s, "q").state.stack.length).toBe(1);
    expect(run(start([ALPHA]), "ctrl-l").effects).toEqual([{ kind: "redraw" }]);
  });

  test("a two-digit row past the end falls back to the last digit and says which row it tried", () => {
    const s = run(start([ALPHA, GAMMA]), "3", "9").state;
    expect(s.message?.text).toBe("no row 9 (1–2)");
  });

  test("keys that are not letters are answered too", () => {
    expect(run(start([ALPHA]), "left").state.message?.text).toBe("← does nothing here; ? shows the keys");
    expect(run(start([ALPHA]), "tab").state.message?.text).toBe("Tab does nothing here; ? shows the keys");
  });

  test("Enter on an empty filter clears it, like Esc", () => {
    const filtered = run(start([ALPHA, GAMMA]), { type: "filter", text: "gam", at: 3 }).state;
    expect(run(filtered, { type: "filter", text: "  ", at: 4 }).state.filter).toBe("");
  });
});

describe("live updates", () => {
  test("the first read is not news: while loading, its result marks no row and lists no change; loaded ends it", () => {
    const BETA = memoryPlan("BETA", { index: ["1.1 One"] });
    const loading = { ...start([ALPHA]), loading: 3 };
    const read = run(loading, update([], [ALPHA, BETA, GAMMA])).state;
    expect(read.data.plans.map((p) => p.id)).toEqual(["ALPHA", "BETA", "GAMMA"]);
    expect(read.changedAt.size).toBe(0);
    expect(read.recent).toEqual([]);
    expect(read.loading).toBe(3);
    const done = run(read, { type: "loaded", data: workspaceOf([ALPHA, BETA, GAMMA]), freshness: freshnessOf({ lastUpdateAt: 5 }), at: 3_000_000 }).state;
    expect(done.loading).toBeNull();
    expect(done.freshness.lastUpdateAt).toBe(5);
    expect(selected(done)).toBe("ALPHA");
    // After it, a change is news again.
    const BETA2 = memoryPlan("BETA", { index: ["1.1 One"], subplans: ["11"] });
    const changed = run(done, update([ALPHA, BETA, GAMMA], [ALPHA, BETA2, GAMMA])).state;
    expect(changed.changedAt.has("BETA")).toBe(true);
  });

  test("a change while a prompt is open is kept and marked pending, and shown when it closes", () => {
    const ALPHA2 = memoryPlan("ALPHA", { index: ["1.1 First", "1.2 Second", "1.3 Third"], subplans: ["11", "12"] });
    const prompting = run(start([ALPHA, GAMMA]), { type: "phase", phase: "prompting" }, update([ALPHA, GAMMA], [ALPHA2, GAMMA])).state;
    expect(prompting.pending).toBe(true);
    expect(prompting.data.plans[0]).toBe(ALPHA2);
    const after = run(prompting, { type: "phase", phase: "browsing" }).state;
    expect(after.pending).toBe(false);
  });

  test("an open prompt is built again when its plan changes, keeping its scroll", () => {
    const prompting = run(start([ALPHA, GAMMA]), "enter", { type: "show-prompt", planId: "ALPHA", achievementId: "1.2", step: "create-subplan", text: "old prompt" }).state;
    const ALPHA2 = memoryPlan("ALPHA", { index: ["1.1 First", "1.2 Second", "1.3 Third"], subplans: ["11", "12"] });
    const r = run(prompting, update([ALPHA, GAMMA], [ALPHA2, GAMMA]));
    expect(r.effects).toEqual([{ kind: "refresh-prompt", planId: "ALPHA", achievementId: "1.2" }]);
    const rebuilt = run(r.state, { type: "show-prompt", planId: "ALPHA", achievementId: "1.2", step: "create-execution", text: "new prompt" }).state;
    expect(currentScreen(rebuilt)).toMatchObject({ kind: "prompt", step: "create-execution", raw: "new prompt" });
    expect(rebuilt.stack.filter((sc) => sc.kind === "prompt")).toHaveLength(1);
  });

  test("a burst of added plans is one line, and a rename reads removed then added (newest first)", () => {
    const added = Array.from({ length: 5 }, (_, i) => memoryPlan(`N${i}`, { index: ["1.1 x"] }));
    const s = run(start([ALPHA]), update([ALPHA], [ALPHA, ...added])).state;
    expect(s.recent.map((r) => r.text)).toEqual(["+ 5 plans added"]);
    const RENAMED = memoryPlan("ALPHA2", { index: ["1.1 First", "1.2 Second", "1.3 Third"], subplans: ["11"] });
    const r2 = run(start([ALPHA]), update([ALPHA], [RENAMED])).state;
    expect(r2.recent.map((r) => r.text)).toEqual(["+ ALPHA2 added (in-progress, 0/3)", "− ALPHA removed"]);
  });

  test("footer messages expire: a hint after seconds, so warnings and key hints come back", () => {
    const s = run(start([ALPHA]), "z").state;
    expect(liveMessage(s)?.text).toMatch(/does nothing here/);
    expect(liveMessage(run(s, { type: "tick", at: 1_001_000 + 9_000 }).state)).toBeNull();
  });

  test("transitions go to the recent strip, newest first, and mark the row for a few seconds", () => {
    const ALPHA2 = memoryPlan("ALPHA", { index: ["1.1 First", "1.2 Second", "1.3 Third"], subplans: ["11", "12"] });
    const s = run(start([ALPHA, GAMMA]), update([ALPHA, GAMMA], [ALPHA2, GAMMA])).state;
    expect(s.recent[0]?.text).toBe("ALPHA 1.2 not-started → planned");
    expect(s.changedAt.has("ALPHA")).toBe(true);
    const later = run(s, { type: "tick", at: 2_000_000 + 10_000 }).state;
    expect(later.changedAt.has("ALPHA")).toBe(false);
  });

  test("a resize keeps the selection in view", () => {
    const many = Array.from({ length: 100 }, (_, i) => memoryPlan(`P${String(i).padStart(3, "0")}`, { index: ["1.1 x"] }));
    const s = run(start(many), "G", { type: "resize", size: { cols: 60, rows: 12 } }).state;
    const screen = currentScreen(s);
    expect(screen.kind === "workspace" && screen.cursor.index).toBe(99);
    expect(screen.kind === "workspace" && 99 - screen.cursor.top).toBeLessThan(12);
  });
});
