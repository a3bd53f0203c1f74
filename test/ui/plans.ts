/** Plans for the pure view tests, built by the real rules (core/plan) from inline markdown. */
import { buildPlan, type PlanInput } from "../../src/core/plan";
import { MS_PER_DAY } from "../../src/core/status";
import type { Plan, WorkspaceState } from "../../src/core/types";

export const NOW = 1_000 * MS_PER_DAY;
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const entries = (names: readonly string[]) => names.map((name) => ({ name, errorCode: null }));

export interface ViewPlanSpec {
  readonly id: string;
  readonly name?: string;
  /** "1.1 Title" lines of the Achievement Index. */
  readonly index: readonly string[];
  readonly header?: string;
  readonly subplans?: readonly string[];
  /** Execution file name → [header status, age in days]. */
  readonly executions?: Readonly<Record<string, readonly [string, number]>>;
  readonly feedbacks?: readonly string[];
}

export function viewPlanOf(spec: ViewPlanSpec): Plan {
  const name = spec.name ?? spec.id.split("/").pop() ?? spec.id;
  const text = [
    "# PLAN",
    "",
    `**Status**: ${spec.header ?? "In Progress"}`,
    "",
    "## Achievement Index",
    ...spec.index.map((e) => `- Achievement ${e.replace(" ", ": ")}`),
    "",
  ].join("\n");
  const input: PlanInput = {
    id: spec.id,
    dirName: spec.id.split("/").pop() ?? spec.id,
    planFiles: [`PLAN_${name}.md`],
    planFile: { name: `PLAN_${name}.md`, bytes: encode(text), size: encode(text).length, errorCode: null },
    subplans: entries(spec.subplans ?? []),
    executions: Object.entries(spec.executions ?? {}).map(([file, [status, days]]) => ({
      name: file,
      bytes: encode(`# E\n**Status**: ${status}\n`),
      size: 30,
      errorCode: null,
      mtimeMs: NOW - days * MS_PER_DAY,
    })),
    feedbacks: entries(spec.feedbacks ?? []),
    parallelJson: null,
    unreadable: [],
  };
  return buildPlan(input, { nowMs: NOW, staleExecutionDays: 7 });
}

export function stateOf(plans: readonly Plan[], root = "/plans"): WorkspaceState {
  return { root, plans, scannedAt: NOW };
}
