/** A Clock whose time only moves when the test says so; timers fire in due order on advance(). */
import type { Clock } from "../../src/ports";

export interface FakeClock extends Clock {
  advance(ms: number): void;
  readonly pendingTimers: number;
}

export function fakeClock(start = 1_000_000): FakeClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        let next: [number, { at: number; fn: () => void }] | null = null;
        for (const entry of timers) if (entry[1].at <= until && (next === null || entry[1].at < next[1].at)) next = entry;
        if (next === null) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = until;
    },
    get pendingTimers() {
      return timers.size;
    },
  };
}
