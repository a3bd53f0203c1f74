/** The dashboard's logic with no terminal: keys, live updates and answers in, state and effects out. */
import { describe, expect, test } from "bun:test";
import { diffPlans } from "../../src/core/diff";
import type { Plan } from "../../src/core/types";
import { currentScreen, initialState, type AppState, type LockView } from "../../src/ui/app-state";
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

  test("read-only: every write is refused with who holds the lock; reading still works", () => {
    const ro: LockView = { role: "read-only", holder: { pid: 4242, host: "laptop", since: "2026-12-01T10:00:00.000Z" }, free: false };
    const inGamma = run(start([GAMMA], ro), "enter").state;
    for (const key of ["s", "a", "f"]) {
      const r = run(inGamma, key);
      expect(r.effects).toEqual([]);
      expect(r.state.message?.text).toMatch(/^1\.1: (read-only: pid 4242 on laptop holds the lock|nothing executed yet.*)$/);
    }
    expect(run(inGamma, "s").state.message?.text).toBe("1.1: read-only: pid 4242 on laptop holds the lock");
    expect(run(inGamma, "n").effects).toHaveLength(1);
  });
});

describe("live updates", () => {
  test("a change while a prompt is open is kept and marked pending, and shown when it closes", () => {
    const ALPHA2 = memoryPlan("ALPHA", { index: ["1.1 First", "1.2 Second", "1.3 Third"], subplans: ["11", "12"] });
    const prompting = run(start([ALPHA, GAMMA]), { type: "phase", phase: "prompting" }, update([ALPHA, GAMMA], [ALPHA2, GAMMA])).state;
    expect(prompting.pending).toBe(true);
    expect(prompting.data.plans[0]).toBe(ALPHA2);
    const after = run(prompting, { type: "phase", phase: "browsing" }).state;
    expect(after.pending).toBe(false);
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
