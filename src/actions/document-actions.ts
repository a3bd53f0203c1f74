/**
 * The write actions the CLI and the dashboard share: create a SUBPLAN, an EXECUTION_TASK, or a
 * review verdict. Each re-reads the plan, decides, writes through the writer, re-reads again and
 * returns what it wrote with the fresh plan (read-your-writes). They never print or exit; a
 * refusal is a PlandashError in the result.
 *
 * One-shot writes do not take the dashboard lock: the create is exclusive, so two writers can
 * never clobber each other; the loser gets EEXIST.
 */
import type { Plan } from "../core/types";
import { isPlandashError, type Result } from "../util/errors";
import { approvalDocument, executionDocument, findAchievement, fixDocument, subplanDocument, type NewDocument, type ReviewInput } from "./create-doc";
import { reloadPlan, type ReloadDeps } from "./reload";
import { writeNewFile, type WrittenFile } from "./writer";

export type ActionDeps = ReloadDeps;

export interface WriteOutcome {
  readonly written: WrittenFile;
  readonly kind: NewDocument["kind"];
  /** The plan re-read from disk after the write. */
  readonly plan: Plan;
  readonly achievement: string;
}

export type Verdict = "approve" | "fix";

function attempt(deps: ActionDeps, planId: string, achievementId: string, make: (plan: Plan) => NewDocument): Result<WriteOutcome> {
  try {
    const before = reloadPlan(deps, planId);
    const doc = make(before);
    const written = writeNewFile(deps.fs, deps.root, doc.rel, doc.content);
    return { ok: true, value: { written, kind: doc.kind, plan: reloadPlan(deps, planId), achievement: achievementId } };
  } catch (error) {
    if (isPlandashError(error)) return { ok: false, error };
    throw error;
  }
}

export function createSubplan(deps: ActionDeps, planId: string, achievementId: string): Result<WriteOutcome> {
  return attempt(deps, planId, achievementId, (plan) => subplanDocument(plan, findAchievement(plan, achievementId), deps.nowMs));
}

export function createExecution(deps: ActionDeps, planId: string, achievementId: string): Result<WriteOutcome> {
  return attempt(deps, planId, achievementId, (plan) => executionDocument(plan, findAchievement(plan, achievementId), deps.nowMs));
}

export function writeReview(deps: ActionDeps, planId: string, achievementId: string, verdict: Verdict, review: ReviewInput): Result<WriteOutcome> {
  return attempt(deps, planId, achievementId, (plan) => {
    const a = findAchievement(plan, achievementId);
    return verdict === "approve" ? approvalDocument(plan, a, review, deps.nowMs) : fixDocument(plan, a, review, deps.nowMs);
  });
}
