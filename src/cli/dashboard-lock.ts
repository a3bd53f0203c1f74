/**
 * The dashboard's side of the lock (SPEC §5): which role this dashboard has, telling it when that
 * changes (a holder whose lock was taken turns read-only and learns by whom; a read-only one
 * learns that the lock is free), and taking the lock on request.
 */
import type { DashboardLock, Holder } from "../lock/lock";
import type { Clock } from "../ports";
import type { HolderInfo, LockView, Tone } from "../ui/app-state";
import type { LockSession } from "../ui/app";

/** How often the lock file is looked at; a takeover is seen within this (SPEC: within 2 s). */
export const LOCK_CHECK_MS = 500;

export function holderInfo(holder: Holder | null): HolderInfo | null {
  if (holder === null) return null;
  return { pid: holder.record?.pid ?? null, host: holder.record?.host ?? null, since: holder.since };
}

function who(info: HolderInfo | null): string {
  return info === null || info.pid === null ? "another dashboard" : `pid ${info.pid} on ${info.host ?? "?"}`;
}

type Listener = (view: LockView, message: string | null, tone: Tone) => void;

export interface DashboardLockSession extends LockSession {
  stop(): void;
  /** For exit paths: releases the lock if this dashboard holds it. */
  releaseSync(): void;
}

export function createLockSession(lock: DashboardLock, clock: Clock, initial: LockView): DashboardLockSession {
  let view = initial;
  const listeners = new Set<Listener>();
  let timer: unknown = null;
  let stopped = false;
  const publish = (next: LockView, message: string | null, tone: Tone): void => {
    view = next;
    for (const l of [...listeners]) l(view, message, tone);
  };

  const check = (): void => {
    timer = null;
    if (stopped) return;
    try {
      if (view.role === "holder") {
        const v = lock.verify();
        if (v.kind === "lost") {
          const info = holderInfo(v.holder);
          publish({ role: "read-only", holder: info, free: v.holder === null || !v.holder.alive }, `the lock was taken over by ${who(info)}; this dashboard is read-only now`, "warn");
        }
      } else {
        const holder = lock.inspect();
        const free = holder === null || !holder.alive;
        const info = holderInfo(holder);
        if (free !== view.free || info?.pid !== view.holder?.pid) {
          publish({ role: "read-only", holder: info, free }, free ? "the lock is free now: press t to take it" : `the lock is held by ${who(info)}`, free ? "info" : "warn");
        }
      }
    } catch (error) {
      // EIO/EACCES on the lock file: keep the role; the next check tries again.
      void error;
    }
    timer = clock.setTimeout(check, LOCK_CHECK_MS);
  };
  timer = clock.setTimeout(check, LOCK_CHECK_MS);

  return {
    view: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async takeover() {
      // `t` is offered when the lock is free or its holder dead: acquire never takes a live holder's lock.
      const result = await lock.acquire();
      if (result.kind === "held") {
        view = { role: "holder" };
        return { view, message: "✓ this dashboard holds the lock now; actions are on", tone: "good" as const };
      }
      const info = holderInfo(result.holder);
      view = { role: "read-only", holder: info, free: false };
      return { view, message: `could not take the lock: ${who(info)} is taking it right now; try again`, tone: "warn" as const };
    },
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      listeners.clear();
    },
    releaseSync() {
      if (view.role === "holder") lock.releaseSync();
    },
  };
}
