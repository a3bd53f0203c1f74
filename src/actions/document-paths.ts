/**
 * Where each document of an achievement lives, existing or to be created (SPEC §1.4, §7), and the
 * next attempt and review round numbers. Pure.
 */
import { documentNames, resolutionFor, ROLE_FOLDERS } from "../core/file-roles";
import { joinRel } from "../core/plan";
import { nextFixRound } from "../core/rounds";
import type { Achievement, Plan } from "../core/types";

/** Highest attempt number among the achievement's executions + 1 (gaps and suffixes ignored). */
export function nextAttempt(executions: readonly { readonly attempt: number }[]): number {
  return executions.reduce((max, e) => Math.max(max, e.attempt), 0) + 1;
}

/** The round a new FIX request opens, or null while the latest round waits for its resolution. */
export function nextRound(a: Achievement): number | null {
  return nextFixRound(a.feedback);
}

/** A number plandash can write into a file name and count on (see actions/refusal.ts tooLarge). */
export function countable(n: number): boolean {
  return Number.isSafeInteger(n);
}

export interface DocumentPaths {
  readonly plan: string;
  /** The existing SUBPLAN, else where it is to be created. */
  readonly subplan: string;
  readonly latestExecution: string | null;
  /** Where the next EXECUTION_TASK goes; null when its number would be past counting. */
  readonly nextExecution: string | null;
  readonly approval: string;
  /** The latest round's FIX request, else where the next one goes (null: past counting). */
  readonly fix: string | null;
  /** Where a new FIX request goes: the next round's file, or the open round's FIX while it waits. */
  readonly nextFix: string | null;
  /** The latest round's resolution, existing or where it is to be written. */
  readonly resolution: string;
}

/** All relative to the plans root. */
export function documentPaths(plan: Plan, achievement: Achievement): DocumentPaths {
  const inPlan = (folder: string, name: string) => joinRel(plan.id, folder, name);
  const { feedback, key } = achievement;
  const attempt = nextAttempt(achievement.executions);
  const round = nextRound(achievement);
  const nextFix = round === null ? feedback.fix : countable(round) ? inPlan(ROLE_FOLDERS.feedback, documentNames.fix(key, round)) : null;
  return {
    plan: plan.planFile,
    subplan: achievement.subplan ?? inPlan(ROLE_FOLDERS.subplan, documentNames.subplan(plan.name, key)),
    latestExecution: achievement.executions[achievement.executions.length - 1]?.file ?? null,
    nextExecution: countable(attempt) ? inPlan(ROLE_FOLDERS.execution, documentNames.execution(plan.name, key, attempt)) : null,
    approval: feedback.approved ?? inPlan(ROLE_FOLDERS.feedback, documentNames.approval(key)),
    fix: feedback.fix ?? nextFix,
    nextFix,
    // Named after the FIX it answers, so a round spelled `FIX_12_2.md` is answered as written.
    resolution: feedback.resolution ?? (feedback.fix !== null ? resolutionFor(feedback.fix) : inPlan(ROLE_FOLDERS.feedback, documentNames.resolution(key, 1))),
  };
}
