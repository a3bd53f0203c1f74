import { describe, expect, test } from "bun:test";
import { planToJson, statusDocument, statusJsonParts, type LockJson } from "../../src/core/status-json";
import { memoryPlan, workspaceOf } from "../helpers/plans";

/** What a streamed document adds up to: the head, every plan's piece, the tail. */
function streamed(state: ReturnType<typeof workspaceOf>, lock: LockJson | null, at: number, indent: number | undefined, prefix?: Record<string, unknown>): string {
  const parts = statusJsonParts(state.root, lock, at, indent, prefix);
  return parts.head + state.plans.map((p, i) => parts.plan(p, i)).join("") + parts.tail(state.plans.length);
}

const LOCK: LockJson = { held: true, pid: 41, host: "laptop", since: "2026-01-02T03:04:05.000Z", alive: true, version: "0.1.0", reason: "same host, running", problem: null };
const ODD = memoryPlan('a_paused/x"y/WEIRD\u2028\u0007NAME', { index: ["1.1 \u00e9t\u00e9 \ud83d\ude80", "1.2 tab\there"], approved: ["11"], fixes: ["12"], executions: { "12": ["In Progress", "Complete"] } });

describe("the status document written in pieces (SPEC §3.1: byte for byte what JSON.stringify gives)", () => {
  test.each([
    ["no plans", [], null],
    ["one plan", [memoryPlan("ALPHA", { index: ["1.1 First"], executions: { "11": ["In Progress"] } })], null],
    ["three plans, a lock, odd characters", [memoryPlan("ALPHA", { index: ["1.1 First"] }), memoryPlan("BETA", { index: [] }), ODD], LOCK],
  ])("%s: compact for a pipe, indented for a terminal", (_label, plans, lock) => {
    const state = workspaceOf(plans, "/ws/\u00e9t\u00e9/plans");
    for (const indent of [undefined, 2]) {
      expect(streamed(state, lock, 1_700_000_000_000, indent)).toBe(JSON.stringify(statusDocument(state, lock, 1_700_000_000_000), null, indent));
    }
  });

  test("a prefix (the watch snapshot's type, at, seq) comes first, as JSON.stringify puts it", () => {
    const state = workspaceOf([memoryPlan("ALPHA", { index: ["1.1 First"], subplans: ["11"] }), memoryPlan("BETA", { index: [] })]);
    const prefix = { type: "snapshot", at: "2026-01-02T03:04:05.000Z", seq: 1 };
    expect(streamed(state, null, 0, undefined, prefix)).toBe(JSON.stringify({ ...prefix, ...statusDocument(state, null, 0) }));
  });
});

describe("a plan's wire form (SPEC §3.1)", () => {
  test("holds exactly the documented fields, in the documented order, and nothing else (an execution's mtime stays off the wire)", () => {
    const plan = memoryPlan("grp/FULL", { index: ["1.1 a", "1.2 b"], approved: ["11"], fixes: ["12"], executions: { "12": ["In Progress"] } });
    const withParallel = { ...plan, parallel: { ready: ["1.2"], levels: [["1.2"]] } };
    const wire = JSON.parse(JSON.stringify(planToJson(withParallel)));
    const keys = (o: Record<string, unknown>) => Object.keys(o);
    expect(keys(wire)).toEqual(["id", "name", "group", "paused", "planFile", "status", "progress", "counts", "next", "upcoming", "parallel", "achievements", "warnings"]);
    expect(keys(wire.progress)).toEqual(["approved", "total", "percent"]);
    expect(keys(wire.counts)).toEqual(["approved", "needs-fix", "awaiting-review", "in-progress", "planned", "not-started"]);
    expect(keys(wire.next)).toEqual(["achievement", "title", "step"]);
    expect(keys(wire.parallel)).toEqual(["ready", "levels"]);
    for (const a of wire.achievements) {
      expect(keys(a)).toEqual(["id", "key", "title", "status", "stale", "markedDone", "subplan", "executions", "feedback"]);
      expect(keys(a.feedback)).toEqual(["approved", "fix", "resolution", "round"]);
      for (const e of a.executions) expect(keys(e)).toEqual(["file", "attempt", "suffix", "complete"]);
    }
    expect(wire.achievements[1].executions).toHaveLength(1);
    for (const w of wire.warnings) expect(["code,message", "code,message,file"]).toContain(keys(w).join(","));
  });
});
