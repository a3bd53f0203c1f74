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
 * a busy machine must not stretch a 1 s interval to 10 s. When
 * ticks get fast again (20× the tick time under half the interval) it shrinks back, never
 * below the configured interval; the gap keeps it from flapping.
 */
import type { Clock } from "../ports";
import type { WatchBackend } from "./backend";
import { boundedInterval } from "./timers";

/** The share of an interval one tick may use. */
export const POLL_BUDGET_SHARE = 1 / 20;
/** How many recent ticks the tick time is taken from (their shortest). */
export const STRETCH_SAMPLES = 3;

/** The interval after ticks of at least `spentMs` (over `samples` ticks), from `currentMs` (configured: `baseMs`). Pure. */
export function nextPollInterval(baseMs: number, currentMs: number, spentMs: number, samples = STRETCH_SAMPLES): number {
  const needed = Math.ceil(spentMs / POLL_BUDGET_SHARE);
  if (needed > currentMs) return samples >= STRETCH_SAMPLES ? boundedInterval(needed) : currentMs;
  if (currentMs > baseMs && needed < currentMs / 2) return Math.max(baseMs, needed);
  return currentMs;
}

/** SPEC §4: why a poll interval is longer than configured, said in the `backend` event and by `doctor`. */
export function stretchReason(files: number, tickMs: number, intervalMs: number): string {
  // Milliseconds as every other interval is said ("polling every 1000 ms"); the file count grouped, it is often large.
  return `stretched: ${files.toLocaleString("en-US")} files take ${Number(tickMs.toFixed(1))} ms a check, so every ${intervalMs} ms (a check may use 5 % of the interval)`;
}

const meanOf = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

export function createPollBackend(clock: Clock, intervalMs: number, onStretch: (intervalMs: number, tickMs: number) => void = () => {}): WatchBackend {
  let timer: unknown = null;
  let stopped: Promise<void> | null = null;
  let current = intervalMs;
  const recent: number[] = [];
  const cpu = clock.cpuMs?.bind(clock);
  let cycleStartCpu: number | null = null;
  /** The cost of the cycle that ends now: CPU since the last tick began, or (no CPU clock) this tick's wall time. */
  const sample = (spentMs: number, startCpu: number | null): number | null => (cpu === undefined ? spentMs : cycleStartCpu === null || startCpu === null ? null : startCpu - cycleStartCpu);
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
        const startCpu = cpu?.() ?? null;
        handlers.onHint({ kind: "check" });
        if (stopped !== null) return;
        const spent = clock.now() - began;
        const cost = sample(spent, startCpu);
        cycleStartCpu = startCpu;
        if (cost === null) {
          timer = clock.setTimeout(tick, Math.max(0, current - spent));
          return;
        }
        recent.push(cost);
        if (recent.length > STRETCH_SAMPLES) recent.shift();
        const tickMs = cpu === undefined ? Math.min(...recent) : meanOf(recent);
        const next = nextPollInterval(intervalMs, current, tickMs, recent.length);
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
