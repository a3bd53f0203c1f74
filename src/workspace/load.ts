/** A whole workspace read from disk into the one state model. */
import { buildPlan, type BuildOptions } from "../core/plan";
import { comparePlans } from "../core/ids";
import type { Plan, WorkspaceState } from "../core/types";
import type { FsPort } from "../ports";
import { readPlan } from "./read-plan";
import { scanWorkspace, type PlanDir, type ScanProblem } from "./scan";

export interface LoadOptions extends BuildOptions {
  readonly maxDepth: number;
}

export interface LoadedWorkspace {
  readonly state: WorkspaceState;
  readonly planDirs: readonly PlanDir[];
  readonly problems: readonly ScanProblem[];
}

export function sortPlans(plans: readonly Plan[]): Plan[] {
  return [...plans].sort(comparePlans);
}

export function loadPlan(fs: FsPort, planDir: PlanDir, options: BuildOptions): Plan {
  return buildPlan(readPlan(fs, planDir), options);
}

export function loadWorkspace(fs: FsPort, root: string, options: LoadOptions): LoadedWorkspace {
  const scan = scanWorkspace(fs, root, options.maxDepth);
  const plans = scan.planDirs.map((dir) => loadPlan(fs, dir, options));
  return {
    state: { root, plans: sortPlans(plans), scannedAt: options.nowMs },
    planDirs: scan.planDirs,
    problems: scan.problems,
  };
}
