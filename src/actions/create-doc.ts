/**
 * What a new SUBPLAN / EXECUTION_TASK / APPROVED / FIX document is called and what it says
 * (SPEC §7). Pure: the plan state and the time come in, a path and a text go out, or a refusal
 * as a value (a code, what is wrong, and a suggestion the CLI words as a command and the
 * dashboard as a key). Writing is the writer's job; the rules that refuse live here so the
 * dashboard and the CLI refuse the same way.
 */
import { documentNames, ROLE_FOLDERS } from "../core/file-roles";
import { joinRel } from "../core/plan";
import type { Achievement, Plan } from "../core/types";
import type { Result } from "../util/errors";
import { countable, documentPaths, nextAttempt, nextRound } from "./document-paths";
import { refusal, tooLarge } from "./refusal";

export type DocumentKind = "subplan" | "execution" | "approval" | "fix";

export interface NewDocument {
  readonly kind: DocumentKind;
  /** Relative to the plans root, `/`-separated. */
  readonly rel: string;
  readonly content: string;
  /** The name holds an attempt or round number: when another writer took it first, the next is tried. */
  readonly numbered: boolean;
}

export interface ReviewInput {
  readonly reviewer: string;
  /** null: none given (a default text is written). A given note must say something. */
  readonly message: string | null;
}

/** `2026-11-25 17:40 UTC`: the format of the methodology's Created and Date fields. */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The achievement with this id, or ENOACH naming the ids the plan has. */
export function findAchievement(plan: Plan, id: string): Result<Achievement> {
  const found = plan.achievements.find((a) => a.id === id);
  if (found !== undefined) return { ok: true, value: found };
  const ids = plan.achievements.map((a) => a.id);
  const list = ids.length === 0 ? "it has none" : ids.length > 12 ? `it has ${ids.slice(0, 12).join(", ")}, …` : `it has ${ids.join(", ")}`;
  return refusal("ENOACH", `plan ${plan.id} has no achievement ${id} (${list})`, "see the plan's achievements", { action: "status", plan: plan.id });
}

/**
 * The achievement a write is for. SPEC §7: an id whose key another id shares (`1.11`, `11.1`) is
 * refused, naming both, because the files it would get could not be told apart from the other's.
 */
export function achievementToWrite(plan: Plan, id: string): Result<Achievement> {
  const found = findAchievement(plan, id);
  if (!found.ok) return found;
  const a = found.value;
  const others = plan.achievements.filter((x) => x.key === a.key && x.id !== a.id).map((x) => x.id);
  if (others.length === 0) return found;
  const ids = [...plan.achievements.filter((x) => x.key === a.key).map((x) => x.id)];
  return refusal(
    "EAMBIGUOUSKEY",
    `achievements ${ids.join(" and ")} of ${plan.id} share the key ${a.key}, so their files cannot be told apart; refusing to write for ${a.id}`,
    "renumber one of them in the plan file",
    { action: "open", plan: plan.id },
  );
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

function twoDigits(n: number): string {
  return String(n).padStart(2, "0");
}

export function subplanDocument(plan: Plan, a: Achievement, nowMs: number): Result<NewDocument> {
  if (a.subplan !== null) {
    return refusal("EEXIST", `achievement ${a.id} of ${plan.id} already has a SUBPLAN: ${a.subplan}`, "plandash never overwrites; edit it instead", { action: "open", plan: plan.id, achievement: a.id });
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
  return { ok: true, value: { kind: "subplan", rel, content: lines.join("\n"), numbered: false } };
}

/** `skip`: attempt numbers after the next one that another writer has taken meanwhile. */
export function executionDocument(plan: Plan, a: Achievement, nowMs: number, skip = 0): Result<NewDocument> {
  if (a.subplan === null) {
    return refusal("ENOSUBPLAN", `achievement ${a.id} of ${plan.id} has no SUBPLAN yet`, "create it first", { action: "create-subplan", plan: plan.id, achievement: a.id });
  }
  const attempt = nextAttempt(a.executions) + skip;
  if (!countable(attempt)) return tooLarge(plan, a, "attempt", a.executions[a.executions.length - 1]?.file ?? "");
  const rel = joinRel(plan.id, ROLE_FOLDERS.execution, documentNames.execution(plan.name, a.key, attempt));
  const lines = [
    ...header("EXECUTION_TASK", plan, a, [
      ["Status", "In Progress"],
      ["Attempt", twoDigits(attempt)],
      ["Subplan", a.subplan],
      ["Created", formatUtc(nowMs)],
      ["File Location", rel],
    ]),
    ...sections([
      ["Log", `- ${formatUtc(nowMs)}: started.`],
      ["Result", "What changed and how it was verified. Set **Status**: Complete above when done."],
    ]),
  ];
  return { ok: true, value: { kind: "execution", rel, content: lines.join("\n"), numbered: true } };
}

function latestExecutionOrRefuse(plan: Plan, a: Achievement, verb: string): Result<string> {
  const latest = a.executions[a.executions.length - 1];
  if (latest !== undefined) return { ok: true, value: latest.file };
  return a.subplan === null
    ? refusal("ENOEXEC", `achievement ${a.id} of ${plan.id} has no EXECUTION_TASK to ${verb}`, "start it first", { action: "create-subplan", plan: plan.id, achievement: a.id })
    : refusal("ENOEXEC", `achievement ${a.id} of ${plan.id} has no EXECUTION_TASK to ${verb}`, "execute it first", { action: "create-execution", plan: plan.id, achievement: a.id });
}

export function approvalDocument(plan: Plan, a: Achievement, review: ReviewInput, nowMs: number): Result<NewDocument> {
  const reviewed = latestExecutionOrRefuse(plan, a, "approve");
  if (!reviewed.ok) return reviewed;
  const rel = documentPaths(plan, a).approval;
  if (a.feedback.approved !== null) {
    return refusal("EEXIST", `achievement ${a.id} of ${plan.id} is already approved: ${a.feedback.approved}`, "plandash never overwrites; nothing more to do here");
  }
  const lines = [
    ...header("APPROVED", plan, a, [
      ["Reviewer", review.reviewer],
      ["Date", formatUtc(nowMs)],
      ["Reviewed", reviewed.value],
      ["File Location", rel],
    ]),
    ...sections([["Summary", review.message?.trim() || "Approved."]]),
  ];
  return { ok: true, value: { kind: "approval", rel, content: lines.join("\n"), numbered: false } };
}

/**
 * A FIX request opens the next review round (SPEC §1.4, §7): `FIX_<key>.md` first, then
 * `FIX_<key>_02.md` once round 1 is resolved, and so on. Refused while the latest round still waits
 * for its resolution. `skip`: round numbers another writer has taken meanwhile.
 */
export function fixDocument(plan: Plan, a: Achievement, review: ReviewInput, nowMs: number, skip = 0): Result<NewDocument> {
  if (review.message !== null && review.message.trim() === "") {
    return refusal("EUSAGE", `the note of a FIX request for ${a.id} of ${plan.id} is empty`, "say what needs fixing");
  }
  const reviewed = latestExecutionOrRefuse(plan, a, "review");
  if (!reviewed.ok) return reviewed;
  if (a.feedback.approved !== null) {
    // APPROVED wins over FIX (SPEC §2.1): a FIX written now would change nothing anyone sees.
    return refusal("EEXIST", `achievement ${a.id} of ${plan.id} is already approved: ${a.feedback.approved}`, "to reopen it, remove the APPROVED file first, then ask for fixes");
  }
  const next = nextRound(a);
  if (next === null) {
    return refusal(
      "EEXIST",
      `achievement ${a.id} of ${plan.id} already has a FIX request waiting for its resolution: ${a.feedback.fix ?? ""}`,
      "plandash never overwrites; add your points to it",
      { action: "open", plan: plan.id, achievement: a.id },
    );
  }
  const round = next + skip;
  if (!countable(round)) return tooLarge(plan, a, "round", a.feedback.fix ?? a.feedback.resolution ?? "");
  const rel = joinRel(plan.id, ROLE_FOLDERS.feedback, documentNames.fix(a.key, round));
  const resolution = joinRel(plan.id, ROLE_FOLDERS.feedback, documentNames.resolution(a.key, round));
  const lines = [
    ...header("FIX", plan, a, [
      ["Reviewer", review.reviewer],
      ["Date", formatUtc(nowMs)],
      ["Reviewed", reviewed.value],
      ...(round > 1 ? ([["Round", String(round)]] as [string, string][]) : []),
      ["File Location", rel],
    ]),
    ...sections([
      ["What to fix", review.message?.trim() ?? "- …"],
      ["Resolution", `Write ${resolution} saying, for each point above, what changed and how it was verified.`],
    ]),
  ];
  return { ok: true, value: { kind: "fix", rel, content: lines.join("\n"), numbered: true } };
}
