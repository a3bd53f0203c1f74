/**
 * The two atomic moves of the lock protocol (see the comment at the top of lock.ts):
 * create-if-absent by link(2) of a complete temp file, and compare-and-replace under a guard.
 */
import { osErrorCode } from "../util/errors";
import type { FileStamp, LockFs } from "./lock-fs";
import { readingOf, serializeRecord, type LockReading, type LockRecord } from "./record";

export type CasOutcome = "done" | "changed" | "busy";

export interface CasContext {
  readonly fs: LockFs;
  /** A record for a new file we write (fresh nonce each time). */
  freshRecord(): LockRecord;
  /** Is the writer of these (present) bytes alive? */
  isAlive(reading: Exclude<LockReading, { kind: "none" }>): boolean;
}

/** Guards of guards: one level per claimant that died inside its critical section. */
const MAX_GUARD_DEPTH = 3;
const CLAIM_ATTEMPTS = 4;

export function tempPathFor(target: string, record: LockRecord): string {
  return `${target}.tmp-${record.nonce}`;
}

export function isTempName(name: string): boolean {
  return /\.tmp-[A-Za-z0-9_-]+$/.test(name);
}

/** Write `record` to a private temp file, then link it to `target`; false when something is there. */
export function createAtomically(cx: CasContext, target: string, record: LockRecord): boolean {
  const tmp = writeTemp(cx.fs, target, record);
  try {
    cx.fs.link(tmp, target);
    return true;
  } catch (error) {
    if (osErrorCode(error) === "EEXIST") return false;
    throw error;
  } finally {
    unlinkIfThere(cx.fs, tmp);
  }
}

export function writeTemp(fs: LockFs, target: string, record: LockRecord): string {
  const tmp = tempPathFor(target, record);
  fs.writeNew(tmp, serializeRecord(record));
  return tmp;
}

/**
 * Replace `target` with the complete temp file `next` (or remove it when `next` is null), but only
 * while its key is `key`: claim `<target>.guard-<key>`, re-read, act, drop the guard.
 */
export function replaceIf(cx: CasContext, target: string, key: string, next: string | null, depth = 0): CasOutcome {
  const guard = `${target}.guard-${key}`;
  if (!claimGuard(cx, guard, depth)) return "busy";
  try {
    const now = readAt(cx.fs, target);
    if (now.kind === "none" || now.key !== key) return "changed";
    if (next === null) cx.fs.unlink(target);
    else cx.fs.rename(next, target);
    return "done";
  } finally {
    unlinkIfThere(cx.fs, guard);
  }
}

function claimGuard(cx: CasContext, guard: string, depth: number): boolean {
  if (depth >= MAX_GUARD_DEPTH) return false;
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    if (createAtomically(cx, guard, cx.freshRecord())) return true;
    const reading = readAt(cx.fs, guard);
    if (reading.kind === "none") continue; // its claimant just finished
    if (cx.isAlive(reading)) return false; // a live process is mid-change
    // Its claimant died inside the critical section: remove that guard the same careful way.
    if (replaceIf(cx, guard, reading.key, null, depth + 1) === "busy") return false;
  }
  return false;
}

export function readAt(fs: LockFs, file: string): LockReading {
  return readStamped(fs, file).reading;
}

/** The reading and the stamp of the very file it came from (one open). */
export function readStamped(fs: LockFs, file: string): { readonly reading: LockReading; readonly stamp: FileStamp | null } {
  const content = fs.read(file);
  if (content === null) return { reading: { kind: "none" }, stamp: null };
  return { reading: readingOf(content.bytes, content.ino, content.mtimeMs, content), stamp: { ino: content.ino, mtimeMs: content.mtimeMs, size: content.size } };
}

export function unlinkIfThere(fs: LockFs, file: string): void {
  try {
    fs.unlink(file);
  } catch (error) {
    if (osErrorCode(error) !== "ENOENT") throw error;
  }
}
