/** PLAN argument → plan (SPEC §7): id, name (case-insensitive, `@` allowed) or 1-based row number. */
import { PlandashError, type Result } from "../util/errors";
/** Works on whole plans and on lighter records that only know a plan's id and name (shell completion). */
export function selectPlan<T extends { readonly id: string; readonly name: string }>(plans: readonly T[], query: string): Result<T> {
  const q = query.trim();
  const byId = plans.find((p) => p.id === q);
  if (byId !== undefined) return { ok: true, value: byId };

  const wanted = q.replace(/^@/, "").toLowerCase();
  const candidates = plans.filter((p) => p.name.toLowerCase() === wanted || p.id.toLowerCase() === wanted);
  // A bare number may be a row and a name at once ("3"): that is as ambiguous as two names.
  const row = /^\d+$/.test(q) ? plans[Number(q) - 1] : undefined;
  if (row !== undefined && !candidates.includes(row)) candidates.unshift(row);

  const only = candidates[0];
  if (candidates.length === 1 && only !== undefined) return { ok: true, value: only };
  if (candidates.length > 1) {
    const list = candidates.map((p) => (p === row ? `${p.id} (row ${q})` : p.id)).join(", ");
    return {
      ok: false,
      error: new PlandashError("EAMBIGUOUS", `"${query}" matches ${candidates.length} plans: ${list}`, {
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
