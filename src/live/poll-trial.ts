/**
 * What `poll` would settle on for a workspace (SPEC §4 budget), for `doctor`: the workspace read
 * once into a store, then STRETCH_SAMPLES checks back to back, timed as the engine times its
 * ticks (their CPU time and its mean, with CPU_HEADROOM; without a CPU clock their shortest wall
 * time), and the interval and reason the engine would then report.
 */
import type { Clock, FsPort } from "../ports";
import type { BackendChoice } from "./choose-backend";
import { budgetedInterval, STRETCH_SAMPLES, stretchReason } from "./poll-backend";
import { createStore } from "./store";

export interface PollTrialOptions {
  readonly fs: FsPort;
  readonly clock: Clock;
  readonly root: string;
  readonly maxDepth: number;
  readonly staleExecutionDays: number;
  /** A finer clock than `clock.now()` (ms) for timing a check of a small tree; performance.now in the CLI. */
  readonly elapsedMs: () => number;
}

/** `choice` (a poll choice at the configured interval) as it stands once the checks are timed. */
export function trialPollChoice(choice: BackendChoice, options: PollTrialOptions): BackendChoice {
  if (choice.backend !== "poll" || choice.intervalMs === null) return choice;
  const store = createStore(options);
  store.reloadAll("load");
  const cpu = options.clock.cpuMs?.bind(options.clock);
  const costs: number[] = [];
  let files = 0;
  for (let i = 0; i < STRETCH_SAMPLES; i++) {
    const began = options.elapsedMs();
    const startCpu = cpu?.() ?? 0;
    files = store.check(false).statted;
    costs.push(cpu === undefined ? options.elapsedMs() - began : cpu() - startCpu);
  }
  const { tickMs, intervalMs } = budgetedInterval(choice.intervalMs, choice.intervalMs, costs, cpu !== undefined);
  if (intervalMs <= choice.intervalMs) return choice;
  return { ...choice, intervalMs, reason: `${choice.reason}; ${stretchReason(files, tickMs, intervalMs)}`, stretch: { files, tickMs } };
}
