/** File name → role (SPEC §1.4). The only place that knows these patterns. */

export type FileRole =
  | { readonly role: "plan"; readonly name: string }
  | { readonly role: "subplan"; readonly key: string }
  | { readonly role: "execution"; readonly key: string; readonly attempt: number; readonly suffix: string | null }
  | { readonly role: "approval"; readonly key: string }
  | { readonly role: "fix"; readonly key: string; readonly round: number }
  | { readonly role: "resolution"; readonly key: string; readonly round: number };

/** The folder, relative to the plan directory, where each role lives. */
export const ROLE_FOLDERS = {
  subplan: "subplans",
  execution: "execution",
  feedback: "execution/feedbacks",
} as const;

const PLAN = /^PLAN_(.+)\.md$/;
const SUBPLAN = /^SUBPLAN_(.+)_(\d+)\.md$/;
const EXECUTION = /^EXECUTION_TASK_(.+)_(\d+)_(\d+)(?:_([A-Za-z][A-Za-z0-9-]*))?\.md$/;
const APPROVED = /^APPROVED_(\d+)\.md$/;
// SPEC §1.4 review rounds: the plain FIX_<key> pair is round 1, FIX_<key>_<n> is round n ≥ 2.
const FIX = /^FIX_(\d+)(?:_(\d+))?\.md$/;
const RESOLUTION = /^FIX_(\d+)(?:_(\d+))?_RESOLUTION\.md$/;

export function planFileName(fileName: string): string | null {
  return PLAN.exec(fileName)?.[1] ?? null;
}

export function subplanRole(fileName: string): FileRole | null {
  const m = SUBPLAN.exec(fileName);
  return m === null ? null : { role: "subplan", key: m[2] ?? "" };
}

export function executionRole(fileName: string): Extract<FileRole, { role: "execution" }> | null {
  const m = EXECUTION.exec(fileName);
  if (m === null) return null;
  return { role: "execution", key: m[2] ?? "", attempt: Number(m[3]), suffix: m[4] ?? null };
}

export function feedbackRole(fileName: string): FileRole | null {
  const approved = APPROVED.exec(fileName);
  if (approved !== null) return { role: "approval", key: approved[1] ?? "" };
  const resolution = RESOLUTION.exec(fileName);
  if (resolution !== null) return withRound("resolution", resolution);
  const fix = FIX.exec(fileName);
  if (fix !== null) return withRound("fix", fix);
  return null;
}

/** A written round number below 2 (`FIX_12_01.md`) names no round: the plain pair is round 1. */
function withRound(role: "fix" | "resolution", m: RegExpExecArray): FileRole | null {
  const key = m[1] ?? "";
  if (m[2] === undefined) return { role, key, round: 1 };
  const round = Number(m[2]);
  return round >= 2 ? { role, key, round } : null;
}

/** Two digits at least, as plandash writes attempts and rounds (`_02`, `_10`, `_100`). */
function twoDigits(n: number): string {
  return String(n).padStart(2, "0");
}

/** Names for new documents (SPEC §7), built from the same rules they are read by. */
export const documentNames = {
  plan: (name: string) => `PLAN_${name}.md`,
  subplan: (name: string, key: string) => `SUBPLAN_${name}_${key}.md`,
  execution: (name: string, key: string, attempt: number) =>
    `EXECUTION_TASK_${name}_${key}_${twoDigits(attempt)}.md`,
  approval: (key: string) => `APPROVED_${key}.md`,
  fix: (key: string, round = 1) => (round <= 1 ? `FIX_${key}.md` : `FIX_${key}_${twoDigits(round)}.md`),
  resolution: (key: string, round = 1) => (round <= 1 ? `FIX_${key}_RESOLUTION.md` : `FIX_${key}_${twoDigits(round)}_RESOLUTION.md`),
};

/**
 * The resolution that answers a FIX file, however its round is spelled (`FIX_12.md`,
 * `FIX_12_2.md`, `FIX_12_02.md`): the same name with `_RESOLUTION` before `.md`. Works on a path too.
 */
export function resolutionFor(fixFile: string): string {
  return fixFile.replace(/\.md$/, "_RESOLUTION.md");
}
