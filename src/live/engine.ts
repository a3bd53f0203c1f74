/**
 * The live engine: backend → coalescer → store, with the safety net, backend switching and
 * survival of the plans root going away. Everything a screen or `watch` needs comes out of
 * `subscribe` (updates, backend switches, errors, freshness) and `freshness()`.
 */
import * as fs from "node:fs";
import type { PlansDiff } from "../core/diff";
import type { WorkspaceState } from "../core/types";
import type { Clock, FsPort } from "../ports";
import { noDebug, type Debug } from "../util/debug";
import { osErrorText } from "../util/errors";
import type { WatchMode } from "../workspace/config";
import type { ScanProblem } from "../workspace/scan";
import type { BackendFailure, BackendKind, ChangeHint, LinkedDir, WatchBackend } from "./backend";
import { chooseBackend, fsTypeOf, type BackendChoice, type MountsReader } from "./choose-backend";
import { classifyHint } from "./classify";
import { createCoalescer } from "./coalesce";
import { createFsBackend, type WatchFactory } from "./fs-backend";
import type { EngineError, Freshness } from "./freshness";
import { createPollBackend } from "./poll-backend";
import { realStat, type StatFn } from "./signature";
import { createStore, type Reconcile, type Store, type UpdateCause } from "./store";

export type EngineEvent =
  | { readonly type: "update"; readonly at: number; readonly state: WorkspaceState; readonly diff: PlansDiff; readonly cause: UpdateCause }
  | { readonly type: "backend"; readonly at: number; readonly backend: BackendKind; readonly intervalMs: number | null; readonly reason: string }
  | ({ readonly type: "error" } & EngineError)
  /** Only the freshness facts moved (scanning started/ended, error cleared). */
  | { readonly type: "freshness"; readonly at: number; readonly freshness: Freshness };

/** Every how many safety-net runs the whole tree is walked again (else folder stamps are compared). */
const FULL_WALK_EVERY = 10;

export type EngineListener = (event: EngineEvent) => void;

export interface EngineOptions {
  readonly root: string;
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
  readonly readMounts?: MountsReader;
  readonly watchFactory?: WatchFactory;
  readonly stat?: StatFn;
  readonly debug?: Debug;
  readonly signal?: AbortSignal;
}

export interface Engine {
  /** Loads the workspace and starts watching; resolves once the state is loaded. */
  start(): Promise<void>;
  readonly state: WorkspaceState;
  freshness(): Freshness;
  subscribe(listener: EngineListener): () => void;
  /** No scope: a full re-read now. `{ plan }`: re-read that plan at once (read-your-writes). Resolves when the published state is current. */
  refresh(scope?: { readonly plan?: string }): Promise<void>;
  /** Idempotent. */
  stop(): Promise<void>;
}

export const realMountsReader: MountsReader = () => {
  try {
    return fs.readFileSync("/proc/mounts", "utf8");
  } catch {
    // ENOENT: no /proc (macOS, some sandboxes): the filesystem type is unknown.
    return null;
  }
};

export function createEngine(options: EngineOptions): Engine {
  const { root, clock, debug = noDebug } = options;
  const stat = options.stat ?? realStat;
  const store: Store = createStore({ fs: options.fs, clock, root, maxDepth: options.maxDepth, staleExecutionDays: options.staleExecutionDays, stat });
  const listeners = new Set<EngineListener>();
  const emit = (event: EngineEvent): void => {
    for (const l of [...listeners]) l(event);
  };

  let realRoot = root;
  try {
    realRoot = options.fs.realPath(root);
  } catch {
    // ENOENT: the root is checked (and reported) by the first load.
  }
  const fsType = fsTypeOf(options.readMounts ?? realMountsReader, realRoot);
  const initial = chooseBackend({ mode: options.watch, pollIntervalMs: options.pollIntervalMs, fsType, ...(options.modeSource === undefined ? {} : { modeSource: options.modeSource }) });

  let fresh: Freshness = {
    backend: initial.backend,
    intervalMs: initial.intervalMs,
    reason: initial.reason,
    fsType,
    watcherFailed: false,
    lastUpdateAt: null,
    lastChangeAt: null,
    scanning: false,
    lastError: null,
  };
  const setFresh = (patch: Partial<Freshness>, announce: boolean): void => {
    fresh = { ...fresh, ...patch };
    if (announce) emit({ type: "freshness", at: clock.now(), freshness: fresh });
  };

  let backend: WatchBackend | null = null;
  let rootIno: number | null = null;
  let rootLost = false;
  let rootTimer: unknown = null;
  let netTimer: unknown = null;
  let linkedKey = "";
  let problemKeys = new Set<string>();
  let netRuns = 1;
  let stopping: Promise<void> | null = null;

  store.subscribe((u) => {
    setFresh({ lastChangeAt: clock.now() }, false);
    emit({ type: "update", at: clock.now(), state: u.state, diff: u.diff, cause: u.cause });
  });

  const reportError = (error: Omit<EngineError, "at">): void => {
    const e: EngineError = { ...error, at: clock.now() };
    setFresh({ lastError: e }, false);
    emit({ type: "error", ...e });
  };

  /** Scan problems become error events when they appear; the error clears when they are gone. */
  const noteProblems = (problems: readonly ScanProblem[]): void => {
    const keys = new Set(problems.map((p) => `${p.code}\0${p.path}`));
    for (const p of problems) {
      if (!problemKeys.has(`${p.code}\0${p.path}`) && !(p.path === "." && p.code === "ENOENT")) {
        reportError({ code: p.code, message: `cannot read folder ${p.path} (${p.code}); its plans are not shown`, path: p.path });
      }
    }
    if (keys.size === 0 && problemKeys.size > 0 && fresh.lastError !== null && !rootLost) setFresh({ lastError: null }, true);
    problemKeys = keys;
  };

  const syncLinks = (): void => {
    if (backend === null || backend.setLinkedDirs === undefined) return;
    const dirs: readonly LinkedDir[] = store.linkedDirs();
    const key = dirs.map((d) => `${d.abs}\0${d.rel}`).join("\n");
    if (key === linkedKey) return;
    linkedKey = key;
    backend.setLinkedDirs(dirs);
  };

  const after = (result: Reconcile): void => {
    setFresh({ lastUpdateAt: clock.now() }, false);
    noteProblems(result.problems);
    if (result.rootMissing) loseRoot();
    else syncLinks();
  };

  const rootChanged = (): boolean => {
    const s = stat(root);
    return s === null || !s.isDir || (rootIno !== null && s.ino !== rootIno);
  };

  const coalescer = createCoalescer({
    clock,
    windowMs: options.debounceMs,
    onFlush(keys) {
      if (rootLost || stopping !== null) return;
      if (rootChanged()) {
        loseRoot();
        return;
      }
      const plans: string[] = [];
      const scopes: string[] = [];
      for (const k of keys) (k.startsWith("p") ? plans : scopes).push(k.slice(1));
      debug("live", "batch", { plans: plans.length, scopes: scopes.length });
      const result = store.apply({ plans, scopes }, "hint");
      debug("live", "applied", { reread: result.reread, changed: result.diff.changed.length, added: result.diff.added.length, removed: result.diff.removed.length });
      after(result);
    },
  });

  const onHint = (hint: ChangeHint): void => {
    if (rootLost || stopping !== null) return;
    if (hint.kind === "root") {
      loseRoot();
    } else if (hint.kind === "check") {
      if (backend?.kind === "poll") {
        if (rootChanged()) loseRoot();
        else after(store.check(false));
      } else {
        coalescer.add("s.");
      }
    } else {
      const work = classifyHint(hint.path, store.isPlan, options.maxDepth);
      if (work === null) return;
      if (work.plan !== null) coalescer.add(`p${work.plan}`);
      if (work.scope !== null) coalescer.add(`s${work.scope}`);
    }
  };

  const startBackend = (choice: BackendChoice): BackendChoice => {
    linkedKey = "";
    if (choice.backend === "off") {
      backend = null;
      return choice;
    }
    const candidate = choice.backend === "fs" ? createFsBackend(root, options.watchFactory) : createPollBackend(clock, options.pollIntervalMs);
    try {
      candidate.start({ onHint, onFailure });
      backend = candidate;
      syncLinks();
      return choice;
    } catch (error) {
      void candidate.stop();
      if (choice.backend !== "fs") throw error;
      const failure: BackendFailure = { code: (error as { code?: string }).code ?? "EWATCH", message: (error as Error).message };
      return startBackend(pollAfter(failure));
    }
  };

  const pollAfter = (failure: BackendFailure): BackendChoice => ({
    backend: "poll",
    intervalMs: options.pollIntervalMs,
    reason: `fs.watch failed (${osErrorText(failure.code, failure.message)}); polling every ${options.pollIntervalMs} ms`,
  });

  const announceBackend = (choice: BackendChoice, watcherFailed: boolean): void => {
    setFresh({ backend: choice.backend, intervalMs: choice.intervalMs, reason: choice.reason, watcherFailed }, false);
    emit({ type: "backend", at: clock.now(), backend: choice.backend, intervalMs: choice.intervalMs, reason: choice.reason });
  };

  function onFailure(failure: BackendFailure): void {
    if (stopping !== null || rootLost) return;
    if (rootChanged()) {
      loseRoot();
      return;
    }
    debug("live", "backend failed; switching to poll", { ...failure });
    const old = backend;
    backend = null;
    void old?.stop();
    const choice = startBackend(pollAfter(failure));
    announceBackend(choice, true);
    // Events may have been lost while the watcher was failing.
    after(store.check(true));
  }

  function loseRoot(): void {
    if (rootLost || stopping !== null) return;
    rootLost = true;
    const old = backend;
    backend = null;
    void old?.stop();
    coalescer.drain();
    reportError({ code: "ENOENT", message: "the plans root is gone; waiting for it to come back", path: root });
    const result = store.apply({ plans: [], scopes: ["."] }, "check");
    setFresh({ lastUpdateAt: clock.now() }, false);
    debug("live", "root lost", { removed: result.diff.removed.length });
    const retryMs = Math.min(options.pollIntervalMs, 500);
    const retry = (): void => {
      rootTimer = null;
      if (stopping !== null) return;
      const s = stat(root);
      if (s === null || !s.isDir) {
        rootTimer = clock.setTimeout(retry, retryMs);
        return;
      }
      rootIno = s.ino;
      rootLost = false;
      problemKeys = new Set();
      setFresh({ lastError: null }, false);
      const choice = startBackend(initial);
      announceBackend({ ...choice, reason: `plans root is back; ${choice.reason}` }, choice.backend !== initial.backend);
      after(store.reloadAll("refresh"));
    };
    rootTimer = clock.setTimeout(retry, retryMs);
  }

  const runSafetyNet = (): void => {
    netTimer = null;
    if (stopping !== null) return;
    if (!rootLost && backend !== null) {
      if (rootChanged()) loseRoot();
      else {
        setFresh({ scanning: true }, true);
        // Folder stamps catch every entry added or removed; a full walk now and then also covers
        // an entry that landed within the same clock tick as the listing.
        const result = store.check(netRuns++ % FULL_WALK_EVERY === 0);
        if (result.reread > 0) debug("live", "safety net re-read plans", { reread: result.reread, changed: result.diff.changed.length });
        setFresh({ scanning: false }, true);
        after(result);
      }
    }
    netTimer = clock.setTimeout(runSafetyNet, options.rescanIntervalMs);
  };

  const onAbort = (): void => {
    void engine.stop();
  };

  const engine: Engine = {
    async start() {
      const s = stat(root);
      rootIno = s?.ino ?? null;
      if (s === null || !s.isDir) {
        // Gone between finding it and watching it: report it and wait for it like any later loss.
        after(store.reloadAll("load"));
        if (!rootLost) loseRoot();
        options.signal?.addEventListener("abort", onAbort, { once: true });
        return;
      }
      // Watch first, then read: nothing written in between can be missed.
      const choice = startBackend(initial);
      if (choice !== initial) announceBackend(choice, true);
      else setFresh({ backend: choice.backend, intervalMs: choice.intervalMs, reason: choice.reason }, false);
      after(store.reloadAll("load"));
      debug("live", "started", { backend: choice.backend, reason: choice.reason, plans: store.state.plans.length });
      if (choice.backend !== "off") netTimer = clock.setTimeout(runSafetyNet, options.rescanIntervalMs);
      options.signal?.addEventListener("abort", onAbort, { once: true });
    },
    get state() {
      return store.state;
    },
    freshness: () => fresh,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async refresh(scope) {
      if (stopping !== null) return;
      if (scope?.plan !== undefined) {
        after(store.apply({ plans: [scope.plan], scopes: [scope.plan] }, "refresh"));
        return;
      }
      setFresh({ scanning: true }, true);
      // Let a screen draw its spinner before the (synchronous) full read.
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 0));
      if (stopping !== null) return;
      coalescer.drain();
      const result = store.reloadAll("refresh");
      setFresh({ scanning: false }, true);
      after(result);
    },
    stop() {
      if (stopping === null) {
        options.signal?.removeEventListener("abort", onAbort);
        coalescer.stop();
        if (netTimer !== null) clock.clearTimeout(netTimer);
        if (rootTimer !== null) clock.clearTimeout(rootTimer);
        netTimer = null;
        rootTimer = null;
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
