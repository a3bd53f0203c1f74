/** Starts a real engine on a real temp workspace and records what it publishes. */
import { diffPlans } from "../../src/core/diff";
import { planToJson } from "../../src/core/status-json";
import type { Plan } from "../../src/core/types";
import { createEngine, type Engine, type EngineEvent, type EngineOptions } from "../../src/live/engine";
import { realClock, realFs } from "../../src/ports";
import { loadWorkspace } from "../../src/workspace/load";
import { waitFor } from "../helpers/wait-for";

export type Kind = "fs" | "poll";

export interface Harness extends AsyncDisposable {
  readonly engine: Engine;
  readonly events: EngineEvent[];
  /** Waits until the published state equals a fresh full scan (and `also` holds). */
  settled(label: string, also?: () => boolean, timeoutMs?: number): Promise<void>;
  /** Transitions published for a plan since the start (or since `mark()`). */
  transitions(planId: string): { achievement: string; from: string | null; to: string | null }[];
  /** How many times a plan was published as changed since the start (or `mark()`). */
  changes(planId: string): number;
  /** When (engine clock, ms) each of those publications happened. */
  changeTimes(planId: string): number[];
  mark(): void;
  /** Resolves after the engine has reconciled with the disk at least once more. */
  nextReconcile(): Promise<void>;
}

export function wire(plans: readonly Plan[]): string {
  return JSON.stringify(plans.map(planToJson));
}

export function freshScan(root: string): readonly Plan[] {
  return loadWorkspace(realFs, root, { nowMs: Date.now(), staleExecutionDays: 7, maxDepth: 3 }).state.plans;
}

export async function startEngine(root: string, kind: Kind, extra: Partial<EngineOptions> = {}): Promise<Harness> {
  const engine = createEngine({
    root,
    clock: realClock,
    watch: kind,
    pollIntervalMs: 40,
    rescanIntervalMs: 600_000,
    debounceMs: 10,
    maxDepth: 3,
    staleExecutionDays: 7,
    ...extra,
    fs: { ...realFs, readMounts: () => null, ...extra.fs },
  });
  const events: EngineEvent[] = [];
  let from = 0;
  engine.subscribe((e) => events.push(e));
  await engine.start();
  const since = () => events.slice(from);
  const harness: Harness = {
    engine,
    events,
    async settled(label, also = () => true, timeoutMs = 8_000) {
      let last = "";
      try {
        await waitFor(() => {
          const fresh = wire(freshScan(root));
          last = fresh;
          return wire(engine.state.plans) === fresh && also();
        }, label, timeoutMs);
      } catch (error) {
        const d = diffPlans(engine.state.plans, freshScan(root));
        throw new Error(`${(error as Error).message}\n  published vs fresh: changed ${d.changed.map((c) => c.after.id)}, only-fresh ${d.added.map((p) => p.id)}, only-published ${d.removed.map((p) => p.id)} (fresh has ${JSON.parse(last || "[]").length} plans)`);
      }
    },
    transitions(planId) {
      return since().flatMap((e) => (e.type === "update" ? e.diff.changed.filter((c) => c.after.id === planId).flatMap((c) => c.transitions) : []));
    },
    changes(planId) {
      return harness.changeTimes(planId).length;
    },
    changeTimes(planId) {
      return since().flatMap((e) => (e.type === "update" && e.diff.changed.some((c) => c.after.id === planId) ? [e.at] : []));
    },
    mark() {
      from = events.length;
    },
    async nextReconcile() {
      const before = engine.freshness().lastUpdateAt ?? 0;
      await waitFor(() => (engine.freshness().lastUpdateAt ?? 0) > before, "the engine to reconcile once more", 8_000);
    },
    async [Symbol.asyncDispose]() {
      await engine.stop();
    },
  };
  return harness;
}
