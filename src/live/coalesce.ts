/**
 * Debounce keyed by plan (or scope): the first hint for a key opens a window of `windowMs`; when
 * it ends, every key whose window has ended is handed over in one batch. Later hints for a
 * pending key only join it, so a key is flushed at most once per window however many hints
 * arrive, and a steady stream cannot starve it (the window is not pushed back).
 */
import type { Clock } from "../ports";

export interface Coalescer {
  add(key: string): void;
  /** Keys still waiting for their window to end. */
  readonly pendingCount: number;
  /** Hands over every pending key now (used by a manual refresh). */
  drain(): string[];
  /** Idempotent; pending keys are dropped. */
  stop(): void;
}

export interface CoalescerOptions {
  readonly clock: Clock;
  readonly windowMs: number;
  readonly onFlush: (keys: readonly string[]) => void;
}

export function createCoalescer({ clock, windowMs, onFlush }: CoalescerOptions): Coalescer {
  /** key → time its window ends; insertion order is the order keys are handed over. */
  const due = new Map<string, number>();
  let timer: unknown = null;
  let timerAt = Number.POSITIVE_INFINITY;
  let stopped = false;

  const schedule = (): void => {
    let earliest = Number.POSITIVE_INFINITY;
    for (const at of due.values()) if (at < earliest) earliest = at;
    if (earliest === Number.POSITIVE_INFINITY || earliest >= timerAt) return;
    if (timer !== null) clock.clearTimeout(timer);
    timerAt = earliest;
    timer = clock.setTimeout(fire, Math.max(0, earliest - clock.now()));
  };

  const fire = (): void => {
    timer = null;
    timerAt = Number.POSITIVE_INFINITY;
    if (stopped) return;
    const now = clock.now();
    const ready: string[] = [];
    for (const [key, at] of due) {
      if (at <= now) {
        ready.push(key);
        due.delete(key);
      }
    }
    schedule();
    if (ready.length > 0) onFlush(ready);
  };

  return {
    add(key) {
      if (stopped || due.has(key)) return;
      due.set(key, clock.now() + windowMs);
      schedule();
    },
    get pendingCount() {
      return due.size;
    },
    drain() {
      const keys = [...due.keys()];
      due.clear();
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      timerAt = Number.POSITIVE_INFINITY;
      return keys;
    },
    stop() {
      stopped = true;
      due.clear();
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
