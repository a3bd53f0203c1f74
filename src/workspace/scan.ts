/**
 * SPEC §1.2: walk the plans root (depth-limited, skip rules, symlink cycle guard) and list the
 * plan directories. Reads names only.
 */
import * as path from "node:path";
import { planFileName } from "../core/file-roles";
import { joinRel } from "../core/plan";
import type { DirEntry, FsPort } from "../ports";

export interface PlanDir {
  /** Relative to the plans root, `/`-separated; `.` for the root itself. */
  readonly id: string;
  readonly absDir: string;
  /** Regular files (or links to them) named `PLAN_(.+).md`. */
  readonly planFiles: readonly string[];
}

export interface ScanProblem {
  readonly path: string;
  readonly code: string;
}

export interface ScanResult {
  readonly planDirs: readonly PlanDir[];
  /** Folders that could not be listed; the scan goes on without them. */
  readonly problems: readonly ScanProblem[];
}

export const DEFAULT_MAX_DEPTH = 3;

/** Folders a plan keeps its documents in; never plan directories of their own. */
const PLAN_OWN_FOLDERS = new Set(["subplans", "execution", "documentation"]);

export function isSkippedName(name: string): boolean {
  return name.startsWith(".") || name === "node_modules";
}

export function entryIsFile(fs: FsPort, dir: string, entry: DirEntry): boolean {
  if (entry.kind === "file") return true;
  if (entry.kind !== "symlink") return false;
  try {
    return fs.stat(path.join(dir, entry.name)).kind === "file";
  } catch {
    // ENOENT (dangling link) or ELOOP: not a regular file.
    return false;
  }
}

function entryIsDir(fs: FsPort, dir: string, entry: DirEntry): boolean {
  if (entry.kind === "dir") return true;
  if (entry.kind !== "symlink") return false;
  try {
    return fs.stat(path.join(dir, entry.name)).kind === "dir";
  } catch {
    // ENOENT (dangling link) or ELOOP: not a directory to walk.
    return false;
  }
}

export function scanWorkspace(fs: FsPort, root: string, maxDepth = DEFAULT_MAX_DEPTH): ScanResult {
  const planDirs: PlanDir[] = [];
  const problems: ScanProblem[] = [];
  const visited = new Set<string>();

  const walk = (absDir: string, rel: string, depth: number): void => {
    let real: string;
    try {
      real = fs.realPath(absDir);
    } catch (error) {
      problems.push({ path: rel, code: (error as { code?: string }).code ?? "EIO" });
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries: DirEntry[];
    try {
      entries = fs.readDir(absDir);
    } catch (error) {
      problems.push({ path: rel, code: (error as { code?: string }).code ?? "EIO" });
      return;
    }
    const planFiles = entries.filter((e) => planFileName(e.name) !== null && entryIsFile(fs, absDir, e)).map((e) => e.name);
    const isPlanDir = planFiles.length > 0;
    if (isPlanDir) planDirs.push({ id: rel, absDir, planFiles });
    if (depth >= maxDepth) return;
    for (const entry of entries) {
      if (isSkippedName(entry.name)) continue;
      if (isPlanDir && PLAN_OWN_FOLDERS.has(entry.name)) continue;
      if (!entryIsDir(fs, absDir, entry)) continue;
      walk(path.join(absDir, entry.name), joinRel(rel, entry.name), depth + 1);
    }
  };

  walk(root, ".", 0);
  return { planDirs, problems };
}
