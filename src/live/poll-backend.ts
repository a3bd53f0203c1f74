/**
 * The `poll` backend: every interval it asks for a stat-signature check (the store compares
 * folder stamps and per-plan signatures and re-reads only what moved). Ticks run at a fixed
 * rate (the next one is due an interval after the previous one began) and never overlap: a
 * check is synchronous.
 *
 * SPEC §4 budget: a tick may use at most 5 % of its interval. When ticks take longer than
 * interval/20 (a big tree, a slow network filesystem), the interval stretches to 20× the tick
 * time and the backend says so (`onStretch`), since the effective interval is the one reported
 * and guaranteed. Where the clock tells CPU time, a tick's cost is the CPU the process used over
 * the whole previous cycle (the check, the collection of its garbage, the runtime's own timers:
 * all of it is what polling costs an idle process), the mean of the last STRETCH_SAMPLES; a
 * wall-clock stand-in takes their shortest instead, since one tick that was merely descheduled on
 * a busy machine must not stretch a 1 s interval to 10 s (CPU time is not inflated so, and stretches
 * from the first tick, keeping CPU_HEADROOM in hand). When
 * ticks get fast again (20× the tick time under half the interval) it shrinks back, never
 * below the configured interval; the gap keeps it from flapping.
 */
import type { Clock } from "../ports";
import type { WatchBackend } from "./backend";
import { boundedInterval } from "./timers";

/** The share of an interval one tick may use. */
export const POLL_BUDGET_SHARE = 1 / 20;
/** How many recent ticks the tick time is taken from (their shortest, or with CPU time their mean). */
export const STRETCH_SAMPLES = 3;
/**
 * With CPU time a stretched interval keeps 10 % in hand, so that the next, slightly slower check
 * does not stretch it (and announce it) once more.
 */
export const CPU_HEADROOM = 1.1;

/** The interval after ticks of at least `spentMs` (over `samples` ticks), from `currentMs` (configured: `baseMs`). Pure. */
export function nextPollInterval(baseMs: number, currentMs: number, spentMs: number, samples = STRETCH_SAMPLES, headroom = 1): number {
  const needed = Math.ceil(spentMs / POLL_BUDGET_SHARE);
  // (The epsilon keeps 1600 × 1.1 at 1760, not 1761.)
  const kept = Math.ceil(needed * headroom - 1e-6);
  if (needed > currentMs) return samples >= STRETCH_SAMPLES ? boundedInterval(kept) : currentMs;
  if (currentMs > baseMs && needed < currentMs / 2) return Math.max(baseMs, kept);
  return currentMs;
}

const meanOf = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * The tick time of the recent `samples` and the interval it calls for: with CPU time their mean,
 * at once and with CPU_HEADROOM in hand (CPU time is not inflated by a busy machine); by the wall
 * clock their shortest, once there are STRETCH_SAMPLES of them. Pure; the backend and doctor's
 * trial both decide with it.
 */
export function budgetedInterval(baseMs: number, currentMs: number, samples: readonly number[], byCpu: boolean): { readonly tickMs: number; readonly intervalMs: number } {
  if (byCpu) {
    const tickMs = meanOf(samples);
    return { tickMs, intervalMs: nextPollInterval(baseMs, currentMs, tickMs, STRETCH_SAMPLES, CPU_HEADROOM) };
  }
  const tickMs = Math.min(...samples);
  return { tickMs, intervalMs: nextPollInterval(baseMs, currentMs, tickMs, samples.length) };
}

/** SPEC §4: why a poll interval is longer than configured, said in the `backend` event and by `doctor`. */
export function stretchReason(files: number, tickMs: number, intervalMs: number): string {
  // Milliseconds as every other interval is said ("polling every 1000 ms"); the file count grouped, it is often large.
  return `stretched: ${files.toLocaleString("en-US")} files take ${Number(tickMs.toFixed(1))} ms a check, so every ${intervalMs} ms (a check may use 5 % of the interval)`;
}

export function createPollBackend(clock: Clock, intervalMs: number, onStretch: (intervalMs: number, tickMs: number) => void = () => {}): WatchBackend {
  let timer: unknown = null;
  let stopped: Promise<void> | null = null;
  let current = intervalMs;
  const recent: number[] = [];
  const cpu = clock.cpuMs?.bind(clock);
  let cycleStartCpu: number | null = null;
  /**
   * The cost of the cycle that ends now: the CPU since the last tick began (for the first tick, its
   * own), or, with no CPU clock, this tick's wall time.
   */
  const sample = (spentMs: number, startCpu: number): number => {
    if (cpu === undefined) return spentMs;
    return cycleStartCpu === null ? cpu() - startCpu : startCpu - cycleStartCpu;
  };
  return {
    kind: "poll",
    get intervalMs() {
      return current;
    },
    start(handlers) {
      const tick = (): void => {
        timer = null;
        if (stopped !== null) return;
        const began = clock.now();
        const startCpu = cpu?.() ?? 0;
        handlers.onHint({ kind: "check" });
        if (stopped !== null) return;
        const spent = clock.now() - began;
        recent.push(sample(spent, startCpu));
        cycleStartCpu = startCpu;
        if (recent.length > STRETCH_SAMPLES) recent.shift();
        const { tickMs, intervalMs: next } = budgetedInterval(intervalMs, current, recent, cpu !== undefined);
        if (next !== current) {
          current = next;
          onStretch(next, tickMs);
        }
        timer = clock.setTimeout(tick, Math.max(0, current - spent));
      };
      timer = clock.setTimeout(tick, current);
    },
    stop() {
      if (stopped === null) {
        if (timer !== null) clock.clearTimeout(timer);
        timer = null;
        stopped = Promise.resolve();
      }
      return stopped;
    },
  };
}
