/**
 * Timer bounds (SPEC §8: intervals 1 ms … 2^31−1 ms). A delay past 2^31−1 ms makes Node's and
 * Bun's timers print a TimeoutOverflowWarning and fire after 1 ms instead, so a huge
 * `pollInterval` (1e12) would turn into a busy loop; NaN fires at once too. The config and the
 * flags refuse such values with a clear error; this is the last line of defence for every
 * timer the live code sets, whoever the caller.
 */
import type { Clock } from "../ports";
import { MAX_TIMER_MS } from "../workspace/config";

/** A delay a timer can take: 0 … MAX_TIMER_MS; NaN and anything larger wait the longest. */
export function boundedDelay(ms: number): number {
  if (Number.isNaN(ms) || ms > MAX_TIMER_MS) return MAX_TIMER_MS;
  return ms < 0 ? 0 : ms;
}

/** An interval setting as used: 1 … MAX_TIMER_MS ms. */
export function boundedInterval(ms: number): number {
  return Math.max(1, boundedDelay(ms));
}

/** The same clock with every delay bounded. */
export function boundedClock(clock: Clock): Clock {
  const cpuMs = clock.cpuMs?.bind(clock);
  return {
    now: () => clock.now(),
    setTimeout: (fn, ms) => clock.setTimeout(fn, boundedDelay(ms)),
    clearTimeout: (handle) => clock.clearTimeout(handle),
    ...(cpuMs === undefined ? {} : { cpuMs }),
  };
}

/** One timer that is either pending or not: `set` replaces the pending one. */
export interface TimerSlot {
  set(ms: number, fn: () => void): void;
  clear(): void;
  /** When the pending timer fires, or null. */
  readonly dueAt: number | null;
}

export function timerSlot(clock: Clock): TimerSlot {
  let handle: unknown = null;
  let dueAt: number | null = null;
  const clear = (): void => {
    if (handle !== null) clock.clearTimeout(handle);
    handle = null;
    dueAt = null;
  };
  return {
    set(ms, fn) {
      clear();
      const delay = boundedDelay(ms);
      dueAt = clock.now() + delay;
      handle = clock.setTimeout(() => {
        handle = null;
        dueAt = null;
        fn();
      }, delay);
    },
    clear,
    get dueAt() {
      return dueAt;
    },
  };
}
