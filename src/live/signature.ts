/**
 * Cheap stat signatures: enough to tell that a plan (or a walked folder) may have changed
 * without reading a byte. A plan's signature covers what its state is built from: the PLAN
 * file, its three document folders (names only matter there, so the folder stamp is enough),
 * parallel.json and every execution file (their header status is read).
 *
 * File times are coarse (a kernel tick, 2 s on FAT), so a file written within RACY_MARGIN_MS
 * of the read may change again without changing its stamp: such a signature is "racy" and the
 * plan is re-read at the next check, as git does for racily clean index entries.
 *
 * Poll ticks compare every signature of the workspace, so this is the hot path of `poll`:
 * paths are built once per read and stamps are kept as numbers, compared with an early exit.
 */
import * as path from "node:path";
import { ROLE_FOLDERS } from "../core/file-roles";
import type { Plan } from "../core/types";
import type { FileStat } from "../ports";

export const RACY_MARGIN_MS = 2_000;

/** stat(2) following links; null when there is nothing there (FsPort.statOrNull). */
export type StatFn = (abs: string) => FileStat | null;

export function stampText(stamp: FileStat | null): string {
  return stamp === null ? "-" : `${stamp.ino}:${stamp.mtimeMs}:${stamp.size}`;
}

export interface Signature {
  readonly paths: readonly string[];
  /** ino, mtimeMs, size per path (-1 for a missing file). */
  readonly stamps: Float64Array;
  /** Some file was modified so recently that a later change might not move its stamp. */
  readonly racy: boolean;
}

/** The files a plan's state is built from. */
export function signaturePaths(root: string, absDir: string, planFile: string, plan: Plan): string[] {
  const paths = [
    path.join(absDir, planFile),
    path.join(absDir, ROLE_FOLDERS.subplan),
    path.join(absDir, ROLE_FOLDERS.execution),
    path.join(absDir, ROLE_FOLDERS.feedback),
    path.join(absDir, "parallel.json"),
  ];
  for (const a of plan.achievements) for (const e of a.executions) paths.push(path.join(root, e.file));
  return paths;
}

export function takeSignature(stat: StatFn, paths: readonly string[], readStartedAt: number): Signature {
  const stamps = new Float64Array(paths.length * 3);
  let newest = 0;
  for (let i = 0; i < paths.length; i++) {
    const s = stat(paths[i] ?? "");
    stamps[i * 3] = s === null ? -1 : s.ino;
    stamps[i * 3 + 1] = s === null ? -1 : s.mtimeMs;
    stamps[i * 3 + 2] = s === null ? -1 : s.size;
    if (s !== null && s.mtimeMs > newest) newest = s.mtimeMs;
  }
  return { paths, stamps, racy: newest > readStartedAt - RACY_MARGIN_MS };
}

/** True as soon as one stamp differs. */
export function signatureMoved(stat: StatFn, sig: Signature): boolean {
  const { paths, stamps } = sig;
  for (let i = 0; i < paths.length; i++) {
    const s = stat(paths[i] ?? "");
    if (s === null) {
      if (stamps[i * 3] !== -1) return true;
    } else if (stamps[i * 3] !== s.ino || stamps[i * 3 + 1] !== s.mtimeMs || stamps[i * 3 + 2] !== s.size) {
      return true;
    }
  }
  return false;
}
