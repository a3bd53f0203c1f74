import { describe, expect, test } from "bun:test";
import { achievementTransitions, diffPlans, isEmptyDiff, plansEqual, type Transition } from "../../src/core/diff";
import { buildPlan, type PlanInput } from "../../src/core/plan";
import type { Plan } from "../../src/core/types";

const enc = (s: string) => new TextEncoder().encode(s);

function plan(id: string, opts: { ids?: string[]; approved?: string[]; executions?: Record<string, string>; mtimeMs?: number } = {}): Plan {
  const ids = opts.ids ?? ["1.1", "1.2"];
  const text = `# ${id}\n\n## Achievement Index\n\n${ids.map((i) => `- Achievement ${i}: Item ${i}`).join("\n")}\n`;
  const input: PlanInput = {
    id,
    dirName: id,
    planFiles: [`PLAN_${id}.md`],
    planFile: { name: `PLAN_${id}.md`, bytes: enc(text), size: text.length, errorCode: null },
    subplans: [],
    executions: Object.entries(opts.executions ?? {}).map(([key, status]) => {
      const body = `# E\n\n**Status**: ${status}\n`;
      return { name: `EXECUTION_TASK_${id}_${key}_01.md`, bytes: enc(body), size: body.length, errorCode: null, mtimeMs: opts.mtimeMs ?? 1 };
    }),
    feedbacks: (opts.approved ?? []).map((k) => ({ name: `APPROVED_${k}.md`, errorCode: null })),
    parallelJson: null,
    unreadable: [],
  };
  return buildPlan(input, { nowMs: 10, staleExecutionDays: 7 });
}

describe("diffPlans", () => {
  test("an identical re-read is no change", () => {
    const d = diffPlans([plan("A")], [plan("A")]);
    expect(isEmptyDiff(d)).toBe(true);
  });

  test("an execution's mtime alone is not a change", () => {
    expect(plansEqual(plan("A", { executions: { "11": "In Progress" }, mtimeMs: 1 }), plan("A", { executions: { "11": "In Progress" }, mtimeMs: 2 }))).toBe(true);
  });

  test("an execution marked complete is a change with a transition", () => {
    const d = diffPlans([plan("A", { executions: { "11": "In Progress" } })], [plan("A", { executions: { "11": "Complete" } })]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0]?.transitions).toEqual([{ achievement: "1.1", from: "in-progress", to: "awaiting-review" }]);
  });

  type Opts = { ids?: string[]; approved?: string[] };
  test.each<[string, Opts, Opts, Transition[]]>([
    ["a new achievement comes from null", { ids: ["1.1", "1.2"] }, { ids: ["1.1", "1.2", "1.3"] }, [{ achievement: "1.3", from: null, to: "not-started" }]],
    ["a removed achievement goes to null", { ids: ["1.1", "1.2"] }, { ids: ["1.1"] }, [{ achievement: "1.2", from: "not-started", to: null }]],
    ["approval", { ids: ["1.1"] }, { ids: ["1.1"], approved: ["11"] }, [{ achievement: "1.1", from: "not-started", to: "approved" }]],
    ["no status change, no transition", { ids: ["1.1"] }, { ids: ["1.1"] }, []],
  ])("transitions: %s", (_name, before, after, expected) => {
    expect(achievementTransitions(plan("A", before), plan("A", after))).toEqual(expected);
  });

  test("plans are matched by id: added, removed, changed", () => {
    const d = diffPlans([plan("A"), plan("B")], [plan("B", { approved: ["11"] }), plan("C")]);
    expect(d.added.map((p) => p.id)).toEqual(["C"]);
    expect(d.removed.map((p) => p.id)).toEqual(["A"]);
    expect(d.changed.map((c) => c.after.id)).toEqual(["B"]);
  });
});
