/**
 * The `poll` backend: every `intervalMs` it asks for a stat-signature check (the store compares
 * folder stamps and per-plan signatures and re-reads only what moved). Ticks run at a fixed
 * rate (the next one is due `intervalMs` after the previous one began, so a slow check does
 * not stretch the period) and never overlap: a check is synchronous.
 */
import type { Clock } from "../ports";
import type { WatchBackend } from "./backend";

/** However slow a check, leave this share of the interval idle. */
const MIN_REST_SHARE = 0.1;

export function createPollBackend(clock: Clock, intervalMs: number): WatchBackend {
  let timer: unknown = null;
  let stopped: Promise<void> | null = null;
  return {
    kind: "poll",
    intervalMs,
    start(handlers) {
      const tick = (): void => {
        timer = null;
        if (stopped !== null) return;
        const began = clock.now();
        handlers.onHint({ kind: "check" });
        if (stopped !== null) return;
        const spent = clock.now() - began;
        timer = clock.setTimeout(tick, Math.max(intervalMs * MIN_REST_SHARE, intervalMs - spent));
      };
      timer = clock.setTimeout(tick, intervalMs);
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
