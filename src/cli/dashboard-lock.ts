/**
 * The dashboard's side of the lock (SPEC §5): which role this dashboard has, telling it when that
 * changes — a holder whose lock was taken turns read-only and learns by whom, a read-only one
 * learns that the lock is free — and taking the lock on request. The watching is the lock
 * monitor's; this turns its events into what the screen shows.
 */
import type { DashboardLock, Holder } from "../lock/lock";
import { createLockMonitor, MAX_LOCK_CHECK_MS, type LockEvent } from "../lock/monitor";
import type { Clock } from "../ports";
import type { HolderInfo, LockView, Tone } from "../ui/app-state";
import type { LockSession } from "../ui/app";
import { holderWho } from "../ui/lock-text";

export function holderInfo(holder: Holder | null): HolderInfo | null {
  if (holder === null) return null;
  return { pid: holder.record?.pid ?? null, host: holder.record?.host ?? null, since: holder.since };
}

type Listener = (view: LockView, message: string | null, tone: Tone) => void;

export interface DashboardLockSession extends LockSession {
  stop(): Promise<void>;
}

/** What a lock event means on screen. A removed lock file is not a takeover: nobody took it. */
export function viewOfEvent(event: LockEvent): { view: LockView; message: string; tone: Tone } {
  const info = holderInfo(event.holder);
  switch (event.kind) {
    case "lost":
      if (event.holder === null || !event.holder.alive) {
        return { view: { role: "read-only", holder: info, free: true }, message: "the lock file was removed (the plans root replaced, or .plandash cleaned); press t to take the lock again", tone: "warn" };
      }
      return { view: { role: "read-only", holder: info, free: false }, message: `the lock was taken over by ${holderWho(info)}; this dashboard is read-only now`, tone: "warn" };
    case "freed":
      return { view: { role: "read-only", holder: info, free: true }, message: "the lock is free now: press t to take it", tone: "info" };
    case "held":
      return { view: { role: "read-only", holder: info, free: false }, message: `the lock is held by ${holderWho(info)}`, tone: "warn" };
  }
}

/** `rootExists`: taking the lock creates `.plandash/` under the root, which must not bring back a deleted root. */
export function createLockSession(lock: DashboardLock, clock: Clock, initial: LockView, rootExists: () => boolean): DashboardLockSession {
  let view = initial;
  const listeners = new Set<Listener>();
  const publish = (next: LockView, message: string | null, tone: Tone): void => {
    view = next;
    for (const l of [...listeners]) l(view, message, tone);
  };

  const take = async (): Promise<{ view: LockView; message: string; tone: Tone }> => {
    if (!rootExists()) return { view, message: "the plans root is gone; the lock can be taken once it is back", tone: "warn" };
    // acquire never takes a live holder's lock: `t` is offered only when it is free or its holder dead.
    const result = await lock.acquire();
    if (result.kind === "held") {
      view = { role: "holder" };
      monitor.setRole("holder");
      return { view, message: "✓ this dashboard holds the lock now; actions are on", tone: "good" };
    }
    const info = holderInfo(result.holder);
    view = { role: "read-only", holder: info, free: false };
    const message = result.kind === "busy" ? `could not take the lock: ${holderWho(info)} is taking it right now; try again` : `could not take the lock: ${holderWho(info)} holds it`;
    return { view, message, tone: "warn" };
  };

  const monitor = createLockMonitor({
    lock,
    clock,
    // The slowest check that still tells a holder of a takeover within 1 s: fewer wake-ups when idle.
    intervalMs: MAX_LOCK_CHECK_MS,
    role: initial.role === "holder" ? "holder" : "watcher",
    onChange(event) {
      // Our lock file vanished and nobody else holds the lock: take it back rather than go read-only for nothing.
      if (event.kind === "lost" && (event.holder === null || !event.holder.alive) && rootExists()) {
        void take().then((r) => publish(r.view, r.view.role === "holder" ? "the lock file was removed (the plans root replaced, or .plandash cleaned); took the lock again" : r.message, r.view.role === "holder" ? "info" : r.tone));
        return;
      }
      const next = viewOfEvent(event);
      // The watcher's first check reports what it finds; say nothing when that is what we show.
      const same = view.role === "read-only" && next.view.role === "read-only" && view.free === next.view.free && view.holder?.pid === next.view.holder?.pid;
      if (same) {
        view = next.view;
        return;
      }
      publish(next.view, next.message, next.tone);
    },
    onError() {
      // EACCES/EIO on the lock path: keep the role shown; the monitor checks again shortly.
    },
  });

  return {
    view: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    takeover: take,
    stop: () => monitor.stop(),
  };
}
