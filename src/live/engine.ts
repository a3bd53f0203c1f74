/**
 * The live engine: backend → coalescer → store, with the safety net, backend switching, a
 * guard on the plans root (deleted, or deleted and made again however fast), and staleness
 * that turns on with time alone. Everything a screen or `watch` needs comes out of `subscribe`
 * (updates, backend switches, errors, freshness) and `freshness()`.
 */
import { diffPlans, EMPTY_DIFF, type PlansDiff } from "../core/diff";
import type { WorkspaceState } from "../core/types";
import type { Clock, FsPort } from "../ports";
import { noDebug, type Debug } from "../util/debug";
import type { WatchMode } from "../workspace/config";
import type { BackendFailure, BackendKind, ChangeHint, LinkedDir, WatchBackend } from "./backend";
import { chooseBackend, fsTypeOf, pollAfterFailure, type BackendChoice } from "./choose-backend";
import { createAnnouncer } from "./announcer";
import type { EngineError, Freshness } from "./freshness";
import { createFsBackend } from "./fs-backend";
import { createHintQueue } from "./hint-queue";
import { createPollBackend, stretchReason } from "./poll-backend";
import { createRootGuard } from "./root-guard";
import { createStore, type Reconcile, type Store, type UpdateCause } from "./store";
import { boundedClock, boundedDelay, boundedInterval, timerSlot } from "./timers";

export type EngineEvent =
  | { readonly type: "update"; readonly at: number; readonly state: WorkspaceState; readonly diff: PlansDiff; readonly cause: UpdateCause }
  | { readonly type: "backend"; readonly at: number; readonly backend: BackendKind; readonly intervalMs: number | null; readonly reason: string }
  | ({ readonly type: "error" } & EngineError)
  /** Some freshness fact moved: after every reconcile (lastUpdateAt), a scan starting, an error clearing. */
  | { readonly type: "freshness"; readonly at: number; readonly freshness: Freshness };

export type EngineListener = (event: EngineEvent) => void;

/** Every how many safety-net runs the whole tree is walked again (else folder stamps are compared). */
const FULL_WALK_EVERY = 10;
/**
 * How often the fs backend checks that the plans root is still the folder it watches (a dead watch
 * sends nothing): one stat. Not more often: each wake-up allocates, and the runtime's GC timer then
 * collects a heap that holds the whole workspace — at 250 ms this alone was 0.65 % CPU idle at
 * 100 plans (0.87 % → 0.22 % at 1 s).
 */
export const ROOT_CHECK_MS = 1_000;
/** While the root is gone, how often to look for it (at most; a shorter poll interval wins). */
const ROOT_RETRY_MS = 500;

export interface EngineOptions {
  readonly root: string;
  /** The engine's whole world: reads, stats, the watch and the mount table all go through it. */
  readonly fs: FsPort;
  readonly clock: Clock;
  readonly watch: WatchMode;
  readonly pollIntervalMs: number;
  readonly rescanIntervalMs: number;
  readonly debounceMs: number;
  readonly maxDepth: number;
  readonly staleExecutionDays: number;
  /** Where the watch mode came from, for the reason ("--poll", "PLANDASH_POLL=1", "config"). */
  readonly modeSource?: string;
  readonly debug?: Debug;
  readonly signal?: AbortSignal;
}

export interface Engine {
  /** Loads the workspace and starts watching; resolves once the state is loaded. */
  start(): Promise<void>;
  readonly state: WorkspaceState;
  freshness(): Freshness;
  subscribe(listener: EngineListener): () => void;
  /**
   * No scope: a full re-read (concurrent calls share one). `{ plan }`: re-read that plan at once
   * (read-your-writes). Resolves, once the published state is current, with what changed.
   */
  refresh(scope?: { readonly plan?: string }): Promise<PlansDiff>;
  /** Idempotent. */
  stop(): Promise<void>;
}

/** One explicit phase instead of flags that must agree. */
type Phase = "idle" | "running" | "root-lost" | "stopped";

export function createEngine(options: EngineOptions): Engine {
  const { root, fs, debug = noDebug } = options;
  const clock = boundedClock(options.clock);
  const pollIntervalMs = boundedInterval(options.pollIntervalMs);
  const rescanIntervalMs = boundedInterval(options.rescanIntervalMs);
  const store: Store = createStore({ fs, clock, root, maxDepth: options.maxDepth, staleExecutionDays: options.staleExecutionDays });
  const listeners = new Set<EngineListener>();
  const emit = (event: EngineEvent): void => {
    for (const l of [...listeners]) l(event);
  };

  let realRoot = root;
  try {
    realRoot = fs.realPath(root);
  } catch {
    // ENOENT: the root is checked (and reported) by the first load.
  }
  const fsType = fsTypeOf(() => fs.readMounts(), realRoot);
  const initial = chooseBackend({ mode: options.watch, pollIntervalMs, fsType, ...(options.modeSource === undefined ? {} : { modeSource: options.modeSource }) });

  const voice = createAnnouncer(
    { backend: initial.backend, intervalMs: initial.intervalMs, reason: initial.reason, stretch: null, fsType, watcherFailed: false, lastUpdateAt: null, lastChangeAt: null, scanning: false, lastError: null },
    clock,
    emit,
  );

  let phase: Phase = "idle";
  let backend: WatchBackend | null = null;
  const guard = createRootGuard(fs, clock, root);
  const netTimer = timerSlot(clock);
  const staleTimer = timerSlot(clock);
  let linkedKey = "";
  let netRuns = 1;
  /** Files the last poll check stat'ed: why its interval stretched. */
  let lastCheckFiles = 0;
  let fullRefresh: Promise<PlansDiff> | null = null;
  let stopping: Promise<void> | null = null;

  store.subscribe((u) => {
    const now = clock.now();
    voice.set({ lastChangeAt: now, lastUpdateAt: now }, false);
    emit({ type: "update", at: now, state: u.state, diff: u.diff, cause: u.cause });
  });

  const syncLinks = (): void => {
    if (backend === null || backend.setLinkedDirs === undefined) return;
    const dirs: readonly LinkedDir[] = store.linkedDirs();
    const key = dirs.map((d) => `${d.abs}\0${d.rel}`).join("\n");
    if (key === linkedKey) return;
    linkedKey = key;
    backend.setLinkedDirs(dirs);
  };

  /** A stale flag that turns on with time alone (SPEC §2.1) is re-evaluated when it falls due. */
  const scheduleStale = (): void => {
    const at = store.nextStaleAt();
    if (!Number.isFinite(at)) staleTimer.clear();
    // `stale` holds once now is past staleAt, so look 1 ms after it.
    else if (staleTimer.dueAt !== at + 1) staleTimer.set(at + 1 - clock.now(), onStaleDue);
  };

  /** Every reconcile ends here: the footer's "Last updated" moves even when nothing changed. */
  const after = (result: Reconcile, patch: Partial<Freshness> = {}): void => {
    voice.set({ lastUpdateAt: clock.now(), ...patch }, true);
    voice.problems(result.problems, phase === "root-lost");
    if (result.rootMissing && phase === "running") rootMoved("gone");
    else syncLinks();
    scheduleStale();
  };

  /** True while the folder at the root's path is the one being watched; else re-arms (or waits for it) and says false. */
  const rootHolds = (): boolean => {
    if (phase !== "running") return false;
    const state = guard.state();
    if (state === "same") return true;
    rootMoved(state);
    return false;
  };

  const hints = createHintQueue({
    clock,
    windowMs: boundedDelay(options.debounceMs),
    maxDepth: options.maxDepth,
    isPlan: store.isPlan,
    onWork(work) {
      if (!rootHolds()) return;
      debug("live", "batch", { plans: work.plans.length, scopes: work.scopes.length });
      const result = store.apply(work, "hint");
      debug("live", "applied", { reread: result.reread, changed: result.diff.changed.length, added: result.diff.added.length, removed: result.diff.removed.length });
      after(result);
    },
  });

  const onHint = (hint: ChangeHint): void => {
    if (phase !== "running") return;
    if (hint.kind === "root") rootMoved("gone");
    else if (hint.kind === "path") hints.addPath(hint.path);
    else if (backend?.kind !== "poll") hints.addAnywhere();
    else if (rootHolds()) {
      const result = store.check(false);
      lastCheckFiles = result.statted;
      after(result);
    }
  };

  const startBackend = (choice: BackendChoice): BackendChoice => {
    linkedKey = "";
    if (choice.backend === "off") {
      backend = null;
      return choice;
    }
    const candidate = choice.backend === "fs" ? createFsBackend(root, fs) : createPollBackend(clock, pollIntervalMs, (ms, tickMs) => onStretch(choice, ms, tickMs));
    try {
      candidate.start({ onHint, onFailure });
      backend = candidate;
      return choice;
    } catch (error) {
      void candidate.stop();
      if (choice.backend !== "fs") throw error;
      return startBackend(pollAfterFailure({ code: (error as { code?: string }).code ?? "EWATCH", message: (error as Error).message }, pollIntervalMs));
    }
  };

  /** SPEC §4: the effective poll interval is the one reported, so a stretch is a backend event. */
  function onStretch(choice: BackendChoice, intervalMs: number, tickMs: number): void {
    const stretched = intervalMs > pollIntervalMs;
    const why = stretched ? stretchReason(lastCheckFiles, tickMs, intervalMs) : `checks are quick again, every ${intervalMs} ms`;
    debug("live", "poll interval", { intervalMs, tickMs, files: lastCheckFiles });
    voice.backend(
      { backend: "poll", intervalMs, reason: `${choice.reason}; ${why}`, stretch: stretched ? { files: lastCheckFiles, tickMs } : null },
      voice.freshness.watcherFailed,
    );
  }

  function onFailure(failure: BackendFailure): void {
    if (!rootHolds()) return;
    debug("live", "backend failed; switching to poll", { ...failure });
    const old = backend;
    backend = null;
    void old?.stop();
    const choice = startBackend(pollAfterFailure(failure, pollIntervalMs));
    voice.backend(choice, true);
    // Events may have been lost while the watcher was failing.
    after(store.check(true));
  }

  /** Backend, pin and pending hints go: they belong to a folder that is no longer the root. */
  const disarm = (): void => {
    const old = backend;
    backend = null;
    void old?.stop();
    guard.release();
    hints.drain();
  };

  /**
   * Pins the root, starts the backend on it, then reads everything: in this order nothing
   * written in between is missed, and a root swapped between pin and watch fails the next
   * check. Returns what the read did, or null when there is no root to watch.
   */
  const arm = (why: "load" | "back" | "replaced"): Reconcile | null => {
    if (!guard.pin()) {
      if (why === "load") {
        phase = "running";
        after(store.reloadAll("load"));
      } else {
        loseRoot();
      }
      return null;
    }
    phase = "running";
    const choice = startBackend(initial);
    const failed = choice.backend !== initial.backend;
    if (why === "load") {
      if (failed) voice.backend(choice, true);
      else voice.set({ backend: choice.backend, intervalMs: choice.intervalMs, reason: choice.reason }, false);
    } else {
      voice.clearErrors();
      const what = why === "back" ? "plans root is back" : "plans root was replaced (deleted and made again); watching the new one";
      voice.backend({ ...choice, reason: `${what}; ${choice.reason}` }, failed);
    }
    const result = store.reloadAll(why === "load" ? "load" : "refresh");
    after(result);
    // fs only: the root checked on a timer too, since a dead watch sends nothing at all. A root
    // made again may have flipped once more while it was read: look again at once.
    if (phase === "running" && backend?.kind === "fs") guard.checkEvery(ROOT_CHECK_MS, rootMoved, why === "load" ? ROOT_CHECK_MS : 0);
    return result;
  };

  function rootMoved(state: "gone" | "replaced"): void {
    if (phase !== "running") return;
    debug("live", `plans root ${state}`, { root });
    disarm();
    if (state === "replaced") arm("replaced");
    else loseRoot();
  }

  function loseRoot(): void {
    disarm();
    phase = "root-lost";
    voice.error({ code: "ENOENT", message: "the plans root is gone; waiting for it to come back", path: root });
    after(store.apply({ plans: [], scopes: ["."] }, "check"));
    // Back as soon as a folder is there again (arm, failing to pin it, comes back here).
    guard.waitForRoot(Math.min(pollIntervalMs, ROOT_RETRY_MS), () => void arm("back"));
  }

  const runSafetyNet = (): void => {
    if (phase === "stopped") return;
    // Folder stamps catch every entry added or removed; a full walk now and then also covers an
    // entry that landed within the same clock tick as the listing. With poll every tick already
    // compares the stamps and signatures: only the full walk adds anything (SPEC §4 has the safety
    // net for fs; on a big tree a second check every 30 s was 0.7 % CPU on top of the poll budget).
    const full = netRuns++ % FULL_WALK_EVERY === 0;
    if (backend !== null && (backend.kind !== "poll" || full) && rootHolds()) {
      voice.set({ scanning: true }, true);
      const result = store.check(full);
      if (result.reread > 0) debug("live", "safety net re-read plans", { reread: result.reread, changed: result.diff.changed.length });
      after(result, { scanning: false });
    }
    netTimer.set(rescanIntervalMs, runSafetyNet);
  };

  // While the root is gone there are no plans; arming again schedules what is due.
  function onStaleDue(): void {
    if (phase === "running") after(store.recheckStale());
  }

  /** Whatever a refresh had to do (re-arm, come back, re-read), what a reader sees change. */
  const changedSince = (before: WorkspaceState): PlansDiff => (before === store.state ? EMPTY_DIFF : diffPlans(before.plans, store.state.plans));

  const refreshAll = async (): Promise<PlansDiff> => {
    voice.set({ scanning: true }, true);
    // Let a screen draw its spinner before the (synchronous) full read.
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 0));
    if (phase === "stopped") return EMPTY_DIFF;
    const before = store.state;
    hints.drain();
    if (phase === "root-lost") {
      if (fs.statOrNull(root)?.kind !== "dir" || arm("back") === null) voice.set({ scanning: false, lastUpdateAt: clock.now() }, true);
    } else if (rootHolds()) {
      // (A root found replaced was re-armed and re-read by rootHolds itself.)
      after(store.reloadAll("refresh"), { scanning: false });
    }
    if (voice.freshness.scanning) voice.set({ scanning: false }, true);
    return changedSince(before);
  };

  const onAbort = (): void => {
    void engine.stop();
  };

  const engine: Engine = {
    async start() {
      if (phase !== "idle") return;
      arm("load");
      debug("live", "started", { backend: voice.freshness.backend, reason: voice.freshness.reason, plans: store.state.plans.length });
      if (initial.backend !== "off") netTimer.set(rescanIntervalMs, runSafetyNet);
      options.signal?.addEventListener("abort", onAbort, { once: true });
    },
    get state() {
      return store.state;
    },
    freshness: () => voice.freshness,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    refresh(scope) {
      if (phase === "stopped" || phase === "idle") return Promise.resolve(EMPTY_DIFF);
      if (scope?.plan !== undefined) {
        if (phase !== "running") return Promise.resolve(EMPTY_DIFF);
        const before = store.state;
        after(store.apply({ plans: [scope.plan], scopes: [scope.plan] }, "refresh"));
        return Promise.resolve(changedSince(before));
      }
      fullRefresh ??= refreshAll().finally(() => {
        fullRefresh = null;
      });
      return fullRefresh;
    },
    stop() {
      if (stopping === null) {
        phase = "stopped";
        options.signal?.removeEventListener("abort", onAbort);
        hints.stop();
        netTimer.clear();
        staleTimer.clear();
        guard.release();
        const b = backend;
        backend = null;
        listeners.clear();
        stopping = b === null ? Promise.resolve() : b.stop();
      }
      return stopping;
    },
  };
  return engine;
}
