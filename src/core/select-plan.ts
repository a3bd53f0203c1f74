/** PLAN argument → plan (SPEC §7): id, name (case-insensitive, `@` allowed) or 1-based row number. */
import { PlandashError, type Result } from "../util/errors";
import type { Plan } from "./types";

export function selectPlan(plans: readonly Plan[], query: string): Result<Plan> {
  const q = query.trim();
  const byId = plans.find((p) => p.id === q);
  if (byId !== undefined) return { ok: true, value: byId };

  if (/^\d+$/.test(q)) {
    const row = Number(q);
    const plan = plans[row - 1];
    if (plan !== undefined) return { ok: true, value: plan };
  }

  const wanted = q.replace(/^@/, "").toLowerCase();
  const matches = plans.filter((p) => p.name.toLowerCase() === wanted || p.id.toLowerCase() === wanted);
  if (matches.length === 1 && matches[0] !== undefined) return { ok: true, value: matches[0] };
  if (matches.length > 1) {
    return {
      ok: false,
      error: new PlandashError("EAMBIGUOUS", `"${query}" matches ${matches.length} plans: ${matches.map((p) => p.id).join(", ")}`, {
        hint: "give the plan id instead",
      }),
    };
  }
  return {
    ok: false,
    error: new PlandashError("ENOPLAN", `no plan matches "${query}"`, {
      hint: plans.length === 0 ? "the workspace has no plans" : "run `plandash status` to list plan ids, names and row numbers",
    }),
  };
}
