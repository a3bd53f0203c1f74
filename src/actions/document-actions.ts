/**
 * The write actions the CLI and the dashboard share: create a SUBPLAN, an EXECUTION_TASK, or a
 * review verdict. Each re-reads the plan, decides, writes through the writer, re-reads again and
 * returns what it wrote with the fresh plan (read-your-writes). They never print, exit or throw
 * for a refusal: a refusal is a PlandashError in the result, with a suggestion when there is a
 * step that gets past it.
 *
 * One-shot writes do not take the dashboard lock: the create is exclusive, so two writers can
 * never clobber each other. Racing for a numbered name (attempt, review round), the loser takes
 * the next free number (SPEC §7).
 */
import type { Achievement, Plan } from "../core/types";
import type { Result } from "../util/errors";
import { achievementToWrite, approvalDocument, executionDocument, fixDocument, subplanDocument, type NewDocument, type ReviewInput } from "./create-doc";
import { readOnlyRefusal } from "./refusal";
import { reloadPlan, type ReloadDeps } from "./reload";
import { writeNewFile, type WrittenFile } from "./writer";

export interface ActionDeps extends ReloadDeps {
  /**
   * null: writes are allowed. A reason (e.g. "the dashboard lock is held by pid 123 on host")
   * turns every write action into an EREADONLY refusal that carries it.
   */
  readonly readOnly: string | null;
}

export interface WriteOutcome {
  readonly written: WrittenFile;
  readonly kind: NewDocument["kind"];
  /** The plan re-read from disk after the write. */
  readonly plan: Plan;
  readonly achievement: string;
}

export type Verdict = "approve" | "fix";

/** How many taken numbers in a row a numbered write steps over before it gives up with EEXIST. */
export const MAX_NUMBER_RETRIES = 16;

/** `skip` counts the numbers found taken so far; documents without a number ignore it. */
type MakeDocument = (plan: Plan, achievement: Achievement, skip: number) => Result<NewDocument>;

/** The one path every write action takes: the read-only switch, the achievement check, the write. */
function write(deps: ActionDeps, planId: string, achievementId: string, make: MakeDocument): Result<WriteOutcome> {
  if (deps.readOnly !== null) return readOnlyRefusal(deps.readOnly);
  const before = reloadPlan(deps, planId);
  if (!before.ok) return before;
  const achievement = achievementToWrite(before.value, achievementId);
  if (!achievement.ok) return achievement;
  for (let skip = 0; ; skip++) {
    const doc = make(before.value, achievement.value, skip);
    if (!doc.ok) return doc;
    const written = writeNewFile(deps.fs, deps.root, doc.value.rel, doc.value.content);
    if (written.ok) {
      const after = reloadPlan(deps, planId);
      if (!after.ok) return after;
      return { ok: true, value: { written: written.value, kind: doc.value.kind, plan: after.value, achievement: achievementId } };
    }
    // Another writer took this number between our read and our create: try the next one.
    if (written.error.code !== "EEXIST" || !doc.value.numbered || skip + 1 >= MAX_NUMBER_RETRIES) return written;
  }
}

export function createSubplan(deps: ActionDeps, planId: string, achievementId: string): Result<WriteOutcome> {
  return write(deps, planId, achievementId, (plan, a) => subplanDocument(plan, a, deps.nowMs));
}

export function createExecution(deps: ActionDeps, planId: string, achievementId: string): Result<WriteOutcome> {
  return write(deps, planId, achievementId, (plan, a, skip) => executionDocument(plan, a, deps.nowMs, skip));
}

export function writeReview(deps: ActionDeps, planId: string, achievementId: string, verdict: Verdict, review: ReviewInput): Result<WriteOutcome> {
  return write(deps, planId, achievementId, (plan, a, skip) =>
    verdict === "approve" ? approvalDocument(plan, a, review, deps.nowMs) : fixDocument(plan, a, review, deps.nowMs, skip),
  );
}
