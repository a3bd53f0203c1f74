/**
 * Plans built in memory through the real core (buildPlan), for the pure UI tests: the same
 * rules as on disk, without touching it. File names come from core/file-roles.
 */
import { documentNames } from "../../src/core/file-roles";
import { comparePlans } from "../../src/core/ids";
import { buildPlan } from "../../src/core/plan";
import type { Plan, WorkspaceState } from "../../src/core/types";
import type { Freshness } from "../../src/live/freshness";

export interface MemoryPlanSpec {
  /** "1.1 Title" entries of the Achievement Index. */
  readonly index: readonly string[];
  readonly subplans?: readonly string[];
  /** key → header status of each attempt. */
  readonly executions?: Readonly<Record<string, readonly string[]>>;
  readonly approved?: readonly string[];
  readonly fixes?: readonly string[];
  readonly resolutions?: readonly string[];
  /** Overrides the PLAN name (default: the last segment of the id). */
  readonly name?: string;
}

const encoder = new TextEncoder();

export function memoryPlan(id: string, spec: MemoryPlanSpec, nowMs = 1_000_000): Plan {
  const name = spec.name ?? id.split("/").pop() ?? id;
  const text = ["# PLAN", "", "## Achievement Index", ...spec.index.map((e) => `- Achievement ${e.replace(" ", ": ")}`), ""].join("\n");
  const bytes = encoder.encode(text);
  const executions = Object.entries(spec.executions ?? {}).flatMap(([key, attempts]) =>
    attempts.map((status, i) => {
      const b = encoder.encode(`**Status**: ${status}\n`);
      return { name: documentNames.execution(name, key, i + 1), bytes: b, size: b.length, errorCode: null, mtimeMs: nowMs };
    }),
  );
  const feedbacks = [
    ...(spec.approved ?? []).map((k) => documentNames.approval(k)),
    ...(spec.fixes ?? []).map((k) => documentNames.fix(k)),
    ...(spec.resolutions ?? []).map((k) => documentNames.resolution(k)),
  ].map((n) => ({ name: n, errorCode: null }));
  const planFile = documentNames.plan(name);
  return buildPlan(
    {
      id,
      dirName: id.split("/").pop() ?? id,
      planFiles: [planFile],
      planFile: { name: planFile, bytes, size: bytes.length, errorCode: null },
      subplans: (spec.subplans ?? []).map((k) => ({ name: documentNames.subplan(name, k), errorCode: null })),
      executions,
      feedbacks,
      parallelJson: null,
      unreadable: [],
    },
    { nowMs, staleExecutionDays: 7 },
  );
}

export function workspaceOf(plans: readonly Plan[], root = "/ws/work-space/plans"): WorkspaceState {
  return { root, plans: [...plans].sort(comparePlans), scannedAt: 0 };
}

export function freshnessOf(patch: Partial<Freshness> = {}): Freshness {
  return {
    backend: "fs",
    intervalMs: null,
    reason: "file system events",
    fsType: "ext4",
    stretch: null,
    watcherFailed: false,
    lastUpdateAt: 1_000_000,
    lastChangeAt: null,
    scanning: false,
    lastError: null,
    ...patch,
  };
}
