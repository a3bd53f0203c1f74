/**
 * Opening a document (SPEC §7 "Open"): which file, and which editor. The editor is `$VISUAL`,
 * else `$EDITOR`, else config `editor`; a command line such as `code --wait` works because it
 * runs through `sh -c`, as git runs its editor. Handing the terminal over is the caller's job:
 * the CLI inherits it, the dashboard restores its screen afterwards.
 */
import type { Plan } from "../core/types";
import type { Env } from "../ports";
import type { Result } from "../util/errors";
import { findAchievement } from "./create-doc";
import { refusal } from "./refusal";
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
 * feedback (APPROVED, else the latest round's FIX resolution, else its FIX), else its latest
 * EXECUTION_TASK, else its SUBPLAN. Refused (ENOACH, ENOSUBPLAN) as a value.
 */
export function documentToOpen(plan: Plan, achievementId: string | undefined): Result<string> {
  if (achievementId === undefined) return { ok: true, value: plan.planFile };
  const found = findAchievement(plan, achievementId);
  if (!found.ok) return found;
  const a = found.value;
  const newest =
    a.feedback.approved ?? a.feedback.resolution ?? a.feedback.fix ?? a.executions[a.executions.length - 1]?.file ?? a.subplan;
  if (newest !== null) return { ok: true, value: newest };
  return refusal("ENOSUBPLAN", `achievement ${a.id} of ${plan.id} has no document yet`, "create its SUBPLAN, or open the plan file", {
    action: "create-subplan",
    plan: plan.id,
    achievement: a.id,
  });
}

/** argv that runs the editor command line on `file` (the file passed as "$1", never re-parsed by the shell). */
export function editorArgv(command: string, file: string): string[] {
  return [SHELL, "-c", `${command} "$@"`, command, file];
}

/** Runs the editor with the terminal handed over and waits for it to exit. */
/**
 * Runs the editor with the terminal handed over and waits for it to exit. With `signal`, a stop
 * of plandash (SIGTERM) is passed on to the editor; SIGINT and SIGHUP it already got from the terminal.
 */
export function runEditor(runner: ProcessRunner, editor: EditorChoice, absFile: string, signal?: AbortSignal): Promise<RunResult> {
  return runner.run(editorArgv(editor.command, absFile), {
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
    ...(signal === undefined ? {} : { signal, alreadyDelivered: ["SIGINT", "SIGHUP"] }),
  });
}
