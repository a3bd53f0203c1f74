/**
 * Which actions apply to an achievement right now, and why not when they do not. The dashboard
 * shows every action and disables the ones that do not apply, with the reason. The rules are
 * not repeated here: each write action is dry-run through the same document builder that the
 * real write uses, so the menu and the write can never disagree.
 */
import type { Achievement, Plan } from "../core/types";
import { isPlandashError } from "../util/errors";
import { approvalDocument, executionDocument, fixDocument, subplanDocument, type NewDocument } from "./create-doc";
import { documentToOpen } from "./editor";

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

function dryRun(make: () => NewDocument): string | null {
  try {
    make();
    return null;
  } catch (error) {
    if (!isPlandashError(error)) throw error;
    return error.code;
  }
}

function writeReason(kind: ActionKind, code: string | null, a: Achievement): string | null {
  if (code === null) return null;
  if (a.status === "approved" && (kind === "approve" || kind === "request-fix")) return "already approved";
  switch (code) {
    case "ENOSUBPLAN":
      return "needs its SUBPLAN first (s)";
    case "ENOEXEC":
      return a.subplan === null ? "nothing executed yet (s, then e)" : "nothing executed yet (e)";
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
  const write = (kind: ActionKind, make: () => NewDocument): string | null => {
    const reason = writeReason(kind, dryRun(make), a);
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
    "open-editor": dryRun(() => ({ kind: "subplan", rel: documentToOpen(plan, a.id), content: "" })) === null ? null : "no document yet",
  };
}
