/** Refusals as values (issue 10 §0.4): what the actions return instead of throwing. */
import type { Achievement, Plan } from "../core/types";
import { PlandashError, type ErrorCode, type Suggestion } from "../util/errors";

export function refusal(code: ErrorCode, message: string, hint: string, suggestion?: Suggestion): { ok: false; error: PlandashError } {
  return { ok: false, error: new PlandashError(code, message, suggestion === undefined ? { hint } : { hint, suggestion }) };
}

/**
 * An attempt or round number past Number.MAX_SAFE_INTEGER is refused, not written: it can only
 * come from a typo or a crafted file (`_99999999999999999999999`), JSON readers (and plandash's
 * own ordering) cannot tell such numbers apart, and String() of one is `1e+23`, never a file name.
 */
export function tooLarge(plan: Plan, a: Achievement, what: "attempt" | "round", file: string): { ok: false; error: PlandashError } {
  return refusal(
    "EREFUSED",
    `the next ${what} number of achievement ${a.id} of ${plan.id} would be past ${Number.MAX_SAFE_INTEGER}, the largest plandash counts exactly (from ${file})`,
    "rename that file to its real number",
  );
}

export function readOnlyRefusal(reason: string): { ok: false; error: PlandashError } {
  return refusal("EREADONLY", `not writing: ${reason}`, "actions are off while read-only; take over the lock or quit the other dashboard");
}
