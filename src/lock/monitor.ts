/**
 * Watching the dashboard lock over time (SPEC §5: "the previous holder sees its lock change, turns
 * read-only and says by whom"; a read-only dashboard "when the lock frees, offers to take it").
 *
 * A check every `intervalMs` (≤ 500 ms, so a holder hears of a takeover within 1 s) reads the lock
 * file once through the lock's own verify()/inspect(); the clock is injected. Nothing is written.
 *
 * - holder: the record on disk still carries our nonce? If not, one `lost` event naming who has it
 *   now (null: nobody, the record was removed), and the monitor carries on as a watcher, because
 *   that is what the former holder now is.
 * - watcher: the state is "free" (no file, or a holder judged dead: it may be taken) or "held by X".
 *   The first check always reports it (so a change between the caller's own look and the monitor's
 *   start is never missed); after that only changes: `freed`, or `held` when someone (else) holds it.
 */
import type { Clock } from "../ports";
import type { DashboardLock, Holder } from "./lock";

export const DEFAULT_LOCK_CHECK_MS = 250;
export const MAX_LOCK_CHECK_MS = 500;

export type LockRole = "holder" | "watcher";

export type LockEvent =
  /** holder: our record was replaced (holder: who has it now) or removed (null). */
  | { readonly kind: "lost"; readonly holder: Holder | null }
  /** watcher: the lock may be taken: no file (null), or its holder is dead (that holder). */
  | { readonly kind: "freed"; readonly holder: Holder | null }
  /** watcher: a live holder has it (a new one, or the first check's). */
  | { readonly kind: "held"; readonly holder: Holder };

export interface LockMonitorOptions {
  readonly lock: Pick<DashboardLock, "verify" | "inspect">;
  readonly clock: Clock;
  /** Default DEFAULT_LOCK_CHECK_MS; at most MAX_LOCK_CHECK_MS. */
  readonly intervalMs?: number;
  readonly role: LockRole;
  onChange(event: LockEvent): void;
  /** A check that threw (EACCES, EISDIR on the lock path); checking goes on at the next interval. */
  onError(error: unknown): void;
}

export interface LockMonitor {
  /** The role now: a holder that lost its lock is a watcher from then on. */
  readonly role: LockRole;
  /** "holder" once the caller has taken the lock, "watcher" once it gave it up. */
  setRole(role: LockRole): void;
  /** Idempotent; no check and no event after it. */
  stop(): Promise<void>;
}

/** What a watcher compares: "free", or who holds it (a record by nonce, a damaged file by what it is and since when). */
function stateOf(holder: Holder | null): string {
  if (holder === null || !holder.alive) return "free";
  return holder.record === null ? `file:${holder.problem ?? ""}:${holder.since}` : `record:${holder.record.nonce}`;
}

export function createLockMonitor(options: LockMonitorOptions): LockMonitor {
  const intervalMs = options.intervalMs ?? DEFAULT_LOCK_CHECK_MS;
  if (!(intervalMs > 0 && intervalMs <= MAX_LOCK_CHECK_MS)) {
    throw new RangeError(`lock check interval must be 1…${MAX_LOCK_CHECK_MS} ms (a holder must hear of a takeover within 1 s), got ${intervalMs}`);
  }
  const { lock, clock } = options;
  let role = options.role;
  /** The watcher's last reported state; null: report whatever the next check finds. */
  let last: string | null = null;
  let timer: unknown = null;
  let stopped = false;

  const check = (): LockEvent | null => {
    if (role === "holder") {
      const verdict = lock.verify();
      if (verdict.kind === "ours") return null;
      role = "watcher";
      last = stateOf(verdict.holder);
      return { kind: "lost", holder: verdict.holder };
    }
    const holder = lock.inspect();
    const state = stateOf(holder);
    if (state === last) return null;
    last = state;
    return holder !== null && holder.alive ? { kind: "held", holder } : { kind: "freed", holder };
  };

  const tick = (): void => {
    timer = null;
    if (stopped) return;
    let event: LockEvent | null = null;
    try {
      event = check();
    } catch (error) {
      options.onError(error);
    }
    // Scheduled before the callback runs, so a callback that throws does not end the checking.
    timer = clock.setTimeout(tick, intervalMs);
    if (event !== null) options.onChange(event);
  };
  timer = clock.setTimeout(tick, intervalMs);

  return {
    get role() {
      return role;
    },
    setRole(next) {
      role = next;
      last = null;
    },
    stop() {
      if (!stopped) {
        stopped = true;
        if (timer !== null) clock.clearTimeout(timer);
        timer = null;
      }
      return Promise.resolve();
    },
  };
}
