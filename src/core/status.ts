/** SPEC §2.1 and §2.2: status precedence, next step, upcoming, stale. `now` is a parameter. */
import type { AchievementStatus, PlanStatus, Step, StatusCounts } from "./types";
import { ACHIEVEMENT_STATUSES } from "./types";

export interface AchievementFacts {
  readonly hasApproval: boolean;
  readonly hasFix: boolean;
  readonly hasResolution: boolean;
  readonly hasSubplan: boolean;
  /** Sorted oldest first: the last entry is the latest attempt (SPEC §1.4). */
  readonly executions: readonly { readonly complete: boolean }[];
}

/** First rule that holds (SPEC §2.1). */
export function deriveAchievementStatus(facts: AchievementFacts): AchievementStatus {
  if (facts.hasApproval) return "approved";
  if (facts.hasFix && !facts.hasResolution) return "needs-fix";
  // SPEC §2.1 rule 3: a resolution means awaiting review even if the FIX is still there.
  const latest = facts.executions[facts.executions.length - 1];
  if (facts.hasResolution || latest?.complete === true) return "awaiting-review";
  if (facts.executions.length > 0) return "in-progress";
  if (facts.hasSubplan) return "planned";
  return "not-started";
}

const COMPLETE = /\b(complete|completed|done)\b|✅/i;
const NOT_COMPLETE = /\bnot\s+(yet\s+)?complete/i;

/** SPEC §1.4: an execution's header status says it is complete. */
export function isCompleteStatus(headerStatus: string | null): boolean {
  if (headerStatus === null) return false;
  return COMPLETE.test(headerStatus) && !NOT_COMPLETE.test(headerStatus);
}

export const MS_PER_DAY = 86_400_000;

/** SPEC §2.1: in progress and the newest execution file is older than the threshold. */
export function isStale(
  status: AchievementStatus,
  executionMtimesMs: readonly number[],
  nowMs: number,
  staleExecutionDays: number,
): boolean {
  if (status !== "in-progress" || executionMtimesMs.length === 0) return false;
  const newest = Math.max(...executionMtimesMs);
  return nowMs - newest > staleExecutionDays * MS_PER_DAY;
}

/** First rule that holds (SPEC §2.2). */
export function derivePlanStatus(statuses: readonly AchievementStatus[]): PlanStatus {
  if (statuses.length === 0) return "empty";
  if (statuses.every((s) => s === "approved")) return "complete";
  if (statuses.includes("needs-fix")) return "needs-attention";
  if (statuses.includes("awaiting-review")) return "awaiting-review";
  if (statuses.some((s) => s !== "not-started")) return "in-progress";
  return "ready";
}

const STEP_FOR: Readonly<Record<AchievementStatus, Step | null>> = {
  approved: null,
  "needs-fix": "address-fix",
  "awaiting-review": "review",
  "in-progress": "continue-execution",
  planned: "create-execution",
  "not-started": "create-subplan",
};

export function stepFor(status: AchievementStatus): Step | null {
  return STEP_FOR[status];
}

export function countStatuses(statuses: readonly AchievementStatus[]): StatusCounts {
  const counts = Object.fromEntries(ACHIEVEMENT_STATUSES.map((s) => [s, 0])) as Record<AchievementStatus, number>;
  for (const s of statuses) counts[s] += 1;
  return counts;
}

/** Rounded to one decimal; 0 for an empty plan. */
export function progressPercent(approved: number, total: number): number {
  if (total === 0) return 0;
  return Math.round((1000 * approved) / total) / 10;
}

export const UPCOMING_COUNT = 3;
