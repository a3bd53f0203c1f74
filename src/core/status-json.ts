/** WorkspaceState → the "plandash.status/1" document (SPEC §3.1). Wire types with explicit nulls. */
import type { Plan, WorkspaceState } from "./types";

export const STATUS_SCHEMA = "plandash.status/1";

/** SPEC §3.1 `lock`. pid/host are null when the lock file holds no readable record (never a fake 0). */
export interface LockJson {
  readonly held: boolean;
  readonly pid: number | null;
  readonly host: string | null;
  readonly since: string;
  readonly alive: boolean;
  readonly version?: string | null;
  /** Why the holder is judged alive or dead (added field). */
  readonly reason?: string;
  /** What is wrong with an unreadable lock file (added field). */
  readonly problem?: string | null;
}

export function planToJson(plan: Plan): Record<string, unknown> {
  return {
    id: plan.id,
    name: plan.name,
    group: plan.group,
    paused: plan.paused,
    planFile: plan.planFile,
    status: plan.status,
    progress: { ...plan.progress },
    counts: { ...plan.counts },
    next: plan.next === null ? null : { ...plan.next },
    upcoming: [...plan.upcoming],
    parallel: plan.parallel === null ? null : { ready: [...plan.parallel.ready], levels: plan.parallel.levels.map((l) => [...l]) },
    achievements: plan.achievements.map((a) => ({
      id: a.id,
      key: a.key,
      title: a.title,
      status: a.status,
      stale: a.stale,
      markedDone: a.markedDone,
      subplan: a.subplan,
      executions: a.executions.map((e) => ({ file: e.file, attempt: e.attempt, suffix: e.suffix, complete: e.complete })),
      feedback: { ...a.feedback },
    })),
    warnings: plan.warnings.map((w) => (w.file === undefined ? { code: w.code, message: w.message } : { ...w })),
  };
}

export function statusDocument(state: WorkspaceState, lock: LockJson | null, generatedAtMs: number): Record<string, unknown> {
  return {
    schema: STATUS_SCHEMA,
    root: state.root,
    generatedAt: new Date(generatedAtMs).toISOString(),
    lock,
    plans: state.plans.map(planToJson),
  };
}

/** The status document in pieces, so a big workspace is written plan by plan (no copy of it whole). */
export interface StatusJsonParts {
  readonly head: string;
  /** The plan at position `index` (0-based), with the separator before it. */
  plan(plan: Plan, index: number): string;
  /** After the last of `count` plans. */
  tail(count: number): string;
}

/**
 * Byte for byte what `JSON.stringify({ ...prefix, ...statusDocument(…) }, null, indent)` gives,
 * cut around the plans: `plans` is the last field, so the document written with no plans ends
 * with its empty array, which is where the plans go. Strings in JSON hold no raw line break, so
 * indenting a plan's own text by the depth of the array is exact.
 */
export function statusJsonParts(root: string, lock: LockJson | null, generatedAtMs: number, indent?: number, prefix: Record<string, unknown> = {}): StatusJsonParts {
  const empty = JSON.stringify({ ...prefix, ...statusDocument({ root, plans: [], scannedAt: 0 }, lock, generatedAtMs) }, null, indent);
  const cut = empty.lastIndexOf("[]");
  const head = empty.slice(0, cut + 1);
  const close = empty.slice(cut + 1);
  if (indent === undefined || indent === 0) {
    return {
      head,
      plan: (plan, index) => (index === 0 ? "" : ",") + JSON.stringify(planToJson(plan)),
      tail: () => close,
    };
  }
  const inner = `\n${" ".repeat(2 * indent)}`;
  return {
    head,
    plan: (plan, index) => (index === 0 ? "" : ",") + inner + JSON.stringify(planToJson(plan), null, indent).replaceAll("\n", inner),
    tail: (count) => (count === 0 ? "" : `\n${" ".repeat(indent)}`) + close,
  };
}
