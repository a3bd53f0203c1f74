/**
 * The file operations the lock needs, as a port, and their real binding. Errors carry the OS
 * `code` (EEXIST, ENOENT…); callers compare codes as strings, never errno numbers.
 */
import * as fs from "node:fs";

export interface LockFileContent {
  readonly bytes: Uint8Array;
  readonly ino: number;
  readonly mtimeMs: number;
}

export interface LockFs {
  /** The whole file and its inode/mtime from one open; null when there is nothing (ENOENT). */
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
      fd = fs.openSync(file, "r");
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return null;
      throw error;
    }
    try {
      const st = fs.fstatSync(fd);
      const chunks: Buffer[] = [];
      for (;;) {
        const buffer = Buffer.allocUnsafe(Math.max(4096, st.size));
        const n = fs.readSync(fd, buffer, 0, buffer.length, null);
        if (n === 0) break;
        chunks.push(buffer.subarray(0, n));
        if (chunks.reduce((sum, c) => sum + c.length, 0) > 64 * 1024) break; // a lock record is ~200 bytes
      }
      return { bytes: Buffer.concat(chunks), ino: st.ino, mtimeMs: st.mtimeMs };
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
