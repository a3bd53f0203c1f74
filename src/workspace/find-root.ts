/** SPEC §1.1: --root, PLANDASH_ROOT, config `root`, then walking up for `work-space/plans/`. */
import * as path from "node:path";
import type { FsPort } from "../ports";
import { PlandashError } from "../util/errors";

export type RootSource = "flag" | "env" | "config" | "walk-up";

export interface FoundRoot {
  readonly root: string;
  readonly source: RootSource;
}

export interface RootQuery {
  readonly cwd: string;
  readonly flag?: string | undefined;
  readonly env?: string | undefined;
  readonly config?: string | undefined;
}

const PLANS_SUBDIR = path.join("work-space", "plans");

function isDir(fs: FsPort, dir: string): boolean {
  try {
    return fs.stat(dir).kind === "dir";
  } catch {
    // ENOENT / ENOTDIR / EACCES: not a usable directory.
    return false;
  }
}

/** A DIR may be a repository root (then DIR/work-space/plans) or the plans folder itself. */
function resolveGiven(fs: FsPort, cwd: string, given: string, source: RootSource): FoundRoot {
  const dir = path.resolve(cwd, given);
  const nested = path.join(dir, PLANS_SUBDIR);
  if (isDir(fs, nested)) return { root: nested, source };
  if (isDir(fs, dir)) return { root: dir, source };
  const from = source === "flag" ? "--root" : source === "env" ? "PLANDASH_ROOT" : "config key root";
  throw new PlandashError("ENOROOT", `plans root ${dir} (from ${from}) is not a directory`, {
    hint: "point it at a folder that holds work-space/plans/ or at the plans folder itself",
  });
}

export function findRoot(fs: FsPort, query: RootQuery): FoundRoot {
  if (query.flag) return resolveGiven(fs, query.cwd, query.flag, "flag");
  if (query.env) return resolveGiven(fs, query.cwd, query.env, "env");
  if (query.config) return resolveGiven(fs, query.cwd, query.config, "config");
  let dir = path.resolve(query.cwd);
  for (;;) {
    const candidate = path.join(dir, PLANS_SUBDIR);
    if (isDir(fs, candidate)) return { root: candidate, source: "walk-up" };
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new PlandashError("ENOROOT", `no work-space/plans/ found in ${path.resolve(query.cwd)} or any folder above it`, {
    hint: "pass --root DIR, set PLANDASH_ROOT, or run `plandash init` to create one",
  });
}
