/**
 * Attention signals (SPEC §8 `notify`, issue 11): what a person waits for in another window is an
 * agent finishing (an achievement turns awaiting-review) or a reviewer asking for changes
 * (needs-fix). Which transitions those are is pure; the batcher coalesces the ones that arrive
 * within a second into one signal, on the clock port.
 */
import type { PlansDiff } from "../core/diff";
import type { AchievementStatus } from "../core/types";
import type { Clock } from "../ports";

export type AttentionStatus = Extract<AchievementStatus, "awaiting-review" | "needs-fix">;

export interface Attention {
  readonly planId: string;
  readonly planName: string;
  readonly achievement: string;
  readonly to: AttentionStatus;
}

/** Transitions within this window of the first one make one signal. */
export const ATTENTION_WINDOW_MS = 1000;

const WANTED: ReadonlySet<AchievementStatus | null> = new Set<AchievementStatus>(["awaiting-review", "needs-fix"]);

/**
 * The transitions of a published change that call for a person. An achievement that was not
 * there before (`from` null) did not turn into anything, and neither did a plan that just
 * appeared: only a change of status signals. The first snapshot is never a diff, so it never signals.
 */
export function attentionsIn(diff: PlansDiff): Attention[] {
  const found: Attention[] = [];
  for (const change of diff.changed) {
    for (const t of change.transitions) {
      if (t.from === null || t.from === t.to || !WANTED.has(t.to)) continue;
      found.push({ planId: change.after.id, planName: change.after.name, achievement: t.achievement, to: t.to as AttentionStatus });
    }
  }
  return found;
}

export interface AttentionBatcher {
  push(attentions: readonly Attention[]): void;
  /** Idempotent; a batch still waiting is dropped. */
  stop(): void;
}

/**
 * The first attention opens a window of `windowMs`; when it closes, everything that arrived in it
 * is flushed as one batch (the latest status per achievement, in arrival order).
 */
export function createAttentionBatcher(clock: Clock, flush: (batch: readonly Attention[]) => void, windowMs = ATTENTION_WINDOW_MS): AttentionBatcher {
  let pending = new Map<string, Attention>();
  let timer: unknown = null;
  let stopped = false;
  const close = (): void => {
    timer = null;
    const batch = [...pending.values()];
    pending = new Map();
    if (batch.length > 0) flush(batch);
  };
  return {
    push(attentions) {
      if (stopped || attentions.length === 0) return;
      for (const a of attentions) {
        const key = `${a.planId}\u0000${a.achievement}`;
        pending.delete(key);
        pending.set(key, a);
      }
      if (timer === null) timer = clock.setTimeout(close, windowMs);
    },
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      pending = new Map();
    },
  };
}

const WORDS: Readonly<Record<AttentionStatus, string>> = { "awaiting-review": "is awaiting review", "needs-fix": "needs a fix" };

/** One line for a desktop notification (unsanitized: the caller makes it safe for where it goes). */
export function attentionText(batch: readonly Attention[]): string {
  const one = batch[0];
  if (batch.length === 1 && one !== undefined) return `${one.planName} ${one.achievement} ${WORDS[one.to]}`;
  const shown = batch.slice(0, 3).map((a) => `${a.planName} ${a.achievement} ${a.to === "needs-fix" ? "needs a fix" : "awaiting review"}`);
  return `${batch.length} achievements want you: ${shown.join(", ")}${batch.length > 3 ? ", …" : ""}`;
}
