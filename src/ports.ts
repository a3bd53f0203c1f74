/**
 * The rim: every effect (file system, clock, process, environment) passes through these
 * small interfaces. `realPorts()` is the only place that binds them to the real world;
 * tests build fakes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export type EntryKind = "file" | "dir" | "symlink" | "other";

export interface DirEntry {
  readonly name: string;
  readonly kind: EntryKind;
}

export interface FileStat {
  readonly kind: "file" | "dir" | "other";
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

export interface FileContent {
  readonly bytes: Uint8Array;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Errors thrown by FsPort carry the OS `code` (ENOENT, EACCES, ELOOP…). */
export interface FsPort {
  readDir(dir: string): DirEntry[];
  /** Follows symlinks. */
  stat(file: string): FileStat;
  realPath(file: string): string;
  /** At most `maxBytes` from the start of the file, with its full size and mtime (one open). */
  readFile(file: string, maxBytes: number): FileContent;
  /** Creates the file; fails with EEXIST when anything is already there. */
  writeExclusive(file: string, data: string): void;
  mkdirp(dir: string): void;
  exists(file: string): boolean;
  /** A fresh private folder under the system temp dir. */
  makeTempDir(prefix: string): string;
  /** Removes a folder tree this process created (temp folders only). */
  removeTree(dir: string): void;
  /** rename(2): replaces `to` atomically; used only for plandash's own trust list (SPEC §8). */
  rename(from: string, to: string): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Proc {
  readonly pid: number;
  hostname(): string;
  /** kill(pid, 0): ESRCH → gone, EPERM → denied (the process exists). */
  signalZero(pid: number): "alive" | "gone" | "denied";
  /** Raw text of /proc/<pid>/stat, or null where there is no /proc or no such process. */
  readProcStat(pid: number): string | null;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface Ports {
  readonly fs: FsPort;
  readonly clock: Clock;
  readonly proc: Proc;
  readonly env: Env;
  readonly cwd: string;
  readonly terminal: TerminalPort;
}

function kindOf(entry: fs.Dirent | fs.Stats): EntryKind {
  if (entry.isSymbolicLink()) return "symlink";
  if (entry.isFile()) return "file";
  if (entry.isDirectory()) return "dir";
  return "other";
}

export const realFs: FsPort = {
  readDir(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).map((d) => ({ name: d.name, kind: kindOf(d) }));
  },
  stat(file) {
    const s = fs.statSync(file);
    const kind = s.isFile() ? "file" : s.isDirectory() ? "dir" : "other";
    return { kind, size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  },
  realPath(file) {
    return fs.realpathSync(file);
  },
  readFile(file, maxBytes) {
    const fd = fs.openSync(file, "r");
    try {
      const st = fs.fstatSync(fd);
      if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: ${file}`), { code: "EISDIR" });
      const want = Math.min(maxBytes, st.size > 0 ? st.size : maxBytes);
      const buffer = Buffer.allocUnsafe(want);
      let filled = 0;
      while (filled < want) {
        const n = fs.readSync(fd, buffer, filled, want - filled, null);
        if (n === 0) break;
        filled += n;
      }
      return { bytes: buffer.subarray(0, filled), size: Math.max(st.size, filled), mtimeMs: st.mtimeMs };
    } finally {
      fs.closeSync(fd);
    }
  },
  writeExclusive(file, data) {
    fs.writeFileSync(file, data, { flag: "wx" });
  },
  mkdirp(dir) {
    fs.mkdirSync(dir, { recursive: true });
  },
  exists(file) {
    return fs.existsSync(file);
  },
  makeTempDir(prefix) {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  },
  removeTree(dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  },
  rename(from, to) {
    fs.renameSync(from, to);
  },
};

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const realProc: Proc = {
  pid: process.pid,
  hostname: () => os.hostname(),
  signalZero(pid) {
    try {
      process.kill(pid, 0);
      return "alive";
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === "EPERM") return "denied";
      if (code === "ESRCH") return "gone";
      throw error;
    }
  },
  readProcStat(pid) {
    try {
      return fs.readFileSync(path.join("/proc", String(pid), "stat"), "utf8");
    } catch {
      // ENOENT: no such process, or no /proc on this platform; both mean "unknown start time".
      return null;
    }
  },
};

// ---- terminal ---------------------------------------------------------------------------

export interface TerminalSize {
  readonly cols: number;
  readonly rows: number;
}

/**
 * The dashboard's terminal: keys in, screen out, size, raw mode. `input`/`output` are the raw
 * streams for clack's prompts, which take streams; everything else goes through the methods.
 */
export interface TerminalPort {
  /** stdin and stdout are both terminals. */
  readonly interactive: boolean;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  size(): TerminalSize;
  /** Calls `listener` after the terminal was resized. Returns the unsubscribe. */
  onResize(listener: () => void): () => void;
  /** Starts reading (raw chunks, decoded as UTF-8). Returns the unsubscribe, which pauses input. */
  onInput(listener: (chunk: string) => void): () => void;
  setRawMode(on: boolean): void;
  write(text: string): void;
  /** Never queued: for exit paths, where an asynchronous write would be lost. */
  writeSync(text: string): void;
}

const DEFAULT_SIZE: TerminalSize = { cols: 80, rows: 24 };

export const realTerminal: TerminalPort = {
  interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
  input: process.stdin,
  output: process.stdout,
  size() {
    const cols = process.stdout.columns;
    const rows = process.stdout.rows;
    return cols > 0 && rows > 0 ? { cols, rows } : DEFAULT_SIZE;
  },
  onResize(listener) {
    process.stdout.on("resize", listener);
    return () => {
      process.stdout.off("resize", listener);
    };
  },
  onInput(listener) {
    const onData = (chunk: Buffer | string): void => listener(typeof chunk === "string" ? chunk : chunk.toString("utf8"));
    process.stdin.on("data", onData);
    process.stdin.resume();
    return () => {
      process.stdin.off("data", onData);
      process.stdin.pause();
    };
  },
  setRawMode(on) {
    if (process.stdin.isTTY === true) process.stdin.setRawMode(on);
  },
  write(text) {
    process.stdout.write(text);
  },
  writeSync(text) {
    let buffer = Buffer.from(text, "utf8");
    while (buffer.length > 0) {
      try {
        buffer = buffer.subarray(fs.writeSync(1, buffer));
      } catch (error) {
        // EAGAIN: stdout is non-blocking and full; try again. Anything else: the terminal is gone.
        if ((error as { code?: string }).code !== "EAGAIN") return;
      }
    }
  },
};

export function realPorts(): Ports {
  return { fs: realFs, clock: realClock, proc: realProc, env: process.env, cwd: process.cwd(), terminal: realTerminal };
}
