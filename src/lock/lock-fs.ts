/**
 * The file operations the lock needs, as a port, and their real binding. Errors carry the OS
 * `code` (EEXIST, ENOENT…); callers compare codes as strings, never errno numbers.
 */
import * as fs from "node:fs";

/** A lock record is ~200 bytes; more than this is not one, and is never read whole (a 50 GB file is just corrupt). */
export const LOCK_READ_CAP_BYTES = 64 * 1024;

/** O_NONBLOCK: a FIFO on the lock path must not block open(2) (SPEC §1.4: reading never blocks). */
const READ_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY;

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

export interface LockFs {
  /**
   * The file (up to LOCK_READ_CAP_BYTES) and its inode/mtime/size from one open; null when there is
   * nothing (ENOENT). Never blocks: a FIFO or device is reported (`regular: false`), not read; a
   * folder fails with EISDIR.
   */
  read(file: string): LockFileContent | null;
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

export const realLockFs: LockFs = {
  read(file) {
    let fd: number;
    try {
      fd = fs.openSync(file, READ_FLAGS);
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return null;
      throw error;
    }
    try {
      const st = fs.fstatSync(fd);
      if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: is a folder, not a file: ${file}`), { code: "EISDIR" });
      if (!st.isFile()) return { bytes: new Uint8Array(0), ino: st.ino, mtimeMs: st.mtimeMs, size: st.size, regular: false };
      const buffer = Buffer.allocUnsafe(Math.min(LOCK_READ_CAP_BYTES, Math.max(st.size, 4096)));
      let filled = 0;
      while (filled < buffer.length) {
        const n = fs.readSync(fd, buffer, filled, buffer.length - filled, null);
        if (n === 0) break;
        filled += n;
      }
      return { bytes: buffer.subarray(0, filled), ino: st.ino, mtimeMs: st.mtimeMs, size: Math.max(st.size, filled), regular: true };
    } finally {
      fs.closeSync(fd);
    }
  },
  writeNew(file, data) {
    fs.writeFileSync(file, data, { flag: "wx", mode: 0o644 });
  },
  link(from, to) {
    fs.linkSync(from, to);
  },
  rename(from, to) {
    fs.renameSync(from, to);
  },
  unlink(file) {
    fs.unlinkSync(file);
  },
  mkdirp(dir) {
    fs.mkdirSync(dir, { recursive: true });
  },
  readDir(dir) {
    return fs.readdirSync(dir);
  },
};
