/**
 * Which actions apply to an achievement right now, and why not when they do not. The dashboard
 * shows every action and disables the ones that do not apply, with the reason. The rules are
 * not repeated here: each write action is dry-run through the same document builder that the
 * real write uses, so the menu and the write can never disagree.
 */
import type { Achievement, Plan } from "../core/types";
import type { Result } from "../util/errors";
import { achievementToWrite, approvalDocument, executionDocument, fixDocument, subplanDocument, type NewDocument } from "./create-doc";
import { safeSegments } from "./writer";

export type ActionKind = "next-prompt" | "copy" | "run-agent" | "new-subplan" | "new-execution" | "approve" | "request-fix" | "open-editor";

export const WRITE_ACTIONS: readonly ActionKind[] = ["new-subplan", "new-execution", "approve", "request-fix"];

export interface AvailabilityFacts {
  /** Why writes are off (a read-only dashboard), or null. */
  readonly readOnly: string | null;
  readonly hasAgentCommand: boolean;
}

/** null: the action applies. A string: a short reason it does not. */
export type Availability = Readonly<Record<ActionKind, string | null>>;

const DRY_RUN_REVIEW = { reviewer: "", message: null };

/** The refusal code a write would get, or null when it would go ahead. */
function dryRun(plan: Plan, a: Achievement, make: () => Result<NewDocument>): string | null {
  const target = achievementToWrite(plan, a.id);
  if (!target.ok) return target.error.code;
  const doc = make();
  if (!doc.ok) return doc.error.code;
  // The writer's own check of the path (an unsafe plan name): the menu must not offer what it refuses.
  const path = safeSegments(doc.value.rel);
  return path.ok ? null : path.error.code;
}

function writeReason(kind: ActionKind, code: string | null, a: Achievement): string | null {
  if (code === null) return null;
  if (a.status === "approved" && (kind === "approve" || kind === "request-fix")) return "already approved";
  switch (code) {
    case "ENOSUBPLAN":
      return "needs its SUBPLAN first (s)";
    case "ENOEXEC":
      return a.subplan === null ? "nothing executed yet (s, then e)" : "nothing executed yet (e)";
    case "EAMBIGUOUSKEY":
      return `its key ${a.key} is shared by another id; rename one in the plan`;
    case "EREFUSED":
      return "the next number is out of range";
    case "EESCAPE":
      return "the plan's name is unsafe to write under (see its warnings)";
    case "EEXIST":
      if (kind === "new-subplan") return "the SUBPLAN exists";
      if (kind === "request-fix") return "a FIX is open";
      return "exists already";
    default:
      return code;
  }
}

export function actionAvailability(plan: Plan, a: Achievement, facts: AvailabilityFacts, nowMs: number): Availability {
  const done = a.status === "approved" ? "approved: no next step" : null;
  const write = (kind: ActionKind, make: () => Result<NewDocument>): string | null => {
    const reason = writeReason(kind, dryRun(plan, a, make), a);
    if (reason !== null) return reason;
    return facts.readOnly === null ? null : `read-only: ${facts.readOnly}`;
  };
  return {
    "next-prompt": done,
    copy: done,
    "run-agent": done ?? (facts.hasAgentCommand ? null : "no agentCommand configured"),
    "new-subplan": write("new-subplan", () => subplanDocument(plan, a, nowMs)),
    "new-execution": write("new-execution", () => executionDocument(plan, a, nowMs)),
    approve: write("approve", () => approvalDocument(plan, a, DRY_RUN_REVIEW, nowMs)),
    "request-fix": write("request-fix", () => fixDocument(plan, a, DRY_RUN_REVIEW, nowMs)),
    // With no document yet, the plan file (where the achievement is defined) is opened.
    "open-editor": null,
  };
}
