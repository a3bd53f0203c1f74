/**
 * Carrying out what the reducer asks for: actions on files, prompts, the agent and the editor.
 * Every outcome comes back as an event (a footer message, a prompt screen); nothing here ends
 * the dashboard, and every write is followed by a read of that plan (read-your-writes, SPEC §4).
 */
import * as path from "node:path";
import { runAgent } from "../actions/agent";
import type { ActionKind } from "../actions/availability";
import { copyToClipboard } from "../actions/clipboard";
import { createExecution, createSubplan, writeReview, type ActionDeps } from "../actions/document-actions";
import { chooseEditor, documentToOpen, runEditor } from "../actions/editor";
import { nextStepPrompt } from "../actions/next";
import type { ProcessRunner } from "../actions/process";
import { resolveReviewer } from "../actions/reviewer";
import type { Plan } from "../core/types";
import type { Clock, Env, FsPort } from "../ports";
import { isPlandashError, type PlandashError, type Suggestion } from "../util/errors";
import type { Tone } from "./app-state";
import type { Prompter } from "./prompter";
import type { AppEvent } from "./reduce";
import { clockTime } from "./time";

export interface ActionEnv {
  readonly fs: FsPort;
  readonly root: string;
  readonly clock: Clock;
  readonly staleExecutionDays: number;
  readonly runner: ProcessRunner;
  readonly env: Env;
  readonly cwd: string;
  readonly agentCommand: string | null;
  readonly editor: string | null;
  /** plandash's stop (SIGTERM…): passed on to the editor or the agent while it owns the terminal. */
  readonly signal: AbortSignal;
}

/** What the loop lends an effect: its events, the engine's re-read, a prompt, the terminal. */
export interface EffectControls {
  dispatch(event: AppEvent): void;
  plan(planId: string): Plan | undefined;
  refreshPlan(planId: string): Promise<unknown>;
  ask(question: (prompter: Prompter) => Promise<string | null>, height: number): Promise<string | null>;
  /** Leaves the screen, runs `fn` with the real terminal, takes the screen back. */
  handOver<T>(fn: () => Promise<T>): Promise<T>;
  /** Writes to the terminal as it is (OSC 52). */
  writeTerminal(sequence: string): void;
  /** Why writes are off, or null. */
  readOnly(): string | null;
}

function say(c: EffectControls, env: ActionEnv, text: string, tone: Tone): void {
  c.dispatch({ type: "message", text, tone, at: env.clock.now() });
}

/** The dashboard's wording of a suggestion: the key that takes that step (the CLI words it as a command). */
const SUGGESTED_KEYS: Readonly<Record<Suggestion["action"], string | null>> = {
  "create-subplan": "s",
  "create-execution": "e",
  approve: "a",
  "request-fix": "f",
  next: "n",
  open: "o",
  status: null,
};

function refusal(error: PlandashError): string {
  const key = error.suggestion === undefined ? null : SUGGESTED_KEYS[error.suggestion.action];
  const press = key === null ? "" : `press ${key}`;
  const hint = error.hint === undefined ? press : press === "" ? error.hint : `${error.hint}: ${press}`;
  return hint === "" ? error.message : `${error.message} — ${hint}`;
}

function actionDeps(env: ActionEnv, c: EffectControls): ActionDeps {
  return { fs: env.fs, root: env.root, nowMs: env.clock.now(), staleExecutionDays: env.staleExecutionDays, readOnly: c.readOnly() };
}

function promptFor(env: ActionEnv, c: EffectControls, planId: string, achievementId: string): { text: string; step: import("../core/types").Step } | string {
  const plan = c.plan(planId);
  if (plan === undefined) return `plan ${planId} is gone`;
  const built = nextStepPrompt({ fs: env.fs, root: env.root }, plan, achievementId);
  if (!built.ok) return refusal(built.error);
  if (built.value === null) return `${achievementId} is approved: there is no next step`;
  return { text: built.value.prompt, step: built.value.step };
}

async function afterWrite(env: ActionEnv, c: EffectControls, planId: string, result: { ok: true; value: { written: { rel: string } } } | { ok: false; error: PlandashError }): Promise<void> {
  if (!result.ok) {
    say(c, env, refusal(result.error), "warn");
    return;
  }
  await c.refreshPlan(planId);
  say(c, env, `✓ wrote ${result.value.written.rel}`, "good");
}

/** The prompt screen of this achievement, built again from the plan as it is now. */
export function rebuildPrompt(env: ActionEnv, c: EffectControls, planId: string, achievementId: string): void {
  const p = promptFor(env, c, planId, achievementId);
  if (typeof p === "string") return say(c, env, p, "info");
  c.dispatch({ type: "show-prompt", planId, achievementId, step: p.step, text: p.text });
}

/** `shown`: the prompt text on screen, used as it is by copy and run-agent. */
export async function runAction(env: ActionEnv, c: EffectControls, action: ActionKind, planId: string, achievementId: string, shown?: string): Promise<void> {
  try {
    await dispatchAction(env, c, action, planId, achievementId, shown);
  } catch (error) {
    // An action never ends the dashboard: an OS refusal (EACCES, ENOSPC) is said in the footer.
    if (isPlandashError(error)) say(c, env, refusal(error), "error");
    else say(c, env, `${action} failed: ${error instanceof Error ? error.message : String(error)}`, "error");
  }
}

async function dispatchAction(env: ActionEnv, c: EffectControls, action: ActionKind, planId: string, achievementId: string, shown?: string): Promise<void> {
  // What the user sees is what is copied or handed over; elsewhere the prompt is built now.
  const prompt = (): ReturnType<typeof promptFor> => {
    const built = promptFor(env, c, planId, achievementId);
    return shown === undefined || typeof built === "string" ? built : { ...built, text: shown };
  };
  switch (action) {
    case "next-prompt": {
      const p = promptFor(env, c, planId, achievementId);
      if (typeof p === "string") return say(c, env, p, "warn");
      c.dispatch({ type: "show-prompt", planId, achievementId, step: p.step, text: p.text });
      return;
    }
    case "copy": {
      const p = prompt();
      if (typeof p === "string") return say(c, env, p, "warn");
      const outcome = await copyToClipboard(p.text, { isTTY: true, writeTerminal: (s) => c.writeTerminal(s), runner: env.runner });
      if (outcome.via.length === 0) return say(c, env, `could not copy: ${outcome.notes.join("; ")}`, "warn");
      return say(c, env, `✓ copied the ${p.step} prompt for ${achievementId} (${outcome.via.join(", ")})`, "good");
    }
    case "run-agent": {
      const p = prompt();
      if (typeof p === "string") return say(c, env, p, "warn");
      if (env.agentCommand === null) return say(c, env, "no agentCommand is configured (see plandash next --help)", "warn");
      const command = env.agentCommand;
      const run = await c.handOver(() => runAgent({ runner: env.runner, fs: env.fs }, command, p.text, { signal: env.signal, sharesTerminal: true }));
      await c.refreshPlan(planId);
      if (run.spawnError !== null) return say(c, env, `the agent could not start (${run.spawnError})`, "error");
      return say(c, env, `agent ${run.exitCode === 0 ? "finished" : `ended with ${run.signal ?? `exit ${run.exitCode}`}`} at ${clockTime(env.clock.now())}`, run.exitCode === 0 ? "good" : "warn");
    }
    case "new-subplan":
      return afterWrite(env, c, planId, createSubplan(actionDeps(env, c), planId, achievementId));
    case "new-execution":
      return afterWrite(env, c, planId, createExecution(actionDeps(env, c), planId, achievementId));
    case "approve": {
      const reviewer = await resolveReviewer(undefined, { runner: env.runner, env: env.env, cwd: env.cwd });
      return afterWrite(env, c, planId, writeReview(actionDeps(env, c), planId, achievementId, "approve", { reviewer, message: null }));
    }
    case "request-fix": {
      const note = await c.ask((p) => p.text({ message: `What should be fixed in ${achievementId}? (Esc cancels)`, placeholder: "the points to fix", required: "say what should be fixed" }), 5);
      if (note === null) return say(c, env, "fix request cancelled; nothing written", "info");
      const reviewer = await resolveReviewer(undefined, { runner: env.runner, env: env.env, cwd: env.cwd });
      return afterWrite(env, c, planId, writeReview(actionDeps(env, c), planId, achievementId, "fix", { reviewer, message: note.trim() }));
    }
    case "open-editor": {
      const plan = c.plan(planId);
      if (plan === undefined) return say(c, env, `plan ${planId} is gone`, "warn");
      // An achievement with no document yet opens its plan file, where it is defined.
      const doc = documentToOpen(plan, achievementId);
      const rel = doc.ok ? doc.value : plan.planFile;
      const abs = path.join(env.root, ...rel.split("/"));
      const editor = chooseEditor(env.env, env.editor);
      if (editor === null) return say(c, env, `no editor set ($VISUAL, $EDITOR or config editor); the file is ${abs}`, "info");
      const run = await c.handOver(() => runEditor(env.runner, editor, abs, env.signal));
      await c.refreshPlan(planId);
      if (run.spawnError !== null) return say(c, env, `the editor could not start (${run.spawnError})`, "error");
      if (run.exitCode !== 0) return say(c, env, `the editor ${run.signal === null ? `exited with ${run.exitCode}` : `was ended by ${run.signal}`} (${rel})`, "warn");
      return say(c, env, `edited ${rel}`, "info");
    }
  }
}
