/**
 * Plan directory → PlanInput: the PLAN file (capped, bytes only), folder listings, execution
 * headers and mtimes, parallel.json. Reads only what the rules need.
 */
import * as path from "node:path";
import { executionRole, ROLE_FOLDERS } from "../core/file-roles";
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
import { osErrorCode } from "../util/errors";
import { entryIsFile, type PlanDir } from "./scan";

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

function named(fs: FsPort, dir: string, entry: DirEntry): NamedEntry {
  if (entryIsFile(fs, dir, entry)) return { name: entry.name, errorCode: null };
  return { name: entry.name, errorCode: entry.kind === "dir" ? "EISDIR" : entry.kind === "symlink" ? "ENOENT" : "EINVAL" };
}

function readCapped(fs: FsPort, file: string, name: string, cap: number): FileRead & { mtimeMs: number } {
  try {
    const content = fs.readFile(file, cap);
    return { name, bytes: content.bytes, size: content.size, errorCode: null, mtimeMs: content.mtimeMs };
  } catch (error) {
    return { name, bytes: null, size: 0, errorCode: osErrorCode(error) ?? "EIO", mtimeMs: 0 };
  }
}

function readParallel(fs: FsPort, dir: string, present: boolean): string | null {
  if (!present) return null;
  try {
    return new TextDecoder().decode(fs.readFile(path.join(dir, "parallel.json"), PLAN_READ_CAP_BYTES).bytes);
  } catch (error) {
    const code = osErrorCode(error);
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    // Present but unreadable: hand the rules something that is not JSON so it is reported as invalid.
    return "";
  }
}

export function readPlan(fs: FsPort, planDir: PlanDir): PlanInput {
  const dir = planDir.absDir;
  const dirName = path.basename(dir);
  const chosen = choosePlanFile(dirName, planDir.planFiles) ?? planDir.planFiles[0] ?? "";
  const planFile = readCapped(fs, path.join(dir, chosen), chosen, PLAN_READ_CAP_BYTES);

  const unreadable: { file: string; code: string }[] = [];
  // The plan folder was just listed: a missing subfolder costs nothing (no failing syscall).
  const has = (folder: string): boolean => planDir.entryNames.has(folder.split("/")[0] ?? folder);
  const subplanDir = path.join(dir, ROLE_FOLDERS.subplan);
  const subplans = (has(ROLE_FOLDERS.subplan) ? listFolder(fs, subplanDir, ROLE_FOLDERS.subplan, unreadable) : []).map((e) => named(fs, subplanDir, e));

  const executionDir = path.join(dir, ROLE_FOLDERS.execution);
  const executions: ExecutionInput[] = [];
  for (const entry of (has(ROLE_FOLDERS.execution) ? listFolder(fs, executionDir, ROLE_FOLDERS.execution, unreadable) : [])) {
    if (executionRole(entry.name) === null) continue;
    if (entry.kind === "dir") {
      executions.push({ name: entry.name, bytes: null, size: 0, errorCode: "EISDIR", mtimeMs: 0 });
      continue;
    }
    executions.push(readCapped(fs, path.join(executionDir, entry.name), entry.name, HEADER_READ_BYTES));
  }

  const feedbackDir = path.join(dir, ROLE_FOLDERS.feedback);
  const feedbacks = (has(ROLE_FOLDERS.feedback) ? listFolder(fs, feedbackDir, ROLE_FOLDERS.feedback, unreadable) : []).map((e) => named(fs, feedbackDir, e));

  return {
    id: planDir.id,
    dirName,
    planFiles: planDir.planFiles,
    planFile,
    subplans,
    executions,
    feedbacks,
    parallelJson: readParallel(fs, dir, planDir.entryNames.has("parallel.json")),
    unreadable,
  };
}
