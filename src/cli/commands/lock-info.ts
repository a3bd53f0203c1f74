/**
 * The lock as read-only commands report it (`status --json`, `plandash lock`). Reading only:
 * never creates, changes or removes the lock or its folder.
 */
import type { LockJson } from "../../core/status-json";
import { inspectLock, lockFilePath, type Holder } from "../../lock/lock";
import { osErrorCode } from "../../util/errors";
import { realLockDeps } from "../../ports";
import type { CommandContext } from "../command";

/**
 * SPEC §3.1 `lock` object. `held` is true while the lock is in force (its holder is alive); a dead
 * holder's record shows `held: false, alive: false` and is taken over by the next dashboard. A file
 * that is not a plandash record has `pid`/`host`/`version` null and says why in `problem`.
 */
export interface LockInfoJson extends LockJson {
  readonly version: string | null;
  readonly reason: Holder["reason"];
  readonly problem: Holder["problem"];
}

export function lockJsonOf(holder: Holder): LockInfoJson {
  const r = holder.record;
  return {
    held: holder.alive,
    pid: r?.pid ?? null,
    host: r?.host ?? null,
    since: holder.since,
    alive: holder.alive,
    version: r?.version ?? null,
    reason: holder.reason,
    problem: holder.problem,
  };
}

export function readLockJson(ctx: CommandContext, root: string): LockJson | null {
  let holder: Holder | null;
  try {
    holder = inspectLock(realLockDeps(ctx.ports, ctx.version), root);
  } catch (error) {
    // EACCES/EISDIR on the lock file: the status itself must still be printed.
    ctx.stderr.write(`plandash: warning: cannot read the lock (${osErrorCode(error) ?? String(error)}) (${lockFilePath(root)})\n`);
    return null;
  }
  return holder === null ? null : lockJsonOf(holder);
}

const REASON_TEXT: Readonly<Record<Holder["reason"], string>> = {
  running: "alive",
  unverified: "alive (its start time could not be checked)",
  "other-host": "on another host, so treated as alive",
  "no-process": "dead: that process no longer exists",
  zombie: "dead: that process has exited (zombie)",
  "pid-reused": "dead: that pid now belongs to another process",
  "corrupt-recent": "not a plandash record, written moments ago; treated as held for now",
  corrupt: "not a plandash record; treated as dead",
};

const PROBLEM_TEXT: Readonly<Record<NonNullable<Holder["problem"]>, string>> = {
  empty: "empty",
  "not-json": "not a plandash lock record",
  "not-a-record": "not a plandash lock record",
  "not-a-file": "not a regular file (a FIFO, socket or device), so it was not read",
  "too-large": "far too large for a lock record, so it was not read",
};

export function describeHolder(holder: Holder, file: string): string {
  const r = holder.record;
  const head =
    r === null
      ? `The lock file is ${PROBLEM_TEXT[holder.problem ?? "not-a-record"]} (since ${holder.since}).`
      : `Held by pid ${r.pid} on ${r.host} since ${r.createdAt} (plandash ${r.version}).`;
  const next = holder.alive ? "" : "\nThe next dashboard takes it over; `plandash lock --clear` removes it now.";
  return `${head}\nHolder: ${REASON_TEXT[holder.reason]}.${next}\nLock file: ${file}`;
}

/** One clause for a question: "pid 41873 on laptop since 2026-05-02T09:14:03Z". */
export function describeHolderShort(holder: Holder): string {
  const r = holder.record;
  return r === null ? `a file that is not a plandash record, since ${holder.since}` : `pid ${r.pid} on ${r.host} since ${r.createdAt}`;
}
