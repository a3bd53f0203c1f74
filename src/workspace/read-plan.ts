/**
 * Plan directory → PlanInput: the PLAN file (capped, bytes only), folder listings, execution
 * headers and mtimes, parallel.json. Reads only what the rules need.
 */
import * as path from "node:path";
import { executionRole, ROLE_FOLDERS } from "../core/file-roles";
import { approvedKeys } from "../core/plan-files";
import {
  choosePlanFile,
  HEADER_READ_BYTES,
  PLAN_READ_CAP_BYTES,
  type ExecutionInput,
  type FileRead,
  type NamedEntry,
  type PlanInput,
} from "../core/plan";
import type { DirEntry, FsPort } from "../ports";
import { NOT_REGULAR, osErrorCode } from "../util/errors";
import type { PlanDir } from "./scan";

function listFolder(fs: FsPort, dir: string, rel: string, unreadable: { file: string; code: string }[]): DirEntry[] {
  try {
    return fs.readDir(dir);
  } catch (error) {
    const code = osErrorCode(error) ?? "EIO";
    // ENOENT / ENOTDIR: the plan simply has no such folder (yet).
    if (code !== "ENOENT" && code !== "ENOTDIR") unreadable.push({ file: rel, code });
    return [];
  }
}

/** The reason shown in an `unreadable-file` warning: the OS code, said in words where it is ours. */
function reasonOf(code: string): string {
  return code === NOT_REGULAR ? "not a regular file: a FIFO, socket or device" : code;
}

/**
 * Why a listed entry is not a readable file, or null when it is one. The listing's type is used
 * first, so a FIFO or device is refused without being opened (SPEC §1.4); only links cost a stat.
 */
function problemOf(fs: FsPort, dir: string, entry: DirEntry): string | null {
  if (entry.kind === "file") return null;
  if (entry.kind === "dir") return "EISDIR";
  if (entry.kind === "other") return reasonOf(NOT_REGULAR);
  try {
    const kind = fs.stat(path.join(dir, entry.name)).kind;
    return kind === "file" ? null : kind === "dir" ? "EISDIR" : reasonOf(NOT_REGULAR);
  } catch (error) {
    // ENOENT (a dangling link) or ELOOP: said as the OS says it.
    return osErrorCode(error) ?? "EIO";
  }
}

function named(fs: FsPort, dir: string, entry: DirEntry): NamedEntry {
  return { name: entry.name, errorCode: problemOf(fs, dir, entry) };
}

function readCapped(fs: FsPort, file: string, name: string, cap: number): FileRead & { mtimeMs: number } {
  try {
    const content = fs.readFile(file, cap);
    return { name, bytes: content.bytes, size: content.size, errorCode: null, mtimeMs: content.mtimeMs };
  } catch (error) {
    // readFile itself refuses what is not a regular file (checked on the open descriptor).
    return { name, bytes: null, size: 0, errorCode: reasonOf(osErrorCode(error) ?? "EIO"), mtimeMs: 0 };
  }
}

/** One open and one read (no fstat) unless the mtime is needed; a failure becomes the entry's error code. */
function readHeaderOf(fs: FsPort, file: string, name: string, withMtime: boolean): ExecutionInput {
  try {
    const header = fs.readHeader(file, HEADER_READ_BYTES, withMtime);
    return { name, bytes: header.bytes, size: header.bytes.length, errorCode: null, mtimeMs: header.mtimeMs };
  } catch (error) {
    return { name, bytes: null, size: 0, errorCode: reasonOf(osErrorCode(error) ?? "EIO"), mtimeMs: null };
  }
}

function readParallel(fs: FsPort, dir: string, present: boolean, unreadable: { file: string; code: string }[]): string | null {
  if (!present) return null;
  try {
    return new TextDecoder().decode(fs.readFile(path.join(dir, "parallel.json"), PLAN_READ_CAP_BYTES).bytes);
  } catch (error) {
    const code = osErrorCode(error) ?? "EIO";
    // ENOENT / ENOTDIR: removed since the listing; there is simply none.
    if (code !== "ENOENT" && code !== "ENOTDIR") unreadable.push({ file: "parallel.json", code: reasonOf(code) });
    return null;
  }
}

/** `dir/name` for a folder path from a listing (absolute, normalised): path.join's normalising is not needed on the hot path. */
function childPath(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

/** The PLAN file a plan folder is read through (SPEC §1.2). */
export function chosenPlanFile(planDir: PlanDir): string {
  return choosePlanFile(path.basename(planDir.absDir), planDir.planFiles) ?? planDir.planFiles[0] ?? "";
}

export function readPlan(fs: FsPort, planDir: PlanDir): PlanInput {
  const dir = planDir.absDir;
  const dirName = path.basename(dir);
  const chosen = chosenPlanFile(planDir);
  const planFile = readCapped(fs, childPath(dir, chosen), chosen, PLAN_READ_CAP_BYTES);

  const unreadable: { file: string; code: string }[] = [];
  // The plan folder was just listed: a missing subfolder costs nothing (no failing syscall).
  const has = (folder: string): boolean => planDir.entryNames.has(folder.split("/")[0] ?? folder);
  const subplanDir = childPath(dir, ROLE_FOLDERS.subplan);
  const subplans = (has(ROLE_FOLDERS.subplan) ? listFolder(fs, subplanDir, ROLE_FOLDERS.subplan, unreadable) : []).map((e) => named(fs, subplanDir, e));

  const feedbackDir = childPath(dir, ROLE_FOLDERS.feedback);
  const feedbacks = (has(ROLE_FOLDERS.feedback) ? listFolder(fs, feedbackDir, ROLE_FOLDERS.feedback, unreadable) : []).map((e) => named(fs, feedbackDir, e));
  // Feedback first: an approved achievement is never stale, so its executions need no mtime.
  const approved = approvedKeys(feedbacks);

  const executionDir = childPath(dir, ROLE_FOLDERS.execution);
  const executions: ExecutionInput[] = [];
  for (const entry of (has(ROLE_FOLDERS.execution) ? listFolder(fs, executionDir, ROLE_FOLDERS.execution, unreadable) : [])) {
    const role = executionRole(entry.name);
    if (role === null) continue;
    const problem = entry.kind === "file" ? null : problemOf(fs, executionDir, entry);
    if (problem !== null) {
      executions.push({ name: entry.name, bytes: null, size: 0, errorCode: problem, mtimeMs: null });
      continue;
    }
    executions.push(readHeaderOf(fs, childPath(executionDir, entry.name), entry.name, !approved.has(role.key)));
  }

  return {
    id: planDir.id,
    dirName,
    planFiles: planDir.planFiles,
    planFile,
    subplans,
    executions,
    feedbacks,
    parallelJson: readParallel(fs, dir, planDir.entryNames.has("parallel.json"), unreadable),
    unreadable,
  };
}
