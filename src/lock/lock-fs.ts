/**
 * The file operations the lock needs, as a port (bound to the real world in ports.ts). Errors
 * carry the OS `code` (EEXIST, ENOENT…); callers compare codes as strings, never errno numbers.
 */

/** A lock record is ~200 bytes; more than this is not one, and is never read whole (a 50 GB file is just corrupt). */
export const LOCK_READ_CAP_BYTES = 64 * 1024;

export interface LockFileContent {
  /** At most LOCK_READ_CAP_BYTES from the start; empty for what is not a regular file. */
  readonly bytes: Uint8Array;
  readonly ino: number;
  readonly mtimeMs: number;
  /** The size on disk (more than bytes.length when capped). */
  readonly size: number;
  /** false for a FIFO, socket or device on the path: judged as a corrupt lock, never read. */
  readonly regular: boolean;
}

/** What tells one file on the lock path from another: a takeover or a removal changes it. */
export interface FileStamp {
  readonly ino: number;
  readonly mtimeMs: number;
  readonly size: number;
}

export function sameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  return a !== null && b !== null && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size;
}

export interface LockFs {
  /**
   * The file (up to LOCK_READ_CAP_BYTES) and its inode/mtime/size from one open; null when there is
   * nothing (ENOENT). Never blocks: a FIFO or device is reported (`regular: false`), not read; a
   * folder fails with EISDIR.
   */
  read(file: string): LockFileContent | null;
  /** stat(2) of the path, opening nothing; null when there is nothing (ENOENT). */
  stamp(file: string): FileStamp | null;
  /** Creates a new file (fails with EEXIST) holding exactly `data`. */
  writeNew(file: string, data: string): void;
  /** link(2): fails with EEXIST when `to` exists. The atomic "create if absent" of a complete file. */
  link(from: string, to: string): void;
  /** rename(2): atomically replaces `to`. */
  rename(from: string, to: string): void;
  /** Fails with ENOENT when there is nothing. */
  unlink(file: string): void;
  mkdirp(dir: string): void;
  readDir(dir: string): string[];
}
