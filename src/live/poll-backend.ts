/**
 * The `poll` backend: every interval it asks for a stat-signature check (the store compares
 * folder stamps and per-plan signatures and re-reads only what moved). Ticks run at a fixed
 * rate (the next one is due an interval after the previous one began) and never overlap: a
 * check is synchronous.
 *
 * SPEC §4 budget: a tick may use at most 5 % of its interval. When ticks take longer than
 * interval/20 (a big tree, a slow network filesystem), the interval stretches to 20× the tick
 * time and the backend says so (`onStretch`), since the effective interval is the one reported
 * and guaranteed. The tick time is the shortest of the last STRETCH_SAMPLES ticks: one tick
 * that was merely descheduled on a busy machine must not stretch a 1 s interval to 10 s. When
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

export function createPollBackend(clock: Clock, intervalMs: number, onStretch: (intervalMs: number, tickMs: number) => void = () => {}): WatchBackend {
  let timer: unknown = null;
  let stopped: Promise<void> | null = null;
  let current = intervalMs;
  const recent: number[] = [];
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
        handlers.onHint({ kind: "check" });
        if (stopped !== null) return;
        const spent = clock.now() - began;
        recent.push(spent);
        if (recent.length > STRETCH_SAMPLES) recent.shift();
        const tickMs = Math.min(...recent);
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
