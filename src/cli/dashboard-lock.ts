/**
 * The dashboard's side of the lock (SPEC §5): which role this dashboard has, telling it when that
 * changes — a holder whose lock was taken turns read-only and learns by whom, a read-only one
 * learns that the lock is free — and taking the lock on request. The watching is the lock
 * monitor's; this only turns its events into what the screen shows.
 */
import type { DashboardLock, Holder } from "../lock/lock";
import { createLockMonitor, type LockEvent } from "../lock/monitor";
import type { Clock } from "../ports";
import type { HolderInfo, LockView, Tone } from "../ui/app-state";
import type { LockSession } from "../ui/app";

export function holderInfo(holder: Holder | null): HolderInfo | null {
  if (holder === null) return null;
  return { pid: holder.record?.pid ?? null, host: holder.record?.host ?? null, since: holder.since };
}

function who(info: HolderInfo | null): string {
  return info === null || info.pid === null ? "another dashboard" : `pid ${info.pid} on ${info.host ?? "?"}`;
}

type Listener = (view: LockView, message: string | null, tone: Tone) => void;

export interface DashboardLockSession extends LockSession {
  stop(): Promise<void>;
}

/** What a lock event means on screen. */
export function viewOfEvent(event: LockEvent): { view: LockView; message: string; tone: Tone } {
  const info = holderInfo(event.holder);
  switch (event.kind) {
    case "lost":
      return { view: { role: "read-only", holder: info, free: event.holder === null || !event.holder.alive }, message: `the lock was taken over by ${who(info)}; this dashboard is read-only now`, tone: "warn" };
    case "freed":
      return { view: { role: "read-only", holder: info, free: true }, message: "the lock is free now: press t to take it", tone: "info" };
    case "held":
      return { view: { role: "read-only", holder: info, free: false }, message: `the lock is held by ${who(info)}`, tone: "warn" };
  }
}

export function createLockSession(lock: DashboardLock, clock: Clock, initial: LockView): DashboardLockSession {
  let view = initial;
  const listeners = new Set<Listener>();
  const monitor = createLockMonitor({
    lock,
    clock,
    role: initial.role === "holder" ? "holder" : "watcher",
    onChange(event) {
      const next = viewOfEvent(event);
      // The watcher's first check reports what it finds; say nothing when that is what we show.
      const same = view.role === "read-only" && next.view.role === "read-only" && view.free === next.view.free && view.holder?.pid === next.view.holder?.pid;
      view = next.view;
      if (same) return;
      for (const l of [...listeners]) l(view, next.message, next.tone);
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
    async takeover() {
      // `t` is offered when the lock is free or its holder dead: acquire never takes a live holder's lock.
      const result = await lock.acquire();
      if (result.kind === "held") {
        view = { role: "holder" };
        monitor.setRole("holder");
        return { view, message: "✓ this dashboard holds the lock now; actions are on", tone: "good" as const };
      }
      const info = holderInfo(result.holder);
      view = { role: "read-only", holder: info, free: false };
      const message = result.kind === "busy" ? `could not take the lock: ${who(info)} is taking it right now; try again` : `could not take the lock: ${who(info)} holds it`;
      return { view, message, tone: "warn" as const };
    },
    stop: () => monitor.stop(),
  };
}
