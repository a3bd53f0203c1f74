/**
 * buildPlan: the single entry every caller (status, watch, dashboard, actions, benchmark) goes
 * through to turn what is on disk into a Plan. It receives bytes, names and mtimes; it never
 * reads a file.
 */
import { parseAchievements } from "./achievements";
import { planFileName } from "./file-roles";
import { achievementKey } from "./ids";
import { headerStatus } from "./lines";
import { computeParallel } from "./parallel";
import { isPaused } from "./paused";
import { collectPlanFiles } from "./plan-files";
import { unsafeNameReason } from "./safe-name";
import {
  countStatuses,
  deriveAchievementStatus,
  derivePlanStatus,
  isStale,
  progressPercent,
  stepFor,
  UPCOMING_COUNT,
} from "./status";
import type { Achievement, Plan, Warning } from "./types";

export const PLAN_READ_CAP_BYTES = 5 * 1024 * 1024;
/** Enough for the first 40 lines of any sane header; the status field is looked for there. */
export const HEADER_READ_BYTES = 16 * 1024;
export const DEFAULT_STALE_EXECUTION_DAYS = 7;

/** A file the rules need the contents of. `errorCode` set means it could not be read. */
export interface FileRead {
  readonly name: string;
  readonly bytes: Uint8Array | null;
  /** Full size on disk (may exceed bytes.length when capped). */
  readonly size: number;
  readonly errorCode: string | null;
}

export interface ExecutionInput extends FileRead {
  /** null when not read: only executions that can make an achievement stale need it (plan-files approvedKeys). */
  readonly mtimeMs: number | null;
}

/** A name in a folder the rules only need the name of; `errorCode` set means it is not a readable file. */
export interface NamedEntry {
  readonly name: string;
  readonly errorCode: string | null;
}

export interface PlanInput {
  /** Plan directory relative to the plans root, `/`-separated; `.` for the root itself. */
  readonly id: string;
  /** Basename of the plan directory. */
  readonly dirName: string;
  /** Every regular file in the directory whose name matches `PLAN_(.+).md`. */
  readonly planFiles: readonly string[];
  readonly planFile: FileRead;
  readonly subplans: readonly NamedEntry[];
  readonly executions: readonly ExecutionInput[];
  readonly feedbacks: readonly NamedEntry[];
  /** Text of parallel.json, or null when there is none. */
  readonly parallelJson: string | null;
  /** Folders of the plan (relative to its directory) that exist but could not be listed. */
  readonly unreadable: readonly { readonly file: string; readonly code: string }[];
}

export interface BuildOptions {
  readonly nowMs: number;
  readonly staleExecutionDays: number;
}

/** SPEC §1.2: the file whose captured name equals the directory name, else the first in code-point order. */
export function choosePlanFile(dirName: string, planFiles: readonly string[]): string | null {
  const sorted = [...planFiles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const wanted = dirName.toLowerCase();
  return sorted.find((f) => planFileName(f)?.toLowerCase() === wanted) ?? sorted[0] ?? null;
}

/** Where a plan sorts (SPEC §1.2: group, then name), known from its folder and PLAN file name before anything is read. */
export interface PlanIdentity {
  readonly id: string;
  readonly name: string;
  readonly group: string;
}

export function planIdentity(id: string, planFile: string): PlanIdentity {
  const slash = id === "." ? -1 : id.lastIndexOf("/");
  return { id, name: planFileName(planFile) ?? planFile, group: slash < 0 ? "" : id.slice(0, slash) };
}

export function joinRel(...parts: string[]): string {
  return parts.filter((p) => p !== "" && p !== ".").join("/") || ".";
}

/** UTF-8 with replacement; says whether anything had to be replaced. */
// Decoders without `stream` keep no state between calls, so sharing them is safe.
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });
const LENIENT_UTF8 = new TextDecoder("utf-8");

export function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: STRICT_UTF8.decode(bytes), valid: true };
  } catch {
    // TypeError from the fatal decoder: invalid bytes; decode again with replacement.
    return { text: LENIENT_UTF8.decode(bytes), valid: false };
  }
}

function knownMtimes(executions: readonly { readonly mtimeMs: number | null }[]): number[] {
  const out: number[] = [];
  for (const e of executions) if (e.mtimeMs !== null) out.push(e.mtimeMs);
  return out;
}

export function buildPlan(input: PlanInput, options: BuildOptions): Plan {
  const warnings: Warning[] = [];
  const prefix = input.id === "." ? "" : `${input.id}/`;
  const rel = (folder: string, name?: string): string => (name === undefined ? prefix + folder : `${prefix}${folder}/${name}`);
  const planFileRel = rel(input.planFile.name);
  const { name, group } = planIdentity(input.id, input.planFile.name);

  // SPEC §1.2: only a guess (no file named after the folder) among several is worth a warning.
  const namedAfterDir = planFileName(input.planFile.name)?.toLowerCase() === input.dirName.toLowerCase();
  if (input.planFiles.length > 1 && !namedAfterDir) {
    warnings.push({
      code: "multiple-plan-files",
      message: `${input.planFiles.length} PLAN files in one folder; using ${input.planFile.name}`,
      file: planFileRel,
    });
  }

  // SPEC §7 actions build paths from the id and the name: say now that they will be refused.
  const unsafe = unsafeNameReason(input.id === "." ? "" : input.id) ?? unsafeNameReason(name);
  if (unsafe !== null) {
    warnings.push({
      code: "unsafe-name",
      message: `the plan's folder or PLAN file name holds ${unsafe}, so plandash cannot create documents for it; rename it`,
      file: planFileRel,
    });
  }

  let text = "";
  let headerText = "";
  if (input.planFile.errorCode !== null || input.planFile.bytes === null) {
    warnings.push({
      code: "unreadable-file",
      message: `cannot read the plan file (${input.planFile.errorCode ?? "EIO"})`,
      file: planFileRel,
    });
  } else {
    const decoded = decodeUtf8(input.planFile.bytes);
    text = decoded.text;
    headerText = text;
    if (!decoded.valid) {
      warnings.push({ code: "not-utf8", message: "the plan file is not valid UTF-8; invalid bytes were replaced", file: planFileRel });
    }
    if (input.planFile.size > input.planFile.bytes.length) {
      warnings.push({
        code: "file-too-large",
        message: `the plan file is ${input.planFile.size} bytes; only the first ${input.planFile.bytes.length} were read`,
        file: planFileRel,
      });
    }
  }

  const parsed = parseAchievements(text);
  if (parsed.mode === "fallback") {
    warnings.push({
      code: "no-achievement-index",
      message:
        parsed.definitions.length === 0
          ? "no achievements found: the plan has no Achievement Index section and no definition lines"
          : "no Achievement Index section with definitions; achievements were taken from the whole document",
      file: planFileRel,
    });
  }

  // Files refer to achievements by key; with two ids on one key, the first in order gets them.
  const idByKey = new Map<string, string>();
  const keys = parsed.definitions.map((d) => achievementKey(d.id));
  for (const [i, d] of parsed.definitions.entries()) {
    const key = keys[i] ?? "";
    const first = idByKey.get(key);
    if (first === undefined) idByKey.set(key, d.id);
    else {
      warnings.push({
        code: "ambiguous-key",
        message: `achievements ${first} and ${d.id} share the key ${key}; files with that key go to ${first}`,
        file: planFileRel,
      });
    }
  }

  for (const u of input.unreadable) {
    warnings.push({ code: "unreadable-file", message: `cannot read this file (${u.code})`, file: rel(u.file) });
  }
  const files = collectPlanFiles(input, idByKey, rel, warnings);

  const achievements: Achievement[] = parsed.definitions.map((d, i) => {
    const c = files.get(d.id);
    const executions = c?.executions ?? [];
    const latest = c?.latest ?? null;
    const status = deriveAchievementStatus({
      hasApproval: c?.approved != null,
      hasFix: latest?.fix != null,
      hasResolution: latest?.resolution != null,
      hasSubplan: c?.subplan != null,
      executions,
    });
    return {
      id: d.id,
      key: keys[i] ?? "",
      title: d.title,
      status,
      // Only an in-progress achievement can be stale (and only then are its mtimes all known).
      stale: status === "in-progress" && isStale(status, knownMtimes(executions), options.nowMs, options.staleExecutionDays),
      markedDone: d.markedDone,
      subplan: c?.subplan ?? null,
      executions,
      feedback: { approved: c?.approved ?? null, fix: latest?.fix ?? null, resolution: latest?.resolution ?? null, round: latest?.round ?? null },
    };
  });

  const statuses = achievements.map((a) => a.status);
  const approved = statuses.filter((s) => s === "approved").length;
  const open = achievements.filter((a) => a.status !== "approved");
  const first = open[0];
  const firstStep = first === undefined ? null : stepFor(first.status);

  let parallel: Plan["parallel"] = null;
  if (input.parallelJson !== null) {
    const result = computeParallel(
      input.parallelJson,
      achievements.map((a) => a.id),
      new Map(achievements.map((a) => [a.id, a.status])),
      rel("parallel.json"),
    );
    parallel = result.parallel;
    warnings.push(...result.warnings);
  }

  const paused = isPaused(input.id, headerStatus(headerText));

  return {
    id: input.id,
    name,
    group,
    paused,
    planFile: planFileRel,
    status: derivePlanStatus(statuses),
    progress: { approved, total: achievements.length, percent: progressPercent(approved, achievements.length) },
    counts: countStatuses(statuses),
    next: first !== undefined && firstStep !== null ? { achievement: first.id, title: first.title, step: firstStep } : null,
    upcoming: open.slice(0, UPCOMING_COUNT).map((a) => a.id),
    parallel,
    achievements,
    warnings,
  };
}
