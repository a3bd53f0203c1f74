/**
 * Cheap stat signatures: enough to tell that a plan (or a walked folder) may have changed
 * without reading a byte. A plan's signature covers what its state is built from: the PLAN
 * file, its three document folders (names only matter there, so the folder stamp is enough),
 * parallel.json and every execution file (their header status is read).
 *
 * File times are coarse (a kernel tick, 2 s on FAT), so a file written within RACY_MARGIN_MS
 * of the read may change again without changing its stamp: such a signature is "racy" and the
 * plan is re-read at the next check, as git does for racily clean index entries.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ROLE_FOLDERS } from "../core/file-roles";
import type { Plan } from "../core/types";

export const RACY_MARGIN_MS = 2_000;

export interface Stamp {
  readonly ino: number;
  readonly mtimeMs: number;
  readonly size: number;
  readonly isDir: boolean;
}

/** stat(2) following links; null when there is nothing there (or it cannot be stat'ed). */
export type StatFn = (abs: string) => Stamp | null;

export const realStat: StatFn = (abs) => {
  try {
    const s = fs.statSync(abs, { throwIfNoEntry: false });
    return s === undefined ? null : { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size, isDir: s.isDirectory() };
  } catch {
    // ENOTDIR / EACCES / ELOOP: as good as absent for a signature; the read reports it.
    return null;
  }
};

export function stampText(stamp: Stamp | null): string {
  return stamp === null ? "-" : `${stamp.ino}:${stamp.mtimeMs}:${stamp.size}`;
}

export interface Signature {
  readonly text: string;
  /** Some file was modified so recently that a later change might not move its stamp. */
  readonly racy: boolean;
}

export function planSignature(stat: StatFn, root: string, absDir: string, planFile: string, plan: Plan, readStartedAt: number): Signature {
  const parts: string[] = [];
  let newest = 0;
  const add = (abs: string): void => {
    const s = stat(abs);
    if (s !== null && s.mtimeMs > newest) newest = s.mtimeMs;
    parts.push(stampText(s));
  };
  add(path.join(absDir, planFile));
  add(path.join(absDir, ROLE_FOLDERS.subplan));
  add(path.join(absDir, ROLE_FOLDERS.execution));
  add(path.join(absDir, ROLE_FOLDERS.feedback));
  add(path.join(absDir, "parallel.json"));
  for (const a of plan.achievements) for (const e of a.executions) add(path.join(root, e.file));
  return { text: parts.join("|"), racy: newest > readStartedAt - RACY_MARGIN_MS };
}
