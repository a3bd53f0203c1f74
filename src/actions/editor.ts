/**
 * Opening a document (SPEC §7 "Open"): which file, and which editor. The editor is `$VISUAL`,
 * else `$EDITOR`, else config `editor`; a command line such as `code --wait` works because it
 * runs through `sh -c`, as git runs its editor. Handing the terminal over is the caller's job:
 * the CLI inherits it, the dashboard restores its screen afterwards.
 */
import type { Plan } from "../core/types";
import type { Env } from "../ports";
import { PlandashError } from "../util/errors";
import { findAchievement } from "./create-doc";
import { SHELL, type ProcessRunner, type RunResult } from "./process";

export interface EditorChoice {
  readonly command: string;
  readonly source: "VISUAL" | "EDITOR" | "config";
}

export function chooseEditor(env: Env, configEditor: string | null): EditorChoice | null {
  const visual = env.VISUAL?.trim();
  if (visual) return { command: visual, source: "VISUAL" };
  const editor = env.EDITOR?.trim();
  if (editor) return { command: editor, source: "EDITOR" };
  const configured = configEditor?.trim();
  if (configured) return { command: configured, source: "config" };
  return null;
}

/**
 * Relative to the plans root: the plan file, or the achievement's newest document — its
 * feedback (APPROVED, else the FIX resolution, else the FIX), else its latest EXECUTION_TASK,
 * else its SUBPLAN. ENOACH for an unknown id; ENOEXEC-like refusal when it has no document yet.
 */
export function documentToOpen(plan: Plan, achievementId: string | undefined): string {
  if (achievementId === undefined) return plan.planFile;
  const a = findAchievement(plan, achievementId);
  const newest =
    a.feedback.approved ?? a.feedback.resolution ?? a.feedback.fix ?? a.executions[a.executions.length - 1]?.file ?? a.subplan;
  if (newest !== null) return newest;
  throw new PlandashError("ENOSUBPLAN", `achievement ${a.id} of ${plan.id} has no document yet`, {
    hint: `create its SUBPLAN with \`plandash new subplan ${plan.id} ${a.id}\`, or open the plan file with \`plandash open ${plan.id}\``,
  });
}

/** argv that runs the editor command line on `file` (the file passed as "$1", never re-parsed by the shell). */
export function editorArgv(command: string, file: string): string[] {
  return [SHELL, "-c", `${command} "$@"`, command, file];
}

/** Runs the editor with the terminal handed over and waits for it to exit. */
export function runEditor(runner: ProcessRunner, editor: EditorChoice, absFile: string): Promise<RunResult> {
  return runner.run(editorArgv(editor.command, absFile), { stdin: "inherit", stdout: "inherit", stderr: "inherit" });
}
