import { expect, test } from "bun:test";
import { documentNames, executionRole, feedbackRole, planFileName, resolutionFor, subplanRole } from "../../src/core/file-roles";

test.each([
  ["PLAN_ALPHA.md", "ALPHA"],
  ["PLAN_with_under_scores.md", "with_under_scores"],
  ["PLAN_.md", null],
  ["PLAN_ALPHA.txt", null],
  ["plan_alpha.md", null],
])("plan file %p → %p", (name, expected) => {
  expect(planFileName(name)).toBe(expected);
});

test.each([
  ["SUBPLAN_ALPHA_11.md", { role: "subplan", key: "11" }],
  ["SUBPLAN_MY_PLAN_351.md", { role: "subplan", key: "351" }],
  ["SUBPLAN_ALPHA.md", null],
  ["SUBPLAN_ALPHA_1a.md", null],
])("subplan %p", (name, expected) => {
  expect(subplanRole(name)).toEqual(expected as never);
});

test.each([
  ["EXECUTION_TASK_ALPHA_11_01.md", { role: "execution", key: "11", attempt: 1, suffix: null }],
  ["EXECUTION_TASK_ALPHA_11_02_V2.md", { role: "execution", key: "11", attempt: 2, suffix: "V2" }],
  ["EXECUTION_TASK_MY_PLAN_351_10_fix-up.md", { role: "execution", key: "351", attempt: 10, suffix: "fix-up" }],
  ["EXECUTION_TASK_ALPHA_11.md", null],
  ["EXECUTION_TASK_ALPHA_11_01_2x.md", null],
  ["EXECUTION_ALPHA_11_01.md", null],
])("execution %p", (name, expected) => {
  expect(executionRole(name)).toEqual(expected as never);
});

test.each([
  ["APPROVED_11.md", { role: "approval", key: "11" }],
  ["FIX_11.md", { role: "fix", key: "11", round: 1 }],
  ["FIX_11_RESOLUTION.md", { role: "resolution", key: "11", round: 1 }],
  ["FIX_12_02.md", { role: "fix", key: "12", round: 2 }],
  ["FIX_12_2.md", { role: "fix", key: "12", round: 2 }],
  ["FIX_12_10.md", { role: "fix", key: "12", round: 10 }],
  ["FIX_12_02_RESOLUTION.md", { role: "resolution", key: "12", round: 2 }],
  ["FIX_351_03_RESOLUTION.md", { role: "resolution", key: "351", round: 3 }],
  ["FIX_12_01.md", null],
  ["FIX_12_00_RESOLUTION.md", null],
  ["FIX_12_02_NOTES.md", null],
  ["FIX_12__02.md", null],
  ["APPROVED_11_OLD.md", null],
  ["FIX_ab.md", null],
  ["README.md", null],
])("feedback %p", (name, expected) => {
  expect(feedbackRole(name)).toEqual(expected as never);
});

test("new document names read back as the role they were made for", () => {
  expect(planFileName(documentNames.plan("ALPHA"))).toBe("ALPHA");
  expect(subplanRole(documentNames.subplan("ALPHA", "12"))).toEqual({ role: "subplan", key: "12" });
  expect(executionRole(documentNames.execution("ALPHA", "12", 3))).toEqual({ role: "execution", key: "12", attempt: 3, suffix: null });
  expect(documentNames.execution("ALPHA", "12", 3)).toBe("EXECUTION_TASK_ALPHA_12_03.md");
  expect(feedbackRole(documentNames.approval("12"))).toEqual({ role: "approval", key: "12" });
  expect(feedbackRole(documentNames.fix("12", 1))).toEqual({ role: "fix", key: "12", round: 1 });
  expect(feedbackRole(documentNames.resolution("12", 1))).toEqual({ role: "resolution", key: "12", round: 1 });
  expect([documentNames.fix("12", 1), documentNames.resolution("12", 1)]).toEqual(["FIX_12.md", "FIX_12_RESOLUTION.md"]);
  expect([documentNames.fix("12", 2), documentNames.resolution("12", 2)]).toEqual(["FIX_12_02.md", "FIX_12_02_RESOLUTION.md"]);
  expect(feedbackRole(documentNames.fix("12", 3))).toEqual({ role: "fix", key: "12", round: 3 });
  expect(feedbackRole(documentNames.resolution("12", 12))).toEqual({ role: "resolution", key: "12", round: 12 });
});

test.each([
  ["FIX_12.md", { role: "resolution", key: "12", round: 1 }],
  ["FIX_12_2.md", { role: "resolution", key: "12", round: 2 }],
  ["P/execution/feedbacks/FIX_12_03.md", { role: "resolution", key: "12", round: 3 }],
])("the resolution of %p reads back as that round's resolution", (fix, expected) => {
  const resolution = resolutionFor(fix);
  expect(feedbackRole(resolution.split("/").pop() ?? "")).toEqual(expected as never);
  expect(resolution.endsWith("_RESOLUTION.md")).toBe(true);
});
