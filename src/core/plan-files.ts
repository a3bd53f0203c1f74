/**
 * A plan's role files (SPEC §1.4) sorted into its achievements by key. Files of no achievement are
 * orphans and entries that are not readable files are `unreadable-file`, both as warnings.
 */
import { executionRole, feedbackRole, ROLE_FOLDERS, subplanRole } from "./file-roles";
import { headerStatus } from "./lines";
import type { ExecutionInput, NamedEntry } from "./plan";
import { latestRound, type LatestRound, type RoundFiles } from "./rounds";
import { isCompleteStatus } from "./status";
import type { Execution, Warning } from "./types";

export interface AchievementFiles {
  readonly subplan: string | null;
  /** Oldest attempt first: the last one is the latest (SPEC §1.4). */
  readonly executions: readonly Execution[];
  readonly approved: string | null;
  /** The latest review round, null without any FIX or RESOLUTION. */
  readonly latest: LatestRound | null;
}

export interface FileListings {
  readonly subplans: readonly NamedEntry[];
  readonly executions: readonly ExecutionInput[];
  readonly feedbacks: readonly NamedEntry[];
}

// Decoders without `stream` keep no state between calls, so sharing one is safe.
const LENIENT_UTF8 = new TextDecoder("utf-8");

interface Collected {
  subplan: string | null;
  executions: Execution[];
  approved: string | null;
  /** Made at the first FIX or RESOLUTION file (most achievements have none). */
  rounds: Map<number, { fix: string | null; resolution: string | null }> | null;
}

/**
 * `idByKey` maps each key to the achievement its files go to; `rel` makes a path relative to the
 * plans root from a folder of the plan and a file name. Warnings are appended to `warnings`.
 *
 * Where two names compete (two subplans of one key, one round spelled twice), the first in
 * code-point order counts, and warnings come in that order too; listings are not sorted for it
 * (this runs for every plan on every scan), the few names that compete are compared instead.
 */
export function collectPlanFiles(
  listings: FileListings,
  idByKey: ReadonlyMap<string, string>,
  rel: (folder: string, name: string) => string,
  warnings: Warning[],
): Map<string, AchievementFiles> {
  const collected = new Map<string, Collected>();
  /** This folder's warnings with the entry name they are about, put in name order when the folder is done. */
  let folderWarnings: { name: string; warning: Warning }[] = [];
  const warn = (name: string, warning: Warning): void => {
    folderWarnings.push({ name, warning });
  };
  const endFolder = (): void => {
    if (folderWarnings.length > 1) folderWarnings.sort((a, b) => compareNames(a.name, b.name));
    for (const w of folderWarnings) warnings.push(w.warning);
    folderWarnings = [];
  };
  const slot = (key: string, name: string, file: string): Collected | null => {
    const id = idByKey.get(key);
    if (id === undefined) {
      warn(name, { code: "orphan-file", message: `no achievement has the key ${key}; the file counts for nothing`, file });
      return null;
    }
    let c = collected.get(id);
    if (c === undefined) {
      c = { subplan: null, executions: [], approved: null, rounds: null };
      collected.set(id, c);
    }
    return c;
  };
  const unreadable = (name: string, file: string, code: string): void => {
    warn(name, { code: "unreadable-file", message: `cannot read this file (${code})`, file });
  };

  for (const entry of listings.subplans) {
    const role = subplanRole(entry.name);
    if (role === null || role.role !== "subplan") continue;
    const file = rel(ROLE_FOLDERS.subplan, entry.name);
    if (entry.errorCode !== null) unreadable(entry.name, file, entry.errorCode);
    else {
      const c = slot(role.key, entry.name, file);
      // Same folder, so comparing the paths compares the names.
      if (c !== null && (c.subplan === null || file < c.subplan)) c.subplan = file;
    }
  }
  endFolder();

  for (const entry of listings.executions) {
    const role = executionRole(entry.name);
    if (role === null) continue;
    const file = rel(ROLE_FOLDERS.execution, entry.name);
    if (entry.errorCode !== null || entry.bytes === null) {
      unreadable(entry.name, file, entry.errorCode ?? "EIO");
      continue;
    }
    const c = slot(role.key, entry.name, file);
    if (c === null) continue;
    const complete = isCompleteStatus(headerStatus(LENIENT_UTF8.decode(entry.bytes)));
    c.executions.push({ file, attempt: role.attempt, suffix: role.suffix, complete, mtimeMs: entry.mtimeMs });
  }
  endFolder();

  for (const entry of listings.feedbacks) {
    const role = feedbackRole(entry.name);
    if (role === null) continue;
    const file = rel(ROLE_FOLDERS.feedback, entry.name);
    if (entry.errorCode !== null) {
      unreadable(entry.name, file, entry.errorCode);
      continue;
    }
    if (role.role !== "approval" && role.role !== "fix" && role.role !== "resolution") continue;
    const c = slot(role.key, entry.name, file);
    if (c === null) continue;
    if (role.role === "approval") {
      c.approved = file;
      continue;
    }
    // One round may be spelled twice (FIX_12_2.md, FIX_12_02.md): the first name in code-point order counts.
    c.rounds ??= new Map();
    const round = c.rounds.get(role.round) ?? { fix: null, resolution: null };
    if (role.role === "fix") round.fix = round.fix === null || file < round.fix ? file : round.fix;
    else round.resolution = round.resolution === null || file < round.resolution ? file : round.resolution;
    c.rounds.set(role.round, round);
  }
  endFolder();

  const out = new Map<string, AchievementFiles>();
  for (const [id, c] of collected) {
    out.set(id, {
      subplan: c.subplan,
      executions: c.executions.length > 1 ? c.executions.sort(compareExecutions) : c.executions,
      approved: c.approved,
      latest: c.rounds === null ? null : latestRound(c.rounds as ReadonlyMap<number, RoundFiles>),
    });
  }
  return out;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SPEC §1.4 attempt order, then the name, so two files of one attempt and suffix keep code-point order. */
function compareExecutions(a: Execution, b: Execution): number {
  return compareAttempts(a, b) || compareNames(a.file, b.file);
}

/**
 * SPEC §2.1: `stale` needs an in-progress achievement, and one with a (readable) APPROVED file
 * never is; files go to achievements by key. So the executions whose mtime can matter are those
 * whose key has no approval: a scan stats only them.
 */
export function approvedKeys(feedbacks: readonly NamedEntry[]): Set<string> {
  const keys = new Set<string>();
  for (const entry of feedbacks) {
    if (entry.errorCode !== null) continue;
    const role = feedbackRole(entry.name);
    if (role !== null && role.role === "approval") keys.add(role.key);
  }
  return keys;
}

/** Attempt number, then suffix in code-point order with no suffix first (SPEC §1.4). */
export function compareAttempts(a: { attempt: number; suffix: string | null }, b: { attempt: number; suffix: string | null }): number {
  if (a.attempt !== b.attempt) return a.attempt - b.attempt;
  if (a.suffix === b.suffix) return 0;
  if (a.suffix === null) return -1;
  if (b.suffix === null) return 1;
  return a.suffix < b.suffix ? -1 : 1;
}
