/**
 * The engine's voice: it keeps the Freshness facts (SPEC §4) and says each change of them as
 * an engine event — the backend and why, errors (scan problems when they appear, cleared when
 * they are gone), and a `freshness` event whenever lastUpdateAt or another fact moves.
 */
import type { Clock } from "../ports";
import type { ScanProblem } from "../workspace/scan";
import type { BackendChoice } from "./choose-backend";
import type { EngineListener } from "./engine";
import type { EngineError, Freshness } from "./freshness";

export interface Announcer {
  readonly freshness: Freshness;
  /** Changes facts; `announce` says so with a `freshness` event. */
  set(patch: Partial<Freshness>, announce: boolean): void;
  /** The backend in use now, said with a `backend` event. */
  backend(choice: BackendChoice, watcherFailed: boolean): void;
  error(error: Omit<EngineError, "at">): void;
  /** Folders a reconcile could not list: new ones become errors; when none is left the error clears (unless `keepError`). */
  problems(problems: readonly ScanProblem[], keepError: boolean): void;
  /** A fresh start (the root came back): no error in effect, no problem known. */
  clearErrors(): void;
}

export function createAnnouncer(initial: Freshness, clock: Clock, emit: EngineListener): Announcer {
  let fresh = initial;
  let problemKeys = new Set<string>();
  const set = (patch: Partial<Freshness>, announce: boolean): void => {
    fresh = { ...fresh, ...patch };
    if (announce) emit({ type: "freshness", at: clock.now(), freshness: fresh });
  };
  const error = (e: Omit<EngineError, "at">): void => {
    const withTime: EngineError = { ...e, at: clock.now() };
    set({ lastError: withTime }, false);
    emit({ type: "error", ...withTime });
  };
  return {
    get freshness() {
      return fresh;
    },
    set,
    backend(choice, watcherFailed) {
      set({ backend: choice.backend, intervalMs: choice.intervalMs, reason: choice.reason, stretch: choice.stretch ?? null, watcherFailed }, false);
      emit({ type: "backend", at: clock.now(), backend: choice.backend, intervalMs: choice.intervalMs, reason: choice.reason });
    },
    error,
    problems(problems, keepError) {
      const keys = new Set(problems.map((p) => `${p.code}\0${p.path}`));
      for (const p of problems) {
        // The root itself missing is the engine's own error ("the plans root is gone").
        if (problemKeys.has(`${p.code}\0${p.path}`) || (p.path === "." && p.code === "ENOENT")) continue;
        error({ code: p.code, message: `cannot read folder ${p.path} (${p.code}); its plans are not shown`, path: p.path });
      }
      if (keys.size === 0 && problemKeys.size > 0 && fresh.lastError !== null && !keepError) set({ lastError: null }, true);
      problemKeys = keys;
    },
    clearErrors() {
      problemKeys = new Set();
      set({ lastError: null }, false);
    },
  };
}
