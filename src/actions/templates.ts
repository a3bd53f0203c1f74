/**
 * Prompt templates, one per next step (SPEC §7). Built in; a workspace overrides one with
 * `<plans root>/.plandash/prompts/<step>.md`.
 *
 * Placeholders are `{name}`; only the names in PLACEHOLDERS are replaced, anything else in braces
 * (code in a template, JSON) is left as written.
 */
import * as path from "node:path";
import type { Step } from "../core/types";
import type { FsPort } from "../ports";
import { NOT_REGULAR, osErrorCode } from "../util/errors";

export const STEPS: readonly Step[] = ["create-subplan", "create-execution", "continue-execution", "address-fix", "review"];

/** Every placeholder a template may use, with what it becomes. Paths are absolute. */
export const PLACEHOLDERS = {
  plan: "the plan's name (PLAN_<name>.md)",
  planId: "the plan's id: its folder relative to the plans root",
  achievement: "the achievement id, e.g. 1.2",
  key: "the achievement key used in file names, e.g. 12",
  title: "the achievement's title",
  step: "the step: create-subplan, create-execution, continue-execution, address-fix or review",
  root: "the plans root",
  planDir: "the plan's folder",
  planFile: "the PLAN file",
  subplanFile: "the SUBPLAN (the existing one, else where it is to be created)",
  executionFile: "the latest EXECUTION_TASK, or “(none yet)”",
  nextExecutionFile: "where the next EXECUTION_TASK attempt goes",
  fixFile: "the latest review round's FIX request (existing, else where a reviewer writes it)",
  nextFixFile: "where a new FIX request goes: the next round's file once the latest round is resolved (FIX_<key>_02.md …)",
  resolutionFile: "the latest review round's FIX resolution (existing, else where it is to be written)",
  approvedFile: "the APPROVED file (where a reviewer writes it)",
  files: "a bullet list of the plan file and the achievement's existing documents",
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;
export type TemplateValues = Readonly<Record<Placeholder, string>>;

const INTRO = 'You are working on the plan "{plan}" (plan file: {planFile}), Achievement {achievement}: {title}.';

const KEEP_HEADER =
  "Keep the header fields of the methodology at the top of every document you write (Type, Plan, Achievement, Status, Created in UTC, File Location).";

export const BUILTIN_TEMPLATES: Readonly<Record<Step, string>> = {
  "create-subplan": `${INTRO}

Next step: write the SUBPLAN for this achievement. Do not implement anything yet.

Read first:
{files}

1. Read the plan file, especially the section of Achievement {achievement}, and what it links to.
2. Create {subplanFile}
   (\`plandash new subplan {planId} {achievement}\` writes it with the header filled in).
3. In it: the goal of the achievement, the approach step by step, the files you expect to change,
   the risks, and how the result will be verified (tests to add or run).
4. ${KEEP_HEADER}
5. Stop when the SUBPLAN is written.
`,
  "create-execution": `${INTRO}

Next step: carry out the SUBPLAN of this achievement.

Read first:
{files}

1. Create the EXECUTION_TASK {nextExecutionFile}
   (\`plandash new execution {planId} {achievement}\` writes it with **Status**: In Progress).
2. Do the work the SUBPLAN {subplanFile} describes. Log what you do and decide in the EXECUTION_TASK as you go.
3. Verify the result as the SUBPLAN says (run the tests).
4. When it is done and verified, set the header to **Status**: Complete and end with a short summary of
   what changed and how it was verified.
`,
  "continue-execution": `${INTRO}

Next step: continue the execution that is in progress.

Read first:
{files}

1. The latest EXECUTION_TASK is {executionFile}; it is not complete yet. Read its log to see where it stopped.
2. Continue the work of the SUBPLAN {subplanFile} from there, logging in the same EXECUTION_TASK.
3. Verify the result as the SUBPLAN says (run the tests).
4. When it is done and verified, set its header to **Status**: Complete and end with a short summary.
`,
  "address-fix": `${INTRO}

Next step: address the reviewer's FIX request.

Read first:
{files}

1. Read the FIX request {fixFile}: every point in it must be addressed.
2. Make the changes (the latest execution is {executionFile}; the SUBPLAN is {subplanFile}) and verify them.
3. Write {resolutionFile}: for each point of the FIX, what you changed and how you verified it.
`,
  review: `${INTRO}

Next step: review the work on this achievement.

Read first:
{files}

1. Check the latest execution {executionFile} against the SUBPLAN {subplanFile} and the plan:
   is the goal met, is it verified (tests run and passing), is anything missing or wrong?
2. If a FIX request and its resolution exist, check that every point of the FIX was addressed.
3. Then write exactly one verdict:
   - approve: {approvedFile}
     (\`plandash review {planId} {achievement} --approve --message "…"\`), or
   - ask for changes: {nextFixFile}, listing each change needed
     (\`plandash review {planId} {achievement} --fix --message "…"\`).
`,
};

export interface LoadedTemplate {
  readonly step: Step;
  readonly text: string;
  /** "built-in", or the absolute path of the override that was used. */
  readonly source: string;
  /** Set when an override exists but could not be read (the built-in is used then). */
  readonly warning: string | null;
}

export function overridePath(root: string, step: Step): string {
  return path.join(root, ".plandash", "prompts", `${step}.md`);
}

const TEMPLATE_CAP_BYTES = 256 * 1024;

/** The workspace override for `step` when there is one, else the built-in template. */
export function loadTemplate(fs: FsPort, root: string, step: Step): LoadedTemplate {
  const file = overridePath(root, step);
  try {
    const text = new TextDecoder().decode(fs.readFile(file, TEMPLATE_CAP_BYTES).bytes);
    return { step, text, source: file, warning: null };
  } catch (error) {
    const code = osErrorCode(error) ?? "EIO";
    // ENOENT / ENOTDIR: no override for this step, the usual case.
    const why = code === NOT_REGULAR ? "not a regular file" : code;
    const warning = code === "ENOENT" || code === "ENOTDIR" ? null : `cannot read prompt template ${file} (${why}); using the built-in one`;
    return { step, text: BUILTIN_TEMPLATES[step], source: "built-in", warning };
  }
}

/** Replaces every known `{placeholder}`; unknown names in braces stay as written. */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name as Placeholder] : whole));
}
