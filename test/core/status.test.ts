import { expect, test } from "bun:test";
import {
  derivePlanStatus,
  deriveAchievementStatus,
  isCompleteStatus,
  isStale,
  MS_PER_DAY,
  progressPercent,
  stepFor,
  type AchievementFacts,
} from "../../src/core/status";
import type { AchievementStatus, PlanStatus } from "../../src/core/types";

const none: AchievementFacts = { hasApproval: false, hasFix: false, hasResolution: false, hasSubplan: false, executions: [] };
const done = { complete: true };
const open = { complete: false };

test.each<[string, Partial<AchievementFacts>, AchievementStatus]>([
  ["APPROVED wins over everything", { hasApproval: true, hasFix: true, executions: [open], hasSubplan: true }, "approved"],
  ["a FIX without resolution needs a fix", { hasFix: true, executions: [done], hasSubplan: true }, "needs-fix"],
  ["a FIX with a resolution is awaiting review", { hasFix: true, hasResolution: true, executions: [open] }, "awaiting-review"],
  ["a resolution alone is awaiting review", { hasResolution: true }, "awaiting-review"],
  ["the latest attempt complete is awaiting review", { executions: [open, done], hasSubplan: true }, "awaiting-review"],
  ["an older complete attempt does not count when the latest is open", { executions: [done, open] }, "in-progress"],
  ["any execution is in progress", { executions: [open], hasSubplan: true }, "in-progress"],
  ["a subplan alone is planned", { hasSubplan: true }, "planned"],
  ["nothing is not started", {}, "not-started"],
])("%s", (_name, facts, expected) => {
  expect(deriveAchievementStatus({ ...none, ...facts })).toBe(expected);
});

test.each([
  ["Complete", true],
  ["COMPLETED", true],
  ["done", true],
  ["✅", true],
  ["✅ Executed", true],
  ["In Progress", false],
  ["Not complete", false],
  ["Not yet complete", false],
  ["not   yet completed", false],
  ["Incomplete", false],
  ["Completeness review", false],
  [null, false],
])("execution status %p complete: %p", (status, expected) => {
  expect(isCompleteStatus(status)).toBe(expected);
});

test("stale: in progress and the newest execution is older than the threshold", () => {
  const now = 100 * MS_PER_DAY;
  expect(isStale("in-progress", [now - 8 * MS_PER_DAY], now, 7)).toBe(true);
  expect(isStale("in-progress", [now - 8 * MS_PER_DAY, now - MS_PER_DAY], now, 7)).toBe(false);
  expect(isStale("in-progress", [now - 6 * MS_PER_DAY], now, 7)).toBe(false);
  expect(isStale("awaiting-review", [now - 30 * MS_PER_DAY], now, 7)).toBe(false);
  expect(isStale("in-progress", [], now, 7)).toBe(false);
});

test.each<[AchievementStatus[], PlanStatus]>([
  [[], "empty"],
  [["approved", "approved"], "complete"],
  [["approved", "needs-fix", "awaiting-review"], "needs-attention"],
  [["awaiting-review", "in-progress"], "awaiting-review"],
  [["not-started", "planned"], "in-progress"],
  [["approved", "not-started"], "in-progress"],
  [["not-started", "not-started"], "ready"],
])("plan of %p is %p", (statuses, expected) => {
  expect(derivePlanStatus(statuses)).toBe(expected);
});

test.each<[AchievementStatus, string | null]>([
  ["needs-fix", "address-fix"],
  ["awaiting-review", "review"],
  ["in-progress", "continue-execution"],
  ["planned", "create-execution"],
  ["not-started", "create-subplan"],
  ["approved", null],
])("the step for %p is %p", (status, step) => {
  expect(stepFor(status)).toBe(step as never);
});

test.each([
  [8, 13, 61.5],
  [6, 9, 66.7],
  [2, 9, 22.2],
  [0, 0, 0],
  [3, 3, 100],
])("percent %p/%p = %p", (a, t, p) => {
  expect(progressPercent(a, t)).toBe(p);
});
