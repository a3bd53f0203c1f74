/**
 * The single-instance lock (SPEC §5): `<plans root>/.plandash/dashboard.lock`. No terminal, no
 * prompts; every effect goes through `LockDeps`.
 *
 * Protocol and why it is correct
 * ------------------------------
 * States. The lock path is either absent or holds some bytes. Each present state has a key
 * (record.ts): `n<nonce>` for a record — nonces are random and never reused, so a state never comes
 * back once it is gone — or a content hash for a corrupt file.
 *
 * The two moves below live in cas.ts.
 *
 * (1) Creating: the full record is written to a private temp file, then link(2)ed to the lock
 *     path. link fails with EEXIST when anything is there, so of any number of creators exactly
 *     one succeeds, and a reader sees either nothing or a complete record, never a half-written one.
 *
 * (2) Changing or removing a present state with key k (taking over a dead holder, an explicit
 *     takeover, release, `--clear`) is a compare-and-replace: claim the guard file
 *     `dashboard.lock.guard-<k>` (itself created by (1), so one claimant at a time), re-read the
 *     lock path, and only if its key is still k, rename(2) a fully written temp file over it (or
 *     unlink it); then remove the guard.
 *
 * Invariant: every move away from state k is made by the claimant of guard-k after it re-read k
 * while holding the guard. Hence, while a claimant holds guard-k and has just read k, nothing else
 * can move the lock: any other change needs guard-k, and creation needs the path to be absent.
 * Its rename therefore replaces exactly the state it judged.
 * - N contenders for a dead holder: all need guard-k. The first claimant replaces k; each later
 *   claimant re-reads, finds a new key (k never returns) and goes back to judging the new — live —
 *   holder. Exactly one wins.
 * - A fresh owner is never deleted by a slow contender: a contender that judged the old state k
 *   can only act under guard-k, and under it sees the owner's new key, so it does nothing.
 * - release() only removes a record carrying our nonce, under guard-<our key>: a takeover racing
 *   with our release either completes first (we then see a foreign key and leave it) or after
 *   (it then finds the path changed and starts over). A busy guard on our key means a live process
 *   is taking the lock from us; we leave it to them.
 * - A guard whose claimant died (SIGKILL inside the critical section) would block key k forever.
 *   A guard is a record too, judged by the same liveness rules, and a dead guard is removed by
 *   the same compare-and-replace one level up (`…guard-<k>.guard-<k2>`). A live claimant is never
 *   judged dead (alive.ts resolves every doubt to "alive"), so a guard is only ever removed by its
 *   claimant or after its claimant's death, which makes no further moves. Depth is bounded; past
 *   it we report "busy" rather than guess.
 *
 * Liveness errs on "alive", so the worst case of a doubt is a question to the user, never two
 * owners. Corrupt files: see `judgeReading`.
 */
import * as path from "node:path";
import type { Clock, Proc } from "../ports";
import { osErrorCode } from "../util/errors";
import { judgeLiveness, ownProcessStart, type AliveReason } from "./alive";
import { createAtomically, isTempName, readAt, readStamped, replaceIf, unlinkIfThere, writeTemp, type CasContext } from "./cas";
import { sameStamp, type FileStamp, type LockFs } from "./lock-fs";
import type { CorruptProblem, LockReading, LockRecord } from "./record";

export const LOCK_DIR_NAME = ".plandash";
export const LOCK_FILE_NAME = "dashboard.lock";
/** A corrupt or empty file younger than this may be a foreign writer mid-write: treat it as held. */
export const CORRUPT_GRACE_MS = 2_000;
/** How long acquire()/takeover() wait while another live process is inside a takeover. */
export const DEFAULT_BUSY_WAIT_MS = 5_000;
const BUSY_RETRY_MS = 5;
/** Each "changed" retry means another process made progress; this only bounds pathological churn. */
const MAX_CHANGED_RETRIES = 50;

export interface LockDeps {
  readonly fs: LockFs;
  readonly proc: Proc;
  readonly clock: Clock;
  /** A fresh random nonce, [A-Za-z0-9_-]{8,64}. */
  nonce(): string;
  /** The plandash version written into the record. */
  readonly version: string;
}

export type HolderProblem = CorruptProblem;

/** Who is on the lock path, as judged now. */
export interface Holder {
  /** null for a corrupt/empty/foreign file. */
  readonly record: LockRecord | null;
  readonly problem: HolderProblem | null;
  readonly alive: boolean;
  readonly reason: AliveReason | "corrupt-recent" | "corrupt";
  /** ISO-8601: the record's createdAt, or a corrupt file's mtime. */
  readonly since: string;
  /** The record carries this lock object's nonce. */
  readonly ours: boolean;
}

/**
 * "busy": for all of busyWaitMs another live process was in the middle of changing the lock (it
 * held the guard of the state we judged). Nothing was decided about the holder; try again.
 */
export type AcquireResult =
  | { readonly kind: "held"; readonly record: LockRecord; readonly replaced: Holder | null }
  | { readonly kind: "held-by-other"; readonly holder: Holder; readonly alive: boolean }
  | { readonly kind: "busy"; readonly holder: Holder };

export type VerifyResult =
  | { readonly kind: "ours"; readonly record: LockRecord }
  | { readonly kind: "lost"; readonly holder: Holder | null };

/** "not-ours": the record on disk is someone else's (or a live process is taking it right now); it is left alone. */
export type ReleaseResult = "released" | "not-held" | "not-ours";

export type ClearResult =
  | { readonly kind: "free" }
  | { readonly kind: "cleared"; readonly holder: Holder }
  | { readonly kind: "refused"; readonly holder: Holder };

export interface DashboardLock {
  readonly file: string;
  /** Take a free lock or a dead holder's; a live holder is reported, never replaced. */
  acquire(options?: { busyWaitMs?: number }): Promise<AcquireResult>;
  /** Explicit takeover: replaces even a live holder's record. */
  takeover(options?: { busyWaitMs?: number }): Promise<AcquireResult>;
  /** Is the record on disk still ours? If not, who has it (null: nobody). */
  verify(): VerifyResult;
  /** Removes the record only when it carries our nonce. */
  release(): Promise<ReleaseResult>;
  /** The same, for exit paths: synchronous, never waits. */
  releaseSync(): ReleaseResult;
  /** Read-only. */
  inspect(): Holder | null;
}

export function lockFilePath(root: string): string {
  return path.join(root, LOCK_DIR_NAME, LOCK_FILE_NAME);
}

type Step = { kind: "done"; result: AcquireResult } | { kind: "busy"; holder: Holder };

function casContext(deps: LockDeps, ourNonce: () => string | null): CasContext {
  return {
    fs: deps.fs,
    freshRecord: () => ({
      pid: deps.proc.pid,
      host: deps.proc.hostname(),
      processStart: ownProcessStart(deps.proc),
      nonce: deps.nonce(),
      version: deps.version,
      createdAt: new Date(deps.clock.now()).toISOString(),
    }),
    isAlive: (reading) => judgeReading(reading, deps, ourNonce()).alive,
  };
}

export function createLock(deps: LockDeps, root: string): DashboardLock {
  const file = lockFilePath(root);
  const dir = path.dirname(file);
  let current: LockRecord | null = null;
  /**
   * The file last read and found ours. While the path still shows that very file, it is still ours:
   * a takeover puts a new file there (link or rename: a new inode) and a release or removal none,
   * so the monitor's check every 500 ms is one stat, not an open, a read and a parse.
   */
  let oursSeen: { readonly record: LockRecord; readonly stamp: FileStamp } | null = null;
  const cx = casContext(deps, () => current?.nonce ?? null);
  const judge = (reading: Exclude<LockReading, { kind: "none" }>): Holder => judgeReading(reading, deps, current?.nonce ?? null);

  function step(force: boolean): Step {
    let last: Holder | null = null;
    for (let i = 0; i < MAX_CHANGED_RETRIES; i++) {
      const reading = readAt(deps.fs, file);
      if (reading.kind === "none") {
        const record = cx.freshRecord();
        if (createAtomically(cx, file, record)) {
          current = record;
          return { kind: "done", result: { kind: "held", record, replaced: null } };
        }
        continue; // someone created it first: judge theirs
      }
      const holder = judge(reading);
      last = holder;
      if (holder.ours && current !== null) return { kind: "done", result: { kind: "held", record: current, replaced: null } };
      if (holder.alive && !force) return { kind: "done", result: { kind: "held-by-other", holder, alive: true } };
      const record = cx.freshRecord();
      const tmp = writeTemp(deps.fs, file, record);
      let outcome;
      try {
        outcome = replaceIf(cx, file, reading.key, tmp);
      } finally {
        unlinkIfThere(deps.fs, tmp); // still there unless the rename consumed it
      }
      if (outcome === "done") {
        current = record;
        return { kind: "done", result: { kind: "held", record, replaced: holder } };
      }
      if (outcome === "busy") return { kind: "busy", holder };
    }
    return { kind: "busy", holder: last ?? unknownHolder(deps.clock.now()) };
  }

  async function run(force: boolean, busyWaitMs: number): Promise<AcquireResult> {
    prepareDir(deps.fs, dir);
    const deadline = deps.clock.now() + busyWaitMs;
    for (;;) {
      const s = step(force);
      if (s.kind === "done") {
        if (s.result.kind === "held") sweepLeftovers(deps, cx, dir);
        return s.result;
      }
      if (deps.clock.now() >= deadline) return { kind: "busy", holder: s.holder };
      await new Promise<void>((resolve) => deps.clock.setTimeout(resolve, BUSY_RETRY_MS));
    }
  }

  function releaseSync(): ReleaseResult {
    const mine = current;
    if (mine === null) return "not-held";
    current = null;
    const reading = readAt(deps.fs, file);
    if (reading.kind === "none") return "not-held";
    if (reading.kind !== "record" || reading.record.nonce !== mine.nonce) return "not-ours";
    return replaceIf(cx, file, reading.key, null) === "done" ? "released" : "not-ours";
  }

  return {
    file,
    acquire: (options) => run(false, options?.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS),
    takeover: (options) => run(true, options?.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS),
    verify() {
      if (current !== null && oursSeen?.record === current && sameStamp(deps.fs.stamp(file), oursSeen.stamp)) return { kind: "ours", record: current };
      const { reading, stamp } = readStamped(deps.fs, file);
      oursSeen = null;
      if (reading.kind === "record" && current !== null && reading.record.nonce === current.nonce) {
        if (stamp !== null) oursSeen = { record: current, stamp };
        return { kind: "ours", record: current };
      }
      return { kind: "lost", holder: reading.kind === "none" ? null : judge(reading) };
    },
    release: () => Promise.resolve(releaseSync()),
    releaseSync,
    inspect() {
      const reading = readAt(deps.fs, file);
      return reading.kind === "none" ? null : judge(reading);
    },
  };
}

/** Temp files and guards left by processes that died mid-step (SIGKILL); only dead writers' files go. */
function sweepLeftovers(deps: LockDeps, cx: CasContext, dir: string): void {
  let names: string[];
  try {
    names = deps.fs.readDir(dir);
  } catch {
    return; // ENOENT/EACCES: tidying is optional
  }
  for (const name of names) {
    if (!name.startsWith(`${LOCK_FILE_NAME}.`)) continue;
    const target = path.join(dir, name);
    const reading = readAt(deps.fs, target);
    if (reading.kind === "none" || cx.isAlive(reading)) continue;
    // A temp file is only ever touched by its writer, which is dead; a guard needs the protocol.
    if (isTempName(name)) unlinkIfThere(deps.fs, target);
    else replaceIf(cx, target, reading.key, null, 1);
  }
}

/** Read-only view for status, doctor and `plandash lock`: never creates, changes or removes anything. */
export function inspectLock(deps: Pick<LockDeps, "fs" | "proc" | "clock">, root: string): Holder | null {
  const reading = readAt(deps.fs, lockFilePath(root));
  return reading.kind === "none" ? null : judgeReading(reading, deps, null);
}

/** `plandash lock --clear`: removes a dead (or, with force, any) record by compare-and-replace. */
export function clearLock(deps: LockDeps, root: string, options: { force: boolean }): ClearResult {
  const file = lockFilePath(root);
  const cx = casContext(deps, () => null);
  for (let i = 0; i < MAX_CHANGED_RETRIES; i++) {
    const reading = readAt(deps.fs, file);
    if (reading.kind === "none") return { kind: "free" };
    const holder = judgeReading(reading, deps, null);
    if (holder.alive && !options.force) return { kind: "refused", holder };
    const outcome = replaceIf(cx, file, reading.key, null);
    if (outcome === "done") return { kind: "cleared", holder };
    // Busy: a live process is changing the lock right now; say so rather than race it.
    if (outcome === "busy") return { kind: "refused", holder: { ...holder, alive: true } };
  }
  const holder = inspectLock(deps, root);
  return holder === null ? { kind: "free" } : { kind: "refused", holder };
}

/**
 * How bytes on a lock path are judged.
 * - A valid record: by SPEC §5 liveness.
 * - Corrupt, empty or foreign content (our writers never leave one: records appear by link(2) of
 *   a complete file, so it comes from a crash before the data reached the disk, an edit by hand or
 *   another program): younger than CORRUPT_GRACE_MS it might be a foreign writer mid-write, so it
 *   counts as held (alive); older, it counts as a dead holder and is taken over like one — by the
 *   same compare-and-replace, keyed by its inode and content, so still exactly one winner.
 */
export function judgeReading(
  reading: Exclude<LockReading, { kind: "none" }>,
  deps: Pick<LockDeps, "proc" | "clock">,
  ourNonce: string | null,
): Holder {
  if (reading.kind === "record") {
    const { alive, reason } = judgeLiveness(reading.record, deps.proc);
    return { record: reading.record, problem: null, alive, reason, since: reading.record.createdAt, ours: reading.record.nonce === ourNonce };
  }
  const recent = deps.clock.now() - reading.mtimeMs < CORRUPT_GRACE_MS;
  return {
    record: null,
    problem: reading.problem,
    alive: recent,
    reason: recent ? "corrupt-recent" : "corrupt",
    since: new Date(reading.mtimeMs).toISOString(),
    ours: false,
  };
}

function unknownHolder(nowMs: number): Holder {
  return { record: null, problem: null, alive: true, reason: "unverified", since: new Date(nowMs).toISOString(), ours: false };
}

/** `.plandash/` with a `.gitignore` of `*`, so the lock and its guards never reach a commit. */
function prepareDir(fs: LockFs, dir: string): void {
  fs.mkdirp(dir);
  try {
    fs.writeNew(path.join(dir, ".gitignore"), "*\n");
  } catch (error) {
    if (osErrorCode(error) !== "EEXIST") throw error;
  }
}
