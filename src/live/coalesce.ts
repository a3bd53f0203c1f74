/**
 * Debounce keyed by plan (or scope), leading and trailing: the first hint for a quiet key is
 * handed over on the next turn (so a lone write is seen in about the time it takes to re-read
 * one plan), and hints arriving within `windowMs` of that hand-over wait for the window to end
 * and are handed over together once. A key is therefore handed over at most once per window
 * however many hints arrive, a steady stream cannot starve it (the window is never pushed
 * back), and keys that fall due together go out as one batch.
 */
import type { Clock } from "../ports";

export interface Coalescer {
  add(key: string): void;
  /** Keys still waiting. */
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
  /** key → when it is handed over; insertion order is the order keys are handed over. */
  const due = new Map<string, number>();
  /** key → when its last hand-over ended (only while that is less than a window ago). */
  const lastFlush = new Map<string, number>();
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
    for (const [key, at] of lastFlush) if (now - at >= windowMs) lastFlush.delete(key);
    const ready: string[] = [];
    for (const [key, at] of due) {
      if (at <= now) {
        ready.push(key);
        due.delete(key);
      }
    }
    if (ready.length > 0) {
      onFlush(ready);
      // The window runs from the end of the hand-over: a slow batch cannot bunch two publications together.
      const end = clock.now();
      for (const key of ready) lastFlush.set(key, end);
    }
    schedule();
  };

  return {
    add(key) {
      if (stopped || due.has(key)) return;
      const now = clock.now();
      const last = lastFlush.get(key);
      due.set(key, last === undefined || now - last >= windowMs ? now : last + windowMs);
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
      lastFlush.clear();
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
