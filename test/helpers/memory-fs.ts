/**
 * An FsPort held in memory, with a recursive watch that reports every change made through it
 * (like fs.watch) unless told to stay silent. With the fake clock it is the whole world of an
 * engine, so live behaviour can be tested deterministically: nothing real is touched.
 */
import * as path from "node:path";
import type { DirEntry, DirPin, FileStat, FsPort, WatcherHandle } from "../../src/ports";
import type { Clock } from "../../src/ports";

interface Node {
  readonly kind: "file" | "dir";
  bytes: Uint8Array;
  mtimeMs: number;
  readonly ino: number;
}

export interface MemoryFs extends FsPort {
  /** Writes a file (parents made), reported to the watchers. */
  put(file: string, text: string, mtimeMs?: number): void;
  /** Removes a file or a folder tree, reported to the watchers. */
  remove(file: string): void;
  /** Folders made (with parents), reported to the watchers. */
  mkdir(dir: string): void;
  /** While true, changes are made but no watcher hears of them (dropped events, a dead watch). */
  silent: boolean;
  /** How many times each file was read. */
  readonly reads: Map<string, number>;
  readonly openWatchers: number;
}

const osError = (code: string, file: string): Error => Object.assign(new Error(`${code}: ${file}`), { code });

export function memoryFs(clock: Clock): MemoryFs {
  const nodes = new Map<string, Node>([["/", { kind: "dir", bytes: new Uint8Array(), mtimeMs: clock.now(), ino: 1 }]]);
  let nextIno = 2;
  /** A watch follows its folder, not its path: once the folder is gone (even if made again) it hears nothing, as inotify does. */
  const watchers = new Set<{ dir: string; ino: number; onEvent: (name: string | null) => void }>();
  const reads = new Map<string, number>();

  const node = (file: string): Node => {
    const n = nodes.get(path.resolve(file));
    if (n === undefined) throw osError("ENOENT", file);
    return n;
  };
  const statOf = (n: Node): FileStat => ({ kind: n.kind, size: n.bytes.length, mtimeMs: n.mtimeMs, ino: n.ino });
  const touchParent = (file: string): void => {
    const parent = nodes.get(path.dirname(file));
    if (parent !== undefined) parent.mtimeMs = clock.now();
  };
  const report = (file: string): void => {
    if (mem.silent) return;
    for (const w of [...watchers]) {
      if (nodes.get(w.dir)?.ino !== w.ino) continue;
      const rel = path.relative(w.dir, file);
      if (rel !== "" && !rel.startsWith("..")) w.onEvent(rel);
    }
  };
  const makeDirs = (dir: string): void => {
    const abs = path.resolve(dir);
    if (nodes.has(abs)) return;
    makeDirs(path.dirname(abs));
    nodes.set(abs, { kind: "dir", bytes: new Uint8Array(), mtimeMs: clock.now(), ino: nextIno++ });
    touchParent(abs);
    report(abs);
  };

  const mem: MemoryFs = {
    silent: false,
    reads,
    get openWatchers() {
      return watchers.size;
    },
    put(file, text, mtimeMs = clock.now()) {
      const abs = path.resolve(file);
      makeDirs(path.dirname(abs));
      const old = nodes.get(abs);
      nodes.set(abs, { kind: "file", bytes: new TextEncoder().encode(text), mtimeMs, ino: old?.ino ?? nextIno++ });
      if (old === undefined) touchParent(abs);
      report(abs);
    },
    remove(file) {
      const abs = path.resolve(file);
      for (const key of [...nodes.keys()]) if (key === abs || key.startsWith(`${abs}/`)) nodes.delete(key);
      touchParent(abs);
      report(abs);
    },
    mkdir: (dir) => makeDirs(dir),
    readDir(dir) {
      const abs = path.resolve(dir);
      if (node(abs).kind !== "dir") throw osError("ENOTDIR", dir);
      const out: DirEntry[] = [];
      for (const [key, n] of nodes) if (key !== abs && path.dirname(key) === abs) out.push({ name: path.basename(key), kind: n.kind });
      return out;
    },
    stat: (file) => statOf(node(file)),
    statOrNull(file) {
      const n = nodes.get(path.resolve(file));
      return n === undefined ? null : statOf(n);
    },
    realPath(file) {
      node(file);
      return path.resolve(file);
    },
    readFile(file, maxBytes) {
      const n = node(file);
      if (n.kind === "dir") throw osError("EISDIR", file);
      reads.set(path.resolve(file), (reads.get(path.resolve(file)) ?? 0) + 1);
      return { bytes: n.bytes.subarray(0, maxBytes), size: n.bytes.length, mtimeMs: n.mtimeMs };
    },
    readHeader(file, maxBytes, withMtime) {
      const content = mem.readFile(file, maxBytes);
      return { bytes: content.bytes, mtimeMs: withMtime ? content.mtimeMs : null };
    },
    writeExclusive(file, data) {
      if (nodes.has(path.resolve(file))) throw osError("EEXIST", file);
      mem.put(file, data);
    },
    mkdirp: (dir) => makeDirs(dir),
    rename(from, to) {
      const src = path.resolve(from);
      const dst = path.resolve(to);
      if (!nodes.has(src)) throw osError("ENOENT", from);
      for (const [key, n] of [...nodes]) {
        if (key !== src && !key.startsWith(`${src}/`)) continue;
        nodes.delete(key);
        nodes.set(dst + key.slice(src.length), n);
      }
      touchParent(src);
      touchParent(dst);
      report(src);
      report(dst);
    },
    exists: (file) => nodes.has(path.resolve(file)),
    makeTempDir(prefix) {
      const dir = `/tmp/${prefix}${nextIno}`;
      makeDirs(dir);
      return dir;
    },
    removeTree: (dir) => mem.remove(dir),
    watchTree(dir, onEvent) {
      const n = node(dir);
      if (n.kind !== "dir") throw osError("ENOTDIR", dir);
      const w = { dir: path.resolve(dir), ino: n.ino, onEvent };
      watchers.add(w);
      const handle: WatcherHandle = {
        on: () => handle,
        close: () => watchers.delete(w),
      };
      return handle;
    },
    pinDir(dir): DirPin | null {
      const n = nodes.get(path.resolve(dir));
      if (n === undefined || n.kind !== "dir") return null;
      return {
        check() {
          const now = nodes.get(path.resolve(dir));
          if (now === undefined || now.kind !== "dir") return "gone";
          return now.ino === n.ino ? "same" : "replaced";
        },
        close() {},
      };
    },
    readMounts: () => null,
  };
  return mem;
}
