/**
 * What a new SUBPLAN / EXECUTION_TASK / APPROVED / FIX document is called and what it says
 * (SPEC §7). Pure: the plan state and the time come in, a path and a text go out. Writing is
 * the writer's job; the rules that refuse (no SUBPLAN, nothing to review) live here so the
 * dashboard and the CLI refuse the same way.
 */
import { documentNames, ROLE_FOLDERS } from "../core/file-roles";
import { joinRel } from "../core/plan";
import type { Achievement, Plan } from "../core/types";
import { PlandashError } from "../util/errors";

export type DocumentKind = "subplan" | "execution" | "approval" | "fix";

export interface NewDocument {
  readonly kind: DocumentKind;
  /** Relative to the plans root, `/`-separated. */
  readonly rel: string;
  readonly content: string;
}

export interface ReviewInput {
  readonly reviewer: string;
  readonly message: string | null;
}

/** Highest attempt number among the achievement's executions + 1 (gaps and suffixes ignored). */
export function nextAttempt(executions: readonly { readonly attempt: number }[]): number {
  return executions.reduce((max, e) => Math.max(max, e.attempt), 0) + 1;
}

/** Where each document of an achievement lives (existing or to be created), relative to the plans root. */
export function documentPaths(plan: Plan, achievement: Achievement) {
  const inPlan = (folder: string, name: string) => joinRel(plan.id, folder, name);
  return {
    plan: plan.planFile,
    subplan: achievement.subplan ?? inPlan(ROLE_FOLDERS.subplan, documentNames.subplan(plan.name, achievement.key)),
    latestExecution: achievement.executions[achievement.executions.length - 1]?.file ?? null,
    nextExecution: inPlan(ROLE_FOLDERS.execution, documentNames.execution(plan.name, achievement.key, nextAttempt(achievement.executions))),
    approval: achievement.feedback.approved ?? inPlan(ROLE_FOLDERS.feedback, documentNames.approval(achievement.key)),
    fix: achievement.feedback.fix ?? inPlan(ROLE_FOLDERS.feedback, documentNames.fix(achievement.key)),
    resolution: achievement.feedback.resolution ?? inPlan(ROLE_FOLDERS.feedback, documentNames.resolution(achievement.key)),
  };
}

/** `2026-11-25 17:40 UTC`: the format of the methodology's Created and Date fields. */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The achievement with this id, or ENOACH naming the ids the plan has. */
export function findAchievement(plan: Plan, id: string): Achievement {
  const found = plan.achievements.find((a) => a.id === id);
  if (found !== undefined) return found;
  const ids = plan.achievements.map((a) => a.id);
  const list = ids.length === 0 ? "it has none" : ids.length > 12 ? `it has ${ids.slice(0, 12).join(", ")}, …` : `it has ${ids.join(", ")}`;
  return refuse("ENOACH", `plan ${plan.id} has no achievement ${id}`, `use an id from the plan (${list}); see \`plandash status ${plan.id}\``);
}

function refuse(code: "ENOACH" | "ENOSUBPLAN" | "ENOEXEC" | "EEXIST", message: string, hint: string): never {
  throw new PlandashError(code, message, { hint });
}

function header(type: string, plan: Plan, a: Achievement, fields: readonly [string, string][]): string[] {
  return [
    `# ${type}: ${plan.name} — Achievement ${a.id}${a.title === "" ? "" : `: ${a.title}`}`,
    "",
    `**Type**: ${type}`,
    `**Plan**: ${plan.name}`,
    `**Achievement**: ${a.id}${a.title === "" ? "" : ` — ${a.title}`}`,
    ...fields.map(([k, v]) => `**${k}**: ${v}`),
    "",
  ];
}

function sections(names: readonly [string, string][]): string[] {
  return names.flatMap(([title, hint]) => [`## ${title}`, "", hint, ""]);
}

export function subplanDocument(plan: Plan, a: Achievement, nowMs: number): NewDocument {
  if (a.subplan !== null) {
    refuse("EEXIST", `achievement ${a.id} of ${plan.id} already has a SUBPLAN: ${a.subplan}`, `plandash never overwrites; edit it with \`plandash open ${plan.id} ${a.id}\``);
  }
  const rel = documentPaths(plan, a).subplan;
  const lines = [
    ...header("SUBPLAN", plan, a, [
      ["Status", "Planned"],
      ["Created", formatUtc(nowMs)],
      ["File Location", rel],
    ]),
    ...sections([
      ["Goal", `What Achievement ${a.id} delivers, in one or two sentences.`],
      ["Approach", "1. …"],
      ["Files to change", "- …"],
      ["Risks", "- …"],
      ["Verification", "How the result is checked: tests to add or run, what to look at."],
    ]),
  ];
  return { kind: "subplan", rel, content: lines.join("\n") };
}

export function executionDocument(plan: Plan, a: Achievement, nowMs: number): NewDocument {
  if (a.subplan === null) {
    refuse("ENOSUBPLAN", `achievement ${a.id} of ${plan.id} has no SUBPLAN yet`, `create it first: plandash new subplan ${plan.id} ${a.id}`);
  }
  const rel = documentPaths(plan, a).nextExecution;
  const attempt = nextAttempt(a.executions);
  const lines = [
    ...header("EXECUTION_TASK", plan, a, [
      ["Status", "In Progress"],
      ["Attempt", String(attempt).padStart(2, "0")],
      ["Subplan", a.subplan],
      ["Created", formatUtc(nowMs)],
      ["File Location", rel],
    ]),
    ...sections([
      ["Log", `- ${formatUtc(nowMs)}: started.`],
      ["Result", "What changed and how it was verified. Set **Status**: Complete above when done."],
    ]),
  ];
  return { kind: "execution", rel, content: lines.join("\n") };
}

function latestExecutionOrRefuse(plan: Plan, a: Achievement, verb: string): string {
  const latest = a.executions[a.executions.length - 1];
  if (latest === undefined) {
    refuse(
      "ENOEXEC",
      `achievement ${a.id} of ${plan.id} has no EXECUTION_TASK to ${verb}`,
      a.subplan === null ? `start it first: plandash new subplan ${plan.id} ${a.id}` : `execute it first: plandash new execution ${plan.id} ${a.id}`,
    );
  }
  return latest.file;
}

export function approvalDocument(plan: Plan, a: Achievement, review: ReviewInput, nowMs: number): NewDocument {
  const reviewed = latestExecutionOrRefuse(plan, a, "approve");
  const rel = documentPaths(plan, a).approval;
  if (a.feedback.approved !== null) {
    refuse("EEXIST", `achievement ${a.id} of ${plan.id} is already approved: ${a.feedback.approved}`, "plandash never overwrites; nothing more to do here");
  }
  const lines = [
    ...header("APPROVED", plan, a, [
      ["Reviewer", review.reviewer],
      ["Date", formatUtc(nowMs)],
      ["Reviewed", reviewed],
      ["File Location", rel],
    ]),
    ...sections([["Summary", review.message ?? "Approved."]]),
  ];
  return { kind: "approval", rel, content: lines.join("\n") };
}

export function fixDocument(plan: Plan, a: Achievement, review: ReviewInput, nowMs: number): NewDocument {
  const reviewed = latestExecutionOrRefuse(plan, a, "review");
  const paths = documentPaths(plan, a);
  if (a.feedback.approved !== null) {
    // APPROVED wins over FIX (SPEC §2.1): a FIX written now would change nothing anyone sees.
    refuse("EEXIST", `achievement ${a.id} of ${plan.id} is already approved: ${a.feedback.approved}`, "to reopen it, remove the APPROVED file first, then ask for fixes");
  }
  if (a.feedback.fix !== null) {
    refuse("EEXIST", `achievement ${a.id} of ${plan.id} already has a FIX request: ${a.feedback.fix}`, `plandash never overwrites; add your points to it with \`plandash open ${plan.id} ${a.id}\``);
  }
  const lines = [
    ...header("FIX", plan, a, [
      ["Reviewer", review.reviewer],
      ["Date", formatUtc(nowMs)],
      ["Reviewed", reviewed],
      ["File Location", paths.fix],
    ]),
    ...sections([
      ["What to fix", review.message ?? "- …"],
      ["Resolution", `Write ${paths.resolution} saying, for each point above, what changed and how it was verified.`],
    ]),
  ];
  return { kind: "fix", rel: paths.fix, content: lines.join("\n") };
}
