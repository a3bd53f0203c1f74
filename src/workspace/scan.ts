/**
 * SPEC §1.2: walk the plans root (depth-limited, skip rules, symlink cycle guard) and list the
 * plan directories. Reads names only.
 */
import * as path from "node:path";
import { planFileName } from "../core/file-roles";
import { joinRel } from "../core/plan";
import type { DirEntry, FileStat, FsPort } from "../ports";

export interface PlanDir {
  /** Relative to the plans root, `/`-separated; `.` for the root itself. */
  readonly id: string;
  readonly absDir: string;
  /** Regular files (or links to them) named `PLAN_(.+).md`. */
  readonly planFiles: readonly string[];
  /** Names of everything in the directory, so readers skip folders and files that are not there. */
  readonly entryNames: ReadonlySet<string>;
}

export interface ScanProblem {
  readonly path: string;
  readonly code: string;
}

/** A folder the scan listed: what a watcher must cover and a stamp to tell later whether its entries changed. */
export interface ScannedFolder {
  /** Relative to the scanned folder, `/`-separated; `.` for that folder itself. */
  readonly rel: string;
  readonly abs: string;
  /** Its stat taken just before it was listed, so a later stat that differs means entries may have come or gone since. */
  readonly stamp: FileStat | null;
  /** Entered through a symlink (its entry in the parent folder is a link), which a recursive fs.watch does not follow. */
  readonly viaLink: boolean;
}

export interface ScanResult {
  readonly planDirs: readonly PlanDir[];
  /** Folders that could not be listed; the scan goes on without them. */
  readonly problems: readonly ScanProblem[];
  /** Every folder that was listed, in the order it was listed. */
  readonly folders: readonly ScannedFolder[];
}

export const DEFAULT_MAX_DEPTH = 3;

/** Folders a plan keeps its documents in; never plan directories of their own. */
const PLAN_OWN_FOLDERS = new Set(["subplans", "execution", "documentation"]);

export function isSkippedName(name: string): boolean {
  return name.startsWith(".") || name === "node_modules";
}

/** What an entry is once symlinks are followed; null for dangling links, loops and other kinds. */
function resolvedKind(fs: FsPort, dir: string, entry: DirEntry): "file" | "dir" | null {
  if (entry.kind === "file" || entry.kind === "dir") return entry.kind;
  if (entry.kind !== "symlink") return null;
  try {
    const kind = fs.stat(path.join(dir, entry.name)).kind;
    return kind === "other" ? null : kind;
  } catch {
    // ENOENT (dangling link) or ELOOP: neither a file nor a directory.
    return null;
  }
}

export function entryIsFile(fs: FsPort, dir: string, entry: DirEntry): boolean {
  return resolvedKind(fs, dir, entry) === "file";
}

function entryIsDir(fs: FsPort, dir: string, entry: DirEntry): boolean {
  return resolvedKind(fs, dir, entry) === "dir";
}

/** A listed folder as a plan directory, or null when it holds no PLAN file. */
export function planDirFrom(fs: FsPort, id: string, absDir: string, entries: readonly DirEntry[]): PlanDir | null {
  const planFiles = entries.filter((e) => planFileName(e.name) !== null && entryIsFile(fs, absDir, e)).map((e) => e.name);
  return planFiles.length === 0 ? null : { id, absDir, planFiles, entryNames: new Set(entries.map((e) => e.name)) };
}

/**
 * A plan directory listed now. A PlanDir carries a snapshot of its folder's entries, so whoever
 * re-reads one plan after a change (a write, a watch event) lists it again first. Throws the
 * readDir error (ENOENT when the folder is gone); null when it no longer holds a PLAN file.
 */
export function relistPlanDir(fs: FsPort, id: string, absDir: string): PlanDir | null {
  return planDirFrom(fs, id, absDir, fs.readDir(absDir));
}

/** `withStamps: false` skips the folder stamps (one stat per folder) for a reader that never compares them, `status`. */
export function scanWorkspace(fs: FsPort, root: string, maxDepth = DEFAULT_MAX_DEPTH, withStamps = true): ScanResult {
  const planDirs: PlanDir[] = [];
  const problems: ScanProblem[] = [];
  const folders: ScannedFolder[] = [];
  const visited = new Set<string>();

  // Real paths guard against symlink cycles. A plain subfolder's real path is its parent's plus
  // its name, so only symlinks cost a realpath call.
  const walk = (absDir: string, realDir: string, rel: string, depth: number, viaLink: boolean): void => {
    if (visited.has(realDir)) return;
    visited.add(realDir);
    const stamp = withStamps ? fs.statOrNull(absDir) : null;
    let entries: DirEntry[];
    try {
      entries = fs.readDir(absDir);
    } catch (error) {
      problems.push({ path: rel, code: (error as { code?: string }).code ?? "EIO" });
      return;
    }
    folders.push({ rel, abs: absDir, stamp, viaLink });
    const planDir = planDirFrom(fs, rel, absDir, entries);
    const isPlanDir = planDir !== null;
    if (planDir !== null) planDirs.push(planDir);
    if (depth >= maxDepth) return;
    for (const entry of entries) {
      if (isSkippedName(entry.name)) continue;
      if (isPlanDir && PLAN_OWN_FOLDERS.has(entry.name)) continue;
      if (!entryIsDir(fs, absDir, entry)) continue;
      const childAbs = path.join(absDir, entry.name);
      let childReal = path.join(realDir, entry.name);
      if (entry.kind === "symlink") {
        try {
          childReal = fs.realPath(childAbs);
        } catch (error) {
          problems.push({ path: joinRel(rel, entry.name), code: (error as { code?: string }).code ?? "EIO" });
          continue;
        }
      }
      if (entry.kind === "symlink") deferred.push({ absDir: childAbs, realDir: childReal, rel: joinRel(rel, entry.name), depth: depth + 1 });
      else walk(childAbs, childReal, joinRel(rel, entry.name), depth + 1, false);
    }
  };
  // Links are followed after every real folder has been walked, so a folder reached both ways
  // is shown under its own path, not under the name of a link to it.
  const deferred: { absDir: string; realDir: string; rel: string; depth: number }[] = [];

  let realRoot: string;
  try {
    realRoot = fs.realPath(root);
  } catch (error) {
    return { planDirs, problems: [{ path: ".", code: (error as { code?: string }).code ?? "EIO" }], folders };
  }
  walk(root, realRoot, ".", 0, false);
  for (let i = 0; i < deferred.length; i++) {
    const link = deferred[i];
    if (link !== undefined) walk(link.absDir, link.realDir, link.rel, link.depth, true);
  }
  return { planDirs, problems, folders };
}
