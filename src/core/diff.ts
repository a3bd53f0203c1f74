/**
 * diffPlans(prev, next): what a reader of the state would see change between two plan lists.
 * Plans are matched by id; a plan counts as changed only when something observable differs
 * (file mtimes alone are not a change: `stale`, which they feed, is compared instead).
 */
import type { AchievementStatus, Plan } from "./types";

export interface Transition {
  readonly achievement: string;
  /** null: the achievement was not in the plan before. */
  readonly from: AchievementStatus | null;
  /** null: the achievement is gone from the plan. */
  readonly to: AchievementStatus | null;
}

export interface PlanChange {
  readonly before: Plan;
  readonly after: Plan;
  readonly transitions: readonly Transition[];
}

export interface PlansDiff {
  readonly changed: readonly PlanChange[];
  readonly added: readonly Plan[];
  readonly removed: readonly Plan[];
}

export const EMPTY_DIFF: PlansDiff = { changed: [], added: [], removed: [] };

export function isEmptyDiff(diff: PlansDiff): boolean {
  return diff.changed.length === 0 && diff.added.length === 0 && diff.removed.length === 0;
}

/** Keys never compared: raw mtimes are inputs, their visible effect (`stale`) is compared. */
const IGNORED_KEYS = new Set(["mtimeMs"]);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => !IGNORED_KEYS.has(k) && (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => !IGNORED_KEYS.has(k) && (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

export function plansEqual(a: Plan, b: Plan): boolean {
  return deepEqual(a, b);
}

/** Achievement status changes in `after`'s order, then achievements that disappeared. */
export function achievementTransitions(before: Plan, after: Plan): Transition[] {
  const old = new Map(before.achievements.map((a) => [a.id, a.status] as const));
  const transitions: Transition[] = [];
  for (const a of after.achievements) {
    const from = old.get(a.id) ?? null;
    if (from !== a.status) transitions.push({ achievement: a.id, from, to: a.status });
    old.delete(a.id);
  }
  for (const [id, from] of old) transitions.push({ achievement: id, from, to: null });
  return transitions;
}

export function diffPlans(prev: readonly Plan[], next: readonly Plan[]): PlansDiff {
  const before = new Map(prev.map((p) => [p.id, p] as const));
  const changed: PlanChange[] = [];
  const added: Plan[] = [];
  for (const plan of next) {
    const old = before.get(plan.id);
    before.delete(plan.id);
    if (old === undefined) added.push(plan);
    else if (old !== plan && !plansEqual(old, plan)) changed.push({ before: old, after: plan, transitions: achievementTransitions(old, plan) });
  }
  return { changed, added, removed: [...before.values()] };
}
