import { expect, test } from "bun:test";
import { realFs } from "../../src/ports";
import { createTheme } from "../../src/ui/theme";
import { displayWidth, truncate } from "../../src/ui/truncate";
import { viewPlan } from "../../src/ui/view-plan";
import { viewWorkspace } from "../../src/ui/view-workspace";
import { loadWorkspace } from "../../src/workspace/load";
import { CORPUS_PLANS } from "../helpers/binary";

const state = loadWorkspace(realFs, CORPUS_PLANS, { nowMs: Date.now(), staleExecutionDays: 7, maxDepth: 3 }).state;
const plain = createTheme(false);

test.each([
  ["hello", 10, "hello"],
  ["hello world", 8, "hello w…"],
  ["日本語テキスト", 7, "日本語…"],
  ["abc", 0, ""],
])("truncate %p to %p cells", (text, width, expected) => {
  expect(truncate(text, width)).toBe(expected);
  expect(displayWidth(truncate(text, width))).toBeLessThanOrEqual(width);
});

test.each([[160], [100], [80], [60], [40], [30]])("the plans table never exceeds %p columns and keeps one row per plan", (width) => {
  const lines = viewWorkspace(state, width, plain);
  expect(lines).toHaveLength(state.plans.length + 1);
  for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
  expect(lines[2]).toContain("needs-attention");
});

test("a wide table shows name, group, progress a/t, next step and status", () => {
  const lines = viewWorkspace(state, 160, plain);
  expect(lines[0]).toMatch(/#\s+PLAN\s+GROUP\s+PROGRESS\s+NEXT\s+STATUS/);
  expect(lines.find((l) => l.includes("LLM-DASHBOARD-CLI"))).toMatch(/8\/13\s+address-fix 1\.1\s+needs-attention/);
  expect(lines.find((l) => l.includes("METHODOLOGY-VALIDATION"))).toMatch(/⏸ paused · a_paused/);
});

test("the plan view lists achievements with markers and fits narrow terminals", () => {
  const plan = state.plans.find((p) => p.name === "LLM-DASHBOARD-CLI");
  if (plan === undefined) throw new Error("corpus plan missing");
  const wide = viewPlan(plan, 120, plain);
  expect(wide.find((l) => l.includes("1.1 ") && l.includes("needs-fix"))).toMatch(/^▶\s+1\.1\s+Plan-Specific Dashboard\s+needs-fix\s+S E1 F$/);
  for (const width of [60, 40]) for (const line of viewPlan(plan, width, plain)) expect(displayWidth(line)).toBeLessThanOrEqual(width);
});
