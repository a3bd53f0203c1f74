/**
 * The one fake Clock of the test suite. Time moves only when a test says so: `advance(ms)` runs
 * every timer that falls due within those ms, in due order (timers set by a timer run too, if
 * they fall due in time), and leaves `now` at the end of the span.
 *
 * `auto: true` is for code that awaits its own waits (the lock's busy retry): each timer, once
 * set, moves the clock to its due time on the next microtask and fires, so a wait of minutes
 * costs nothing and `now` still reads as if the time had passed. A cleared timer never fires.
 */
import type { Clock } from "../../src/ports";

export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, firing the timers due on the way. */
  advance(ms: number): void;
  /** Timers set and not yet fired or cleared. */
  readonly pendingTimers: number;
  /** When the earliest pending timer is due, or null. */
  readonly nextDueAt: number | null;
  /** Every delay passed to setTimeout so far, as given (tests check them against bounds). */
  readonly requestedDelays: readonly number[];
}

export interface FakeClockOptions {
  /** Start time in ms since the epoch. */
  readonly start?: number;
  readonly auto?: boolean;
}

export const FAKE_CLOCK_START = Date.UTC(2026, 0, 2, 3, 4, 5);

export function fakeClock(options: FakeClockOptions = {}): FakeClock {
  let now = options.start ?? FAKE_CLOCK_START;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const requestedDelays: number[] = [];

  /** Fires, in due order, every timer due at or before `until`; time ends at `until` (never goes back). */
  const runUntil = (until: number): void => {
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | null = null;
      for (const entry of timers) if (entry[1].at <= until && (next === null || entry[1].at < next[1].at)) next = entry;
      if (next === null) break;
      timers.delete(next[0]);
      now = Math.max(now, next[1].at);
      next[1].fn();
    }
    now = Math.max(now, until);
  };

  return {
    now: () => now,
    setTimeout(fn, ms) {
      requestedDelays.push(ms);
      const id = ++seq;
      // Like the real timers: a negative or NaN delay means "as soon as possible".
      const at = now + (Number.isFinite(ms) && ms > 0 ? ms : 0);
      timers.set(id, { at, fn });
      if (options.auto === true) queueMicrotask(() => timers.has(id) && runUntil(at));
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      runUntil(now + ms);
    },
    get pendingTimers() {
      return timers.size;
    },
    get nextDueAt() {
      let at: number | null = null;
      for (const t of timers.values()) if (at === null || t.at < at) at = t.at;
      return at;
    },
    requestedDelays,
  };
}
