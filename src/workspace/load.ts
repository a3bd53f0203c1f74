/** A whole workspace read from disk into the one state model. */
import { buildPlan, planIdentity, type BuildOptions } from "../core/plan";
import { comparePlans } from "../core/ids";
import type { Plan, WorkspaceState } from "../core/types";
import type { FsPort } from "../ports";
import { chosenPlanFile, readPlan } from "./read-plan";
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

/**
 * The plan folders in the order their plans are shown (SPEC §1.2): id, name and group come from
 * the folder and its PLAN file name alone, exactly as buildPlan derives them, so this is the
 * order sortPlans gives the plans once read.
 */
export function sortPlanDirs(dirs: readonly PlanDir[]): PlanDir[] {
  const keyed = dirs.map((dir) => ({ dir, ...planIdentity(dir.id, chosenPlanFile(dir)) }));
  return keyed.sort(comparePlans).map((k) => k.dir);
}

/**
 * The plan folders in display order, for output written plan by plan as each is read
 * (`status --json`), which then never holds the whole workspace in memory.
 */
export function scanInOrder(fs: FsPort, root: string, maxDepth: number): { readonly planDirs: readonly PlanDir[]; readonly problems: readonly ScanProblem[] } {
  const scan = scanWorkspace(fs, root, maxDepth, false);
  return { planDirs: sortPlanDirs(scan.planDirs), problems: scan.problems };
}

export function loadWorkspace(fs: FsPort, root: string, options: LoadOptions): LoadedWorkspace {
  // Folder stamps are the live store's; a one-off read never compares them.
  const scan = scanWorkspace(fs, root, options.maxDepth, false);
  const plans = scan.planDirs.map((dir) => loadPlan(fs, dir, options));
  return {
    state: { root, plans: sortPlans(plans), scannedAt: options.nowMs },
    planDirs: scan.planDirs,
    problems: scan.problems,
  };
}
