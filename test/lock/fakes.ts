/** In-memory fakes for the lock's ports: a file system with link/rename semantics, processes, a clock. */
import type { Proc } from "../../src/ports";
import type { LockDeps } from "../../src/lock/lock";
import { LOCK_READ_CAP_BYTES, type LockFs } from "../../src/lock/lock-fs";
import { serializeRecord, type LockRecord } from "../../src/lock/record";
import { fakeClock, type FakeClock } from "../helpers/fake-clock";

function osError(code: string, file: string): Error {
  return Object.assign(new Error(`${code}: ${file}`), { code });
}

interface FakeFile {
  bytes: Uint8Array;
  ino: number;
  mtimeMs: number;
  /** Size on disk when it is more than `bytes` (a huge file), and whether it is a regular file. */
  size?: number;
  regular?: boolean;
}

export type FsOp = "read" | "writeNew" | "link" | "rename" | "unlink";

export interface FakeFs extends LockFs {
  readonly files: Map<string, FakeFile>;
  put(file: string, content: string | Uint8Array, mtimeMs?: number): void;
  /** Something that is not a regular file (a FIFO) on the path. */
  putSpecial(file: string, mtimeMs?: number): void;
  text(file: string): string | null;
  names(): string[];
  /** Runs once, just before the next matching operation: to interleave another process's moves. */
  before(op: FsOp, matches: (file: string) => boolean, fn: () => void): void;
  writes: number;
}

export function fakeFs(clock: FakeClock): FakeFs {
  const files = new Map<string, FakeFile>();
  let nextIno = 1;
  const hooks: { op: FsOp; matches: (file: string) => boolean; fn: () => void }[] = [];
  const fire = (op: FsOp, file: string): void => {
    const i = hooks.findIndex((h) => h.op === op && h.matches(file));
    if (i < 0) return;
    const [hook] = hooks.splice(i, 1);
    hook?.fn();
  };
  const fs: FakeFs = {
    files,
    writes: 0,
    put(file, content, mtimeMs = clock.now()) {
      files.set(file, { bytes: typeof content === "string" ? new TextEncoder().encode(content) : content, ino: nextIno++, mtimeMs });
    },
    putSpecial(file, mtimeMs = clock.now()) {
      files.set(file, { bytes: new Uint8Array(0), ino: nextIno++, mtimeMs, size: 0, regular: false });
    },
    text(file) {
      const f = files.get(file);
      return f === undefined ? null : new TextDecoder().decode(f.bytes);
    },
    names: () => [...files.keys()].sort(),
    before(op, matches, fn) {
      hooks.push({ op, matches, fn });
    },
    read(file) {
      fire("read", file);
      const f = files.get(file);
      if (f === undefined) return null;
      const size = f.size ?? f.bytes.length;
      return { bytes: f.bytes.subarray(0, LOCK_READ_CAP_BYTES), ino: f.ino, mtimeMs: f.mtimeMs, size, regular: f.regular ?? true };
    },
    stamp(file) {
      const f = files.get(file);
      return f === undefined ? null : { ino: f.ino, mtimeMs: f.mtimeMs, size: f.size ?? f.bytes.length };
    },
    writeNew(file, data) {
      fire("writeNew", file);
      if (files.has(file)) throw osError("EEXIST", file);
      fs.writes++;
      fs.put(file, data);
    },
    link(from, to) {
      fire("link", to);
      const f = files.get(from);
      if (f === undefined) throw osError("ENOENT", from);
      if (files.has(to)) throw osError("EEXIST", to);
      fs.writes++;
      files.set(to, f);
    },
    rename(from, to) {
      fire("rename", to);
      const f = files.get(from);
      if (f === undefined) throw osError("ENOENT", from);
      fs.writes++;
      files.delete(from);
      files.set(to, f);
    },
    unlink(file) {
      fire("unlink", file);
      if (!files.delete(file)) throw osError("ENOENT", file);
      fs.writes++;
    },
    mkdirp() {},
    readDir(dir) {
      const prefix = `${dir}/`;
      return [...files.keys()].filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes("/")).map((f) => f.slice(prefix.length));
    },
  };
  return fs;
}

export interface FakeProcess {
  state?: string;
  startTime: number;
  /** kill(pid, 0) gives EPERM: someone else's process. */
  denied?: boolean;
  /** /proc/<pid>/stat unreadable (hidepid, no /proc). */
  hiddenStat?: boolean;
}

export const HOST = "box";

export interface FakeProc extends Proc {
  readonly table: Map<number, FakeProcess>;
}

export function fakeProc(pid: number, table: Map<number, FakeProcess>, host = HOST): FakeProc {
  return {
    pid,
    table,
    hostname: () => host,
    signalZero(p) {
      const entry = table.get(p);
      if (entry === undefined) return "gone";
      return entry.denied ? "denied" : "alive";
    },
    readProcStat(p) {
      const entry = table.get(p);
      if (entry === undefined || entry.hiddenStat) return null;
      const rest = Array.from({ length: 20 }, (_, i) => (i === 19 ? String(entry.startTime) : "0"));
      return `${p} (plan dash) ${entry.state ?? "S"} ${rest.slice(1).join(" ")}\n`;
    },
  };
}

export interface World {
  readonly fs: FakeFs;
  readonly clock: FakeClock;
  readonly table: Map<number, FakeProcess>;
  /** Lock dependencies for a process with this pid (added to the process table as running). */
  deps(pid: number, options?: { host?: string; startTime?: number }): LockDeps;
}

export function world(): World {
  // The lock awaits its own busy retries: an auto-advancing clock lets them cost nothing.
  const clock = fakeClock({ auto: true });
  const fs = fakeFs(clock);
  const table = new Map<number, FakeProcess>();
  let counter = 0;
  return {
    fs,
    clock,
    table,
    deps(pid, options = {}) {
      if (!table.has(pid)) table.set(pid, { startTime: options.startTime ?? 1000 + pid });
      return {
        fs,
        clock,
        proc: fakeProc(pid, table, options.host ?? HOST),
        nonce: () => `nonce${pid}x${String(++counter).padStart(6, "0")}`,
        version: "9.9.9",
      };
    },
  };
}

export const ROOT = "/ws/plans";
export const LOCK = `${ROOT}/.plandash/dashboard.lock`;

export function recordFor(pid: number, overrides: Partial<LockRecord> = {}): LockRecord {
  return { pid, host: HOST, processStart: 1000 + pid, nonce: `stranger${pid}nonce`, version: "0.0.1", createdAt: "2026-01-01T00:00:00.000Z", ...overrides };
}

export function putRecord(fs: FakeFs, record: LockRecord, file = LOCK): void {
  fs.put(file, serializeRecord(record));
}
