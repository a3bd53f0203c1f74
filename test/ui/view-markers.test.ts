/**
 * Issue 9 item 11: what --check sees is visible in the views at every width — stale work (⚠) in the
 * plans table and next to ▶ in the plan view, and ⏸ paused in the plans table even at 40 columns.
 */
import { expect, test } from "bun:test";
import { createTheme } from "../../src/ui/theme";
import { displayWidth } from "../../src/ui/truncate";
import { viewAchievements } from "../../src/ui/view-plan";
import { viewWorkspace } from "../../src/ui/view-workspace";
import { stateOf, viewPlanOf } from "./plans";

const OLD = 30;
// 1.1 has a FIX (needs-attention), 1.2 an old in-progress execution (stale): the widest STATUS.
const attention = viewPlanOf({
  id: "LLM-DASHBOARD-CLI-WITH-A-LONG-NAME",
  index: ["1.1 Fix me", "1.2 Old work"],
  subplans: ["SUBPLAN_X_11.md", "SUBPLAN_X_12.md"],
  executions: { "EXECUTION_TASK_X_11_01.md": ["Complete", 0], "EXECUTION_TASK_X_12_01.md": ["In Progress", OLD] },
  feedbacks: ["FIX_11.md"],
});
const staleNext = viewPlanOf({
  id: "PARALLEL-EXECUTION-AUTOMATION",
  index: ["3.1 Stale and next", "3.2 Later"],
  subplans: ["SUBPLAN_X_31.md"],
  executions: { "EXECUTION_TASK_X_31_01.md": ["In Progress", OLD] },
});
const paused = viewPlanOf({ id: "a_paused/METHODOLOGY-VALIDATION", index: ["0.1 Wait"] });
const pausedTop = viewPlanOf({ id: "ON-HOLD-PLAN", header: "⏸ Paused", index: ["0.1 Wait"] });
const fillers = Array.from({ length: 9 }, (_, i) => viewPlanOf({ id: `FILLER-PLAN-NUMBER-${i}`, index: ["1.1 a"], feedbacks: ["APPROVED_11.md"] }));
const state = stateOf([attention, staleNext, pausedTop, ...fillers, paused]);
const plain = createTheme(false);
const row = (lines: readonly string[], index: number): string => {
  const found = lines.find((l) => l.trimStart().startsWith(`${index + 1} `));
  if (found === undefined) throw new Error(`no row ${index + 1} in\n${lines.join("\n")}`);
  return found;
};

test.each([[40], [80], [120]])("at %p columns every stale plan shows ⚠ and every paused plan ⏸ paused, within the width", (width) => {
  const lines = viewWorkspace(state, width, plain);
  for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
  expect(row(lines, 0)).toContain("⚠");
  expect(row(lines, 1)).toContain("⚠");
  expect(row(lines, 2)).toContain("⏸ paused");
  expect(row(lines, 12)).toContain("⏸ paused");
  for (let i = 3; i < 12; i++) expect(row(lines, i)).not.toMatch(/⚠|⏸/);
  expect(row(lines, 0)).toContain("needs-attention");
});

test("the wide table still names the group next to the paused mark", () => {
  expect(row(viewWorkspace(state, 160, plain), 12)).toMatch(/METHODOLOGY-VALIDATION\s+⏸ paused · a_paused\s/);
});

test.each([[40], [80], [120]])("at %p columns the plan view shows ▶ and ⚠ together when the next achievement is stale", (width) => {
  const lines = viewAchievements(staleNext, width, plain);
  expect(lines.find((l) => l.includes("3.1"))).toMatch(/^▶⚠\s+3\.1\s/);
  expect(lines.find((l) => l.includes("3.2"))).toMatch(/^\s+3\.2\s/);
  const other = viewAchievements(attention, width, plain);
  expect(other.find((l) => l.includes("1.1"))).toMatch(/^▶\s+1\.1\s/);
  expect(other.find((l) => l.includes("1.2"))).toMatch(/^ ⚠\s+1\.2\s/);
  for (const line of [...lines, ...other]) expect(displayWidth(line)).toBeLessThanOrEqual(width);
});

test("colour paints the marks as warnings without changing the text", () => {
  const colored = createTheme(true);
  const line = viewAchievements(staleNext, 80, colored).find((l) => l.includes("3.1")) ?? "";
  expect(line).toContain("\x1b[33m⚠");
  expect(line.replace(/\x1b\[[0-9;]*m/g, "")).toMatch(/^▶⚠\s+3\.1\s/);
});
