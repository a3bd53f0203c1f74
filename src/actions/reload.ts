/**
 * Read-your-writes (SPEC §4): after an action, the caller gets the plan re-read from disk at
 * once, through the same loadPlan every other reader uses. Actions also re-read before they
 * decide, so a dashboard's slightly old state never picks a wrong attempt number.
 */
import * as path from "node:path";
import type { Plan } from "../core/types";
import type { FsPort } from "../ports";
import { osErrorCode, PlandashError } from "../util/errors";
import { loadPlan } from "../workspace/load";
import { relistPlanDir, type PlanDir } from "../workspace/scan";

export interface ReloadDeps {
  readonly fs: FsPort;
  /** The plans root, as found (not necessarily a real path). */
  readonly root: string;
  readonly nowMs: number;
  readonly staleExecutionDays: number;
}

/** The plan directory of `planId`, listed now (a write may just have added a folder to it). */
export function listPlanDir(fs: FsPort, root: string, planId: string): PlanDir {
  const absDir = planId === "." ? root : path.join(root, ...planId.split("/"));
  let dir: PlanDir | null;
  try {
    dir = relistPlanDir(fs, planId, absDir);
  } catch (error) {
    throw new PlandashError("ENOPLAN", `plan folder ${planId} cannot be read (${osErrorCode(error) ?? "EIO"})`, {
      hint: "it may have been moved or deleted; run `plandash status` to list the plans",
      cause: error,
    });
  }
  if (dir === null) {
    throw new PlandashError("ENOPLAN", `plan folder ${planId} no longer holds a PLAN_*.md file`, { hint: "run `plandash status` to list the plans" });
  }
  return dir;
}

export function reloadPlan(deps: ReloadDeps, planId: string): Plan {
  return loadPlan(deps.fs, listPlanDir(deps.fs, deps.root, planId), { nowMs: deps.nowMs, staleExecutionDays: deps.staleExecutionDays });
}
