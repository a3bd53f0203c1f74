/**
 * Attention signals wired to the live engine: every published change goes through
 * `attentionsIn`, the batcher coalesces them, and each batch becomes one signal by the chosen
 * method. Only changes published after it starts are seen, so the first snapshot never signals.
 */
import type { ProcessRunner } from "../actions/process";
import { sanitize } from "../core/sanitize";
import type { EngineEvent } from "../live/engine";
import type { Clock, Env, TerminalPort } from "../ports";
import type { NotifyMode } from "../workspace/config";
import { attentionsIn, attentionText, createAttentionBatcher, type Attention } from "./attention";
import { chooseNotifyMethod, terminalBytes, type NotifyMethod } from "./method";

/** A notification daemon that does not answer must not pile up processes. */
export const NOTIFY_SEND_TIMEOUT_MS = 5_000;

export interface NotifierDeps {
  readonly clock: Clock;
  readonly method: NotifyMethod;
  readonly terminal: Pick<TerminalPort, "write">;
  readonly runner: ProcessRunner;
}

/** The method for `mode` here: the terminal is stdout, notify-send is looked up on PATH. */
export function notifyMethodFor(mode: NotifyMode, isTTY: boolean, env: Env, runner: Pick<ProcessRunner, "which">): NotifyMethod {
  return chooseNotifyMethod({ mode, isTTY, env, notifySend: mode === "desktop" && !isTTY ? runner.which("notify-send") : null });
}

function signal(deps: NotifierDeps, batch: readonly Attention[]): void {
  const { method } = deps;
  if (method.kind === "terminal") deps.terminal.write(terminalBytes(method.signal, attentionText(batch)));
  if (method.kind === "notify-send") {
    // An argv, never a shell line: plan names come from folder names.
    const argv = [method.path, "--app-name=plandash", "plandash", sanitize(attentionText(batch))];
    // A failing notify-send (no notification daemon) costs the signal, nothing else.
    void deps.runner.run(argv, { stdin: "ignore", stdout: "ignore", stderr: "ignore", timeoutMs: NOTIFY_SEND_TIMEOUT_MS }).catch(() => {});
  }
}

/** Starts signalling; returns the stop (idempotent). With the method `off` or `none` nothing is subscribed. */
export function startNotifier(engine: { subscribe(listener: (event: EngineEvent) => void): () => void }, deps: NotifierDeps): () => void {
  if (deps.method.kind === "off" || deps.method.kind === "none") return () => {};
  const batcher = createAttentionBatcher(deps.clock, (batch) => signal(deps, batch));
  const unsubscribe = engine.subscribe((event) => {
    if (event.type === "update") batcher.push(attentionsIn(event.diff));
  });
  return () => {
    unsubscribe();
    batcher.stop();
  };
}
