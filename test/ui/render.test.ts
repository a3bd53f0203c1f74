/** Frames as pure functions of (state, size, colour): exact size, no wrap, file text made harmless. */
import { describe, expect, test } from "bun:test";
import { initialState, type AppState } from "../../src/ui/app-state";
import { reduce } from "../../src/ui/reduce";
import { renderFrame } from "../../src/ui/render";
import { createTheme } from "../../src/ui/theme";
import { freshnessOf, memoryPlan, workspaceOf } from "../helpers/plans";

const plain = createTheme(false);

function stateOf(plans: ReturnType<typeof memoryPlan>[], cols = 100, rows = 30, patch: Partial<AppState> = {}): AppState {
  return {
    ...initialState({
      data: workspaceOf(plans),
      size: { cols, rows },
      freshness: freshnessOf(),
      lock: { role: "holder" },
      now: 1_000_000,
      facts: { hasAgentCommand: false, staleAfterMinutes: 5, demoDir: null },
    }),
    ...patch,
  };
}

const ALPHA = memoryPlan("ALPHA", { index: ["1.1 First", "1.2 Second"], subplans: ["11"], executions: { "11": ["In Progress"] } });

describe("frames", () => {
  test("while the first read runs: the title says how many plans are being read (no counts of a screenful), the footer says starting, not live", () => {
    const frame = renderFrame(stateOf([ALPHA], 100, 20, { loading: 1000, freshness: freshnessOf({ backend: "fs", scanning: true, lastUpdateAt: null }) }), plain);
    expect(frame[0]).toMatch(/^plandash +reading 1000 plans… +\/ws/);
    expect(frame[0]).not.toMatch(/in-progress/);
    expect(frame.join("\n")).toMatch(/› +1 +ALPHA/);
    expect(frame.at(-2)).toMatch(/^starting… · Last updated never \S · lock: this dashboard/);
    expect(frame.join("\n")).not.toMatch(/● live/);
    const loaded = renderFrame(stateOf([ALPHA], 100, 20, { freshness: freshnessOf({ backend: "fs" }) }), plain);
    expect(loaded[0]).toMatch(/^plandash +1 plan +1 in-progress/);
    expect(loaded.at(-2)).toMatch(/^● live/);
  });

  test.each([40, 80, 120])("at %d columns: exactly the terminal's rows, none wider", (cols) => {
    for (const rows of [10, 24, 40]) {
      const frame = renderFrame(stateOf([ALPHA], cols, rows), plain);
      expect(frame).toHaveLength(rows);
      for (const line of frame) expect(Bun.stringWidth(line)).toBeLessThanOrEqual(cols);
    }
  });

  test("a short terminal still shows the selected achievement: the summary shrinks to one line", () => {
    for (const rows of [6, 8, 10]) {
      const s = reduce(stateOf([ALPHA], 80, rows), { type: "key", key: "enter", at: 1 }).state;
      const frame = renderFrame(s, plain);
      expect(frame).toHaveLength(rows);
      expect(frame.join("\n")).toMatch(/› +▶ +1\.1 +First/);
    }
  });

  test("a plan with an unsafe name: the menu does not offer writes the writer would refuse", () => {
    const evil = memoryPlan("EVIL\x1b[2J", { index: ["1.1 x"], name: "EVIL\x1b[2J" });
    const s = reduce(stateOf([evil], 100, 34), { type: "key", key: "enter", at: 1 }).state;
    expect(renderFrame(s, plain).join("\n")).toMatch(/s +create the SUBPLAN +— the plan's name is unsafe to write under/);
  });

  test("the selection has a visible marker without colour, and the footer says how data stays current", () => {
    const frame = renderFrame(stateOf([ALPHA]), plain).join("\n");
    expect(frame).toMatch(/› +1 +ALPHA/);
    expect(frame).toMatch(/● live · Last updated \d\d:\d\d:\d\d · lock: this dashboard/);
    expect(frame).not.toMatch(/\x1b/);
  });

  test("polling, manual and a failed watcher are each said in the footer", () => {
    const polling = renderFrame(stateOf([ALPHA], 100, 30, { freshness: freshnessOf({ backend: "poll", intervalMs: 1000, fsType: "nfs", reason: "plans root is on nfs" }) }), plain).join("\n");
    expect(polling).toContain("◌ polling every 1s (nfs)");
    const manual = renderFrame(stateOf([ALPHA], 100, 30, { freshness: freshnessOf({ backend: "off", lastUpdateAt: 0 }) }), plain).join("\n");
    expect(manual).toContain("○ manual");
    expect(manual).toMatch(/data may be old: not refreshed for over 5 min; press r/);
    const failed = renderFrame(stateOf([ALPHA], 100, 30, { freshness: freshnessOf({ backend: "poll", intervalMs: 1000, watcherFailed: true }) }), plain).join("\n");
    expect(failed).toMatch(/data may be old: the file watcher failed/);
  });

  test("1,000 plans: only the rows that fit are drawn", () => {
    const many = Array.from({ length: 1000 }, (_, i) => memoryPlan(`P${String(i).padStart(4, "0")}`, { index: ["1.1 x"] }));
    const frame = renderFrame(stateOf(many, 100, 24), plain).join("\n");
    expect(frame).toContain("P0000");
    expect(frame).not.toContain("P0100");
  });

  test("names and titles from files cannot drive the terminal", () => {
    const evil = memoryPlan("EVIL\x1b[2J\x1b]0;TITLE\x07", { index: ["1.1 clip\x1b]52;c;aGk=\x07"], name: "EVIL\x1b[2J" });
    const s = stateOf([evil]);
    const workspace = renderFrame(s, plain).join("\n");
    expect(workspace).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(workspace).toContain("EVIL␛[2J");
    const plan = renderFrame(reduce(s, { type: "key", key: "enter", at: 1 }).state, plain).join("\n");
    expect(plan).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(plan).toContain("clip␛]52;c;aGk=␇");
  });

  test("a lock record with a hostile host or a broken date cannot drive the terminal or print NaN", () => {
    const frame = renderFrame(stateOf([ALPHA], 100, 30, { lock: { role: "read-only", holder: { pid: 7, host: "x\x1b]0;PWNED\x07\x1b[2J", since: "not a date" }, free: false } }), plain).join("\n");
    expect(frame).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(frame).toContain("pid 7 on x␛]0;PWNED␇␛[2J holds the lock");
    expect(frame).not.toContain("NaN");
  });

  test("a read-only dashboard says who holds the lock in a banner and in the footer", () => {
    const frame = renderFrame(stateOf([ALPHA], 100, 30, { lock: { role: "read-only", holder: { pid: 4242, host: "laptop", since: "2026-12-01T10:00:00.000Z" }, free: false } }), plain).join("\n");
    expect(frame).toMatch(/READ-ONLY — pid 4242 on laptop since 2026-12-01 \d\d:\d\d:\d\d holds the lock; actions are off/);
    expect(frame).toContain("read-only: lock held by pid 4242 on laptop");
  });

  test("the plan screen shows the menu with the actions that do not apply disabled and why", () => {
    const s = reduce(stateOf([ALPHA], 100, 34), { type: "key", key: "enter", at: 1 }).state;
    const frame = renderFrame(s, plain).join("\n");
    expect(frame).toMatch(/› +▶ +1\.1 +First +in-progress/);
    expect(frame).toMatch(/s +create the SUBPLAN +— the SUBPLAN exists/);
    expect(frame).toMatch(/x +run agentCommand with the prompt +— no agentCommand configured/);
    expect(frame).toMatch(/e +create the next EXECUTION_TASK$/m);
  });
});
