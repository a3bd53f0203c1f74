/**
 * Read-your-writes (SPEC §4): after an action, the caller gets the plan re-read from disk at
 * once, through the same loadPlan every other reader uses. Actions also re-read before they
 * decide, so a dashboard's slightly old state never picks a wrong attempt number.
 */
import * as path from "node:path";
import type { Plan } from "../core/types";
import type { FsPort } from "../ports";
import { osErrorCode, PlandashError, type Result } from "../util/errors";
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
export function listPlanDir(fs: FsPort, root: string, planId: string): Result<PlanDir> {
  const absDir = planId === "." ? root : path.join(root, ...planId.split("/"));
  let dir: PlanDir | null;
  try {
    dir = relistPlanDir(fs, planId, absDir);
  } catch (error) {
    return {
      ok: false,
      error: new PlandashError("ENOPLAN", `plan folder ${planId} cannot be read (${osErrorCode(error) ?? "EIO"})`, {
        hint: "it may have been moved or deleted; list the plans again",
        cause: error,
      }),
    };
  }
  if (dir === null) {
    return { ok: false, error: new PlandashError("ENOPLAN", `plan folder ${planId} no longer holds a PLAN_*.md file`, { hint: "it may have been moved or deleted; list the plans again" }) };
  }
  return { ok: true, value: dir };
}

/** The plan re-read from disk, or ENOPLAN when its folder is gone or unreadable. */
export function reloadPlan(deps: ReloadDeps, planId: string): Result<Plan> {
  const dir = listPlanDir(deps.fs, deps.root, planId);
  if (!dir.ok) return dir;
  return { ok: true, value: loadPlan(deps.fs, dir.value, { nowMs: deps.nowMs, staleExecutionDays: deps.staleExecutionDays }) };
}
