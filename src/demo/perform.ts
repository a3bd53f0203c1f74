/**
 * Carries out one step of the demo script through the actions' own writer: the SUBPLAN, the
 * EXECUTION_TASK and the review verdicts through the document actions, the rest through
 * `writeNewFile`, which confines every path to the plans root and never overwrites.
 *
 * "Mark Complete" writes the next EXECUTION_TASK attempt with `**Status**: Complete` rather than
 * editing the first one in place: plandash has no way to overwrite a file, by design (SPEC §7),
 * and giving it one for the demo would open an overwrite path next to the writer. A complete
 * latest attempt is the same state change (SPEC §2.1 rule 3: in-progress → awaiting-review).
 */
import { createExecution, createSubplan, writeReview, type ActionDeps } from "../actions/document-actions";
import { achievementToWrite, formatUtc } from "../actions/create-doc";
import { documentPaths } from "../actions/document-paths";
import { readOnlyRefusal, refusal } from "../actions/refusal";
import { reloadPlan } from "../actions/reload";
import { writeNewFile, type WrittenFile } from "../actions/writer";
import type { Achievement, Plan } from "../core/types";
import type { Result } from "../util/errors";
import { addedPlan } from "./example-workspace";
import type { DemoStep } from "./script";

export const DEMO_REVIEWER = "demo reviewer";

function completedExecution(plan: Plan, a: Achievement, rel: string, nowMs: number): string {
  return [
    `# EXECUTION_TASK: ${plan.name} — Achievement ${a.id}: ${a.title}`,
    "",
    "**Type**: EXECUTION_TASK",
    `**Plan**: ${plan.name}`,
    `**Achievement**: ${a.id} — ${a.title}`,
    "**Status**: Complete",
    `**Created**: ${formatUtc(nowMs)}`,
    `**File Location**: ${rel}`,
    "",
    "## Result",
    "",
    `Done by the demo agent: ${a.title}. Verified by the tests in the SUBPLAN.`,
    "",
  ].join("\n");
}

function resolution(plan: Plan, a: Achievement, nowMs: number): string {
  return [`# FIX RESOLUTION: ${plan.name} — Achievement ${a.id}`, "", `**Date**: ${formatUtc(nowMs)}`, "", "- Fixed the point above; the tests cover it now.", ""].join("\n");
}

/** Writes a document the actions do not offer (a complete attempt, a resolution), after the same re-read and checks. */
function writeFor(deps: ActionDeps, planId: string, achievementId: string, make: (plan: Plan, a: Achievement) => { rel: string | null; content: string }): Result<WrittenFile> {
  if (deps.readOnly !== null) return readOnlyRefusal(deps.readOnly);
  const plan = reloadPlan(deps, planId);
  if (!plan.ok) return plan;
  const a = achievementToWrite(plan.value, achievementId);
  if (!a.ok) return a;
  const doc = make(plan.value, a.value);
  if (doc.rel === null) return refusal("EREFUSED", `achievement ${achievementId} of ${planId} has no attempt number left to write`, "rename its EXECUTION_TASK files to their real numbers");
  return writeNewFile(deps.fs, deps.root, doc.rel, doc.content);
}

export function performDemoStep(deps: ActionDeps, step: DemoStep): Result<WrittenFile> {
  const written = <T extends { readonly written: WrittenFile }>(r: Result<T>): Result<WrittenFile> => (r.ok ? { ok: true, value: r.value.written } : r);
  switch (step.kind) {
    case "create-subplan":
      return written(createSubplan(deps, step.planId, step.achievementId));
    case "create-execution":
      return written(createExecution(deps, step.planId, step.achievementId));
    case "request-fix":
      return written(writeReview(deps, step.planId, step.achievementId, "fix", { reviewer: DEMO_REVIEWER, message: "- Add an example for the first command a newcomer runs." }));
    case "approve":
      return written(writeReview(deps, step.planId, step.achievementId, "approve", { reviewer: DEMO_REVIEWER, message: "Looks good." }));
    case "mark-complete":
      return writeFor(deps, step.planId, step.achievementId, (plan, a) => {
        const rel = documentPaths(plan, a).nextExecution;
        return { rel, content: rel === null ? "" : completedExecution(plan, a, rel, deps.nowMs) };
      });
    case "resolve-fix":
      return writeFor(deps, step.planId, step.achievementId, (plan, a) => ({ rel: documentPaths(plan, a).resolution, content: resolution(plan, a, deps.nowMs) }));
    case "add-plan": {
      if (deps.readOnly !== null) return readOnlyRefusal(deps.readOnly);
      const added = addedPlan();
      return writeNewFile(deps.fs, deps.root, added.rel, added.content);
    }
  }
}
