/**
 * Watch hints → coalesced work: a path hint says which plan to re-read and which folder to
 * re-scan (classify.ts); the coalescer hands each over at most once per debounce window, and
 * everything due at once goes out as one batch of work for the store.
 */
import type { Clock } from "../ports";
import { classifyHint } from "./classify";
import { createCoalescer } from "./coalesce";

export interface HintQueue {
  /** Something at or under `path` (relative to the plans root) may have changed. */
  addPath(path: string): void;
  /** Something changed and the backend cannot say where: the whole tree is re-scanned. */
  addAnywhere(): void;
  /** Drops what is pending (a full re-read covers it). */
  drain(): void;
  /** Idempotent. */
  stop(): void;
}

export interface HintQueueOptions {
  readonly clock: Clock;
  readonly windowMs: number;
  readonly maxDepth: number;
  readonly isPlan: (id: string) => boolean;
  readonly onWork: (work: { readonly plans: readonly string[]; readonly scopes: readonly string[] }) => void;
}

export function createHintQueue(options: HintQueueOptions): HintQueue {
  // Keys: "p<plan id>" to re-read a plan, "s<folder>" to re-scan a folder.
  const coalescer = createCoalescer({
    clock: options.clock,
    windowMs: options.windowMs,
    onFlush(keys) {
      const plans: string[] = [];
      const scopes: string[] = [];
      for (const k of keys) (k.startsWith("p") ? plans : scopes).push(k.slice(1));
      options.onWork({ plans, scopes });
    },
  });
  return {
    addPath(path) {
      const work = classifyHint(path, options.isPlan, options.maxDepth);
      if (work === null) return;
      if (work.plan !== null) coalescer.add(`p${work.plan}`);
      if (work.scope !== null) coalescer.add(`s${work.scope}`);
    },
    addAnywhere: () => coalescer.add("s."),
    drain: () => void coalescer.drain(),
    stop: () => coalescer.stop(),
  };
}
