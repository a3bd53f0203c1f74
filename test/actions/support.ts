/** Shared set-up of the action tests: real files in a temp workspace, plans loaded the one way. */
import type { ActionDeps } from "../../src/actions/document-actions";
import type { Plan } from "../../src/core/types";
import { realFs } from "../../src/ports";
import { loadWorkspace } from "../../src/workspace/load";
import type { TempWorkspace } from "../helpers/workspace";

/** 2026-01-02 03:04 UTC */
export const NOW_MS = Date.UTC(2026, 0, 2, 3, 4, 5);

export function depsFor(ws: TempWorkspace): ActionDeps {
  return { fs: realFs, root: ws.root, nowMs: NOW_MS, staleExecutionDays: 7, readOnly: null };
}

export function loadPlans(ws: TempWorkspace): readonly Plan[] {
  return loadWorkspace(realFs, ws.root, { nowMs: NOW_MS, staleExecutionDays: 7, maxDepth: 3 }).state.plans;
}

export function planById(ws: TempWorkspace, id: string): Plan {
  const plan = loadPlans(ws).find((p) => p.id === id);
  if (plan === undefined) throw new Error(`no plan ${id} in the test workspace`);
  return plan;
}
