/**
 * The `poll` backend: every `intervalMs` it asks for a stat-signature check (the store compares
 * folder stamps and per-plan signatures and re-reads only what moved). Ticks are chained, so a
 * slow check never overlaps the next one.
 */
import type { Clock } from "../ports";
import type { WatchBackend } from "./backend";

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
        handlers.onHint({ kind: "check" });
        if (stopped === null) timer = clock.setTimeout(tick, intervalMs);
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
