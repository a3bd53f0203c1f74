/**
 * The demo's runner: on the clock port, every 2–3 s, read the focus plans from disk, ask the
 * script for the next step, write it through the confined writer, and say what happened. It
 * holds no state about the plans: each step is decided from what is on disk now.
 */
import type { ActionDeps } from "../actions/document-actions";
import { reloadPlan } from "../actions/reload";
import type { WrittenFile } from "../actions/writer";
import type { Plan } from "../core/types";
import type { Clock, FsPort } from "../ports";
import type { PlandashError } from "../util/errors";
import { addedPlan } from "./example-workspace";
import { performDemoStep } from "./perform";
import { DEMO_FOCUS_PLAN, nextDemoStep, type DemoStep, type DemoView } from "./script";

/** The waits between steps, used in turn: "a step every 2–3 s". The first step comes after the first wait. */
export const DEMO_STEP_DELAYS_MS: readonly number[] = [2000, 3000];
/** Refusals in a row after which the agent stops (the folder was removed, say): it would only repeat them. */
export const DEMO_MAX_REFUSALS = 3;

export type DemoAgentEvent =
  | { readonly type: "wrote"; readonly at: number; readonly step: DemoStep; readonly file: WrittenFile }
  | { readonly type: "refused"; readonly at: number; readonly step: DemoStep; readonly error: PlandashError }
  /** Nothing left to do, or too many refusals in a row: no more steps. */
  | { readonly type: "stopped"; readonly at: number; readonly reason: "done" | "refusals" };

export interface DemoAgentDeps {
  readonly clock: Clock;
  readonly fs: FsPort;
  /** The demo's plans root; nothing is written anywhere else. */
  readonly root: string;
  readonly staleExecutionDays: number;
  /** Read-your-writes (SPEC §4): the engine re-reads this plan at once. */
  readonly afterWrite?: (planId: string) => void;
  readonly onEvent?: (event: DemoAgentEvent) => void;
}

export interface DemoAgent {
  /** Idempotent: no step starts after it. */
  stop(): void;
}

/** The focus plans as they are on disk now; a plan that is gone (or never was) is left out. */
export function observeDemo(deps: ActionDeps): DemoView {
  const added = addedPlan().id;
  const read = (id: string): Plan | null => {
    const r = reloadPlan(deps, id);
    return r.ok ? r.value : null;
  };
  const focus = read(DEMO_FOCUS_PLAN);
  const extra = read(added);
  return { plans: [focus, extra].filter((p): p is Plan => p !== null), addedPlanId: added, addedPlanExists: extra !== null };
}

export function startDemoAgent(deps: DemoAgentDeps): DemoAgent {
  const { clock } = deps;
  let timer: unknown = null;
  let turn = 0;
  let refusals = 0;
  let stopped = false;

  const schedule = (): void => {
    const delay = DEMO_STEP_DELAYS_MS[turn % DEMO_STEP_DELAYS_MS.length] as number;
    turn++;
    timer = clock.setTimeout(step, delay);
  };
  const end = (reason: "done" | "refusals"): void => {
    stopped = true;
    deps.onEvent?.({ type: "stopped", at: clock.now(), reason });
  };

  function step(): void {
    timer = null;
    if (stopped) return;
    const actionDeps: ActionDeps = { fs: deps.fs, root: deps.root, nowMs: clock.now(), staleExecutionDays: deps.staleExecutionDays, readOnly: null };
    const next = nextDemoStep(observeDemo(actionDeps));
    if (next === null) return end("done");
    const result = performDemoStep(actionDeps, next);
    if (result.ok) {
      refusals = 0;
      deps.onEvent?.({ type: "wrote", at: clock.now(), step: next, file: result.value });
      deps.afterWrite?.(next.planId);
    } else {
      refusals++;
      deps.onEvent?.({ type: "refused", at: clock.now(), step: next, error: result.error });
      if (refusals >= DEMO_MAX_REFUSALS) return end("refusals");
    }
    schedule();
  }

  schedule();
  return {
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
