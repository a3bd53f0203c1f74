/**
 * The rim: every effect (file system, clock, process, environment) passes through these
 * small interfaces. `realPorts()` is the only place that binds them to the real world;
 * tests build fakes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_STOP_GRACE_MS, descendantsOf, type ProcessRunner } from "./actions/process";
import type { LockDeps } from "./lock/lock";
import { LOCK_READ_CAP_BYTES, type LockFs } from "./lock/lock-fs";
import { isExitedState, parseParentPid, parseProcStat } from "./lock/proc-stat";
import { NOT_REGULAR } from "./util/errors";

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

export interface FileHeader {
  readonly bytes: Uint8Array;
  /** null unless asked for. */
  readonly mtimeMs: number | null;
}

/** Errors thrown by FsPort carry the OS `code` (ENOENT, EACCES, ELOOP…). */
export interface FsPort {
  readDir(dir: string): DirEntry[];
  /** Follows symlinks. */
  stat(file: string): FileStat;
  realPath(file: string): string;
  /**
   * At most `maxBytes` from the start of the file, with its full size and mtime (one open). Never
   * blocks: anything but a regular file fails (EISDIR, or NOT_REGULAR for a FIFO, socket, device).
   */
  readFile(file: string, maxBytes: number): FileContent;
  /**
   * The first `maxBytes` of a file the caller listed as a regular file, in one open and one read
   * (EXECUTION_TASK headers: the hottest read of a scan); `withMtime` adds one fstat, which also
   * refuses what is not a regular file (NOT_REGULAR). Never blocks (O_NONBLOCK): without the
   * fstat, a FIFO swapped in since the listing reads as empty; a folder fails with EISDIR.
   */
  readHeader(file: string, maxBytes: number, withMtime: boolean): FileHeader;
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
  // What the live engine needs besides reading (src/live): a fake FsPort is its whole world.
  /** stat(2) following links, or null when nothing is there or it cannot be stat'ed. Never throws: poll ticks ask about many absent files. */
  statOrNull(file: string): FileStat | null;
  /** One recursive watch of `dir` (fs.watch). Throws with an OS code (ENOSPC, EMFILE…) when it cannot start. */
  watchTree(dir: string, onEvent: (name: string | null) => void): WatcherHandle;
  /** Holds `dir` open to tell later whether that very folder is still at its path; null when it is not a folder. */
  pinDir(dir: string): DirPin | null;
  /** The mount table (`/proc/mounts`), or null where there is none. */
  readMounts(): string | null;
}

export interface WatcherHandle {
  /** Errors after the start (ENOSPC for a subfolder, the watch lost): the watch can no longer be trusted. */
  on(event: "error", listener: (error: Error) => void): unknown;
  close(): void;
}

export interface DirPin {
  /** "same" while the folder at the path is the pinned one; "gone" or "replaced" (deleted and recreated, renamed over) otherwise. */
  check(): "same" | "gone" | "replaced";
  /** Idempotent. */
  close(): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** CPU time this process has used so far, all threads, in ms; absent where it cannot be told (then wall time stands in). */
  cpuMs?(): number;
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

/**
 * O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer (SPEC §1.4: reading
 * never blocks); O_NOCTTY: a terminal opened by mistake never becomes our controlling tty.
 */
const READ_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY;

function openForReading(file: string): number {
  return fs.openSync(file, READ_FLAGS);
}

function nonRegularKind(st: fs.Stats): string {
  if (st.isFIFO()) return "a FIFO";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "not a file";
}

/** Checked on the open descriptor (fstat), so a file swapped after a listing is still caught. */
function refuseNonRegular(st: fs.Stats, file: string): void {
  if (st.isFile()) return;
  if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: is a folder, not a file: ${file}`), { code: "EISDIR" });
  throw Object.assign(new Error(`${NOT_REGULAR}: not a regular file (${nonRegularKind(st)}): ${file}`), { code: NOT_REGULAR });
}

/**
 * readHeader reads into this one buffer and copies out what it got: one allocation for a scan
 * instead of one per file. Safe to share: reads are synchronous and never interleave.
 */
let headerScratch = new Uint8Array(0);

function kindOf(entry: fs.Dirent | fs.Stats): EntryKind {
  // Files first: most entries of a workspace are, and an entry is of exactly one kind.
  if (entry.isFile()) return "file";
  if (entry.isDirectory()) return "dir";
  if (entry.isSymbolicLink()) return "symlink";
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
    const fd = openForReading(file);
    try {
      const st = fs.fstatSync(fd);
      refuseNonRegular(st, file);
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
  readHeader(file, maxBytes, withMtime) {
    const fd = openForReading(file);
    try {
      let mtimeMs: number | null = null;
      if (withMtime) {
        const st = fs.fstatSync(fd);
        refuseNonRegular(st, file);
        mtimeMs = st.mtimeMs;
      }
      if (headerScratch.length < maxBytes) headerScratch = new Uint8Array(maxBytes);
      const n = fs.readSync(fd, headerScratch, 0, maxBytes, null);
      // A plain Uint8Array's slice is a copy (a Buffer's would be a view of the scratch).
      return { bytes: headerScratch.slice(0, n), mtimeMs };
    } catch (error) {
      // EAGAIN: a FIFO with a writer but no data yet; as empty as one without a writer.
      if ((error as { code?: string }).code === "EAGAIN") return { bytes: new Uint8Array(0), mtimeMs: null };
      throw error;
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
  statOrNull(file) {
    try {
      const s = fs.statSync(file, { throwIfNoEntry: false });
      if (s === undefined) return null;
      return { kind: s.isFile() ? "file" : s.isDirectory() ? "dir" : "other", size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
    } catch {
      // ENOTDIR / EACCES / ELOOP: as good as absent for a stat signature; reading the file reports it.
      return null;
    }
  },
  watchTree(dir, onEvent) {
    return fs.watch(dir, { recursive: true, persistent: true }, (_event, name) => onEvent(name === null || name === undefined ? null : String(name)));
  },
  pinDir(dir) {
    let fd: number;
    try {
      fd = fs.openSync(dir, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
    } catch {
      // ENOENT / ENOTDIR / EACCES: nothing to pin; the caller treats the folder as gone.
      return null;
    }
    // While we hold the folder open its inode cannot be reused, so an equal (dev, ino) at the
    // path means the very same folder. A bare stat cannot tell: `rm -rf R; mkdir R` often
    // gets R's old inode number back.
    const pinned = fs.fstatSync(fd);
    let open = true;
    return {
      check() {
        let now: fs.Stats | undefined;
        try {
          now = fs.statSync(dir, { throwIfNoEntry: false });
        } catch {
          // ENOTDIR / EACCES / ELOOP on the way there: the folder is not reachable at its path.
          return "gone";
        }
        if (now === undefined || !now.isDirectory()) return "gone";
        return now.ino === pinned.ino && now.dev === pinned.dev ? "same" : "replaced";
      },
      close() {
        if (open) fs.closeSync(fd);
        open = false;
      },
    };
  },
  readMounts() {
    try {
      return fs.readFileSync("/proc/mounts", "utf8");
    } catch {
      // ENOENT: no /proc (macOS, some sandboxes): the filesystem type is unknown.
      return null;
    }
  },
};

export const realClock: Clock = {
  now: () => Date.now(),
  cpuMs() {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  },
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
  /**
   * Whether text the runtime styles itself (node:util styleText, which clack's prompts use) is
   * coloured. It decides from FORCE_COLOR / NO_COLOR at each call and never hears of --no-color,
   * so the dashboard hands it its own decision (and with both variables set it would print a
   * warning over the screen).
   */
  styleColors(on: boolean): void;
  write(text: string): void;
  /** Never queued: for exit paths, where an asynchronous write would be lost. */
  writeSync(text: string): void;
}

const DEFAULT_SIZE: TerminalSize = { cols: 80, rows: 24 };

/**
 * Whether a file descriptor is a terminal, without making process.stdin/stdout/stderr: Bun builds
 * those streams (and the stream machinery) on first touch, ~10 ms at the start of every command
 * that only writes with writeSync. process.binding("tty_wrap") is the isatty(3) under node:tty.
 */
export function isTerminal(fd: number): boolean {
  const binding = (process as unknown as { binding?: (name: string) => { isTTY?: (fd: number) => boolean } }).binding;
  try {
    const isTTY = binding?.("tty_wrap").isTTY;
    if (isTTY !== undefined) return isTTY(fd);
  } catch {
    // No such binding in this runtime: ask node:tty (slower to load, same answer).
  }
  return (require("node:tty") as typeof import("node:tty")).isatty(fd);
}

// The streams are made on first use (see isTerminal), so a command that never draws never pays for them.
export const realTerminal: TerminalPort = {
  get interactive() {
    return isTerminal(0) && isTerminal(1);
  },
  get input() {
    return process.stdin;
  },
  get output() {
    return process.stdout;
  },
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
  styleColors(on) {
    // FORCE_COLOR outranks NO_COLOR there: "0" turns colour off quietly; "1" warns only beside a NO_COLOR.
    process.env.FORCE_COLOR = on ? "1" : "0";
    if (on) delete process.env.NO_COLOR;
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
  // A copy: the environment plandash started with, which children get; process.env itself is
  // tuned for node:util's styling (TerminalPort.styleColors), and that must not reach them.
  return { fs: realFs, clock: realClock, proc: realProc, env: { ...process.env }, cwd: process.cwd(), terminal: realTerminal };
}

// ---- The lock's file operations and the process runner (issue 10 §0.3: bound here only) ----

export const realLockFs: LockFs = {
  read(file) {
    let fd: number;
    try {
      fd = openForReading(file);
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
  stamp(file) {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    return st === undefined ? null : { ino: st.ino, mtimeMs: st.mtimeMs, size: st.size };
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

/** 96 random bits, base64url: 16 characters of [A-Za-z0-9_-]. Web Crypto: loading node:crypto would cost every command at start. */
export function randomNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString("base64url");
}

/** The lock's real dependencies: the shared process and clock ports plus the lock's own fs port. */
export function realLockDeps(ports: Pick<Ports, "proc" | "clock">, version: string): LockDeps {
  return { fs: realLockFs, proc: ports.proc, clock: ports.clock, nonce: randomNonce, version };
}

const FORWARDED_SIGNALS = new Set(["SIGTERM", "SIGINT", "SIGHUP"]);
const TREE_POLL_MS = 20;

interface TreeMember {
  readonly pid: number;
  /** Its start time, so a pid reused by another process later is never signalled; null without /proc. */
  readonly start: number | null;
}

function startTimeOf(pid: number): number | null {
  const raw = realProc.readProcStat(pid);
  const stat = raw === null ? null : parseProcStat(raw);
  return stat === null || isExitedState(stat.state) ? null : stat.startTime;
}

/** `root` and every process below it (Linux /proc; elsewhere only `root`). */
function processTree(root: number): TreeMember[] {
  const parentOf = new Map<number, number>();
  let names: string[] = [];
  try {
    names = fs.readdirSync("/proc");
  } catch {
    // ENOENT: no /proc (macOS); the signal then goes to the program alone.
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const raw = realProc.readProcStat(Number(name));
    const ppid = raw === null ? null : parseParentPid(raw);
    if (ppid !== null) parentOf.set(Number(name), ppid);
  }
  return [root, ...descendantsOf(root, parentOf)].map((pid) => ({ pid, start: startTimeOf(pid) }));
}

const isRunning = (m: TreeMember): boolean => m.start !== null && startTimeOf(m.pid) === m.start;

function signalTree(tree: readonly TreeMember[], signal: NodeJS.Signals): void {
  for (const m of tree) {
    if (m.start !== null && !isRunning(m)) continue;
    try {
      process.kill(m.pid, signal);
    } catch {
      // ESRCH: it ended meanwhile.
    }
  }
}

export function realProcessRunner(env: Env): ProcessRunner {
  const childEnv = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  return {
    which: (command) => Bun.which(command, { PATH: env.PATH ?? "" }),
    async run(argv, options) {
      let proc;
      try {
        proc = Bun.spawn([...argv], {
          env: childEnv,
          ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
          stdin: typeof options.stdin === "object" ? new TextEncoder().encode(options.stdin.data) : options.stdin,
          stdout: options.stdout,
          stderr: options.stderr,
        });
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as Error).message;
        return { exitCode: null, signal: null, stdout: "", spawnError: code, timedOut: false, forwarded: null };
      }
      const child = proc;
      let timedOut = false;
      let forwarded: string | null = null;
      /** What got the passed-on signal, and until when it may take to end. */
      let stopping: { tree: TreeMember[]; deadline: number } | null = null;
      const timers: ReturnType<typeof setTimeout>[] = [];
      if (options.timeoutMs !== undefined) {
        timers.push(
          setTimeout(() => {
            timedOut = true;
            signalTree(processTree(child.pid), "SIGKILL");
          }, options.timeoutMs),
        );
      }
      const passOn = (): void => {
        const reason = String(options.signal?.reason);
        const signal = (FORWARDED_SIGNALS.has(reason) ? reason : "SIGTERM") as NodeJS.Signals;
        if (options.alreadyDelivered?.includes(signal)) return;
        forwarded = signal;
        const grace = options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
        stopping = { tree: processTree(child.pid), deadline: Date.now() + grace };
        signalTree(stopping.tree, signal);
        timers.push(setTimeout(() => signalTree([...processTree(child.pid), ...(stopping?.tree ?? [])], "SIGKILL"), grace));
      };
      if (options.signal?.aborted) passOn();
      else options.signal?.addEventListener("abort", passOn, { once: true });
      try {
        const stdout = options.stdout === "pipe" && child.stdout instanceof ReadableStream ? await new Response(child.stdout).text() : "";
        const exitCode = await child.exited;
        // The shell may end before the program it ran (it does not wait out a signal): end with all of them.
        const s = stopping as { tree: TreeMember[]; deadline: number } | null;
        if (s !== null) {
          while (s.tree.some(isRunning) && Date.now() < s.deadline) await Bun.sleep(TREE_POLL_MS);
          signalTree(s.tree, "SIGKILL");
        }
        // The terminal signals the whole job at once: our own copy may be pending still. One turn of
        // the loop lets its handler abort `signal` before the caller looks at the outcome.
        if (options.alreadyDelivered !== undefined && options.alreadyDelivered.length > 0 && options.signal?.aborted === false) {
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        const signal = child.signalCode === null ? null : String(child.signalCode);
        return { exitCode: signal === null ? exitCode : null, signal, stdout, spawnError: null, timedOut, forwarded };
      } finally {
        for (const t of timers) clearTimeout(t);
        options.signal?.removeEventListener("abort", passOn);
      }
    },
  };
}
