/** Attention signals (SPEC §8 `notify`) as the dashboard and `watch --notify` start them. */
import { realProcessRunner } from "../ports";
import type { Engine } from "../live/engine";
import { describeMethod, type NotifyMethod } from "../notify/method";
import { notifyMethodFor, startNotifier } from "../notify/notifier";
import { PlandashError } from "../util/errors";
import { NOTIFY_MODES, type Config, type NotifyMode } from "../workspace/config";
import type { CommandContext } from "./command";

/**
 * `watch --notify[=bell|desktop]`: a bare flag takes the config's method, and rings the bell when
 * the config says off (the flag asked for signals). Without the flag, watch never signals.
 */
export function watchNotifyMode(flag: string | undefined, config: Config): NotifyMode {
  if (flag === undefined) return "off";
  if (flag === "") return config.notify === "off" ? "bell" : config.notify;
  if (flag === "bell" || flag === "desktop") return flag;
  throw new PlandashError("EUSAGE", `--notify=${flag}: say bell or desktop`, { where: "plandash watch", hint: `one of ${NOTIFY_MODES.filter((m) => m !== "off").join(", ")}, or --notify alone for the config's notify` });
}

/**
 * Signals for the changes `engine` publishes from now on, written to the terminal on stdout or
 * sent with notify-send. `warnUnavailable`: say on stderr when nothing here can carry them.
 */
export function startAttentionSignals(ctx: CommandContext, mode: NotifyMode, engine: Pick<Engine, "subscribe">, warnUnavailable: boolean): () => void {
  const runner = realProcessRunner(ctx.ports.env);
  const method = notifyMethodFor(mode, ctx.stdout.isTTY, ctx.ports.env, runner);
  if (method.kind === "none" && warnUnavailable) ctx.stderr.write(`plandash: warning: notify ${mode}: ${describeMethod(method)}; no signals will be given\n`);
  return startNotifier(engine, { clock: ctx.ports.clock, method, terminal: ctx.ports.terminal, runner });
}

function methodName(m: NotifyMethod): string {
  return m.kind === "terminal" ? m.signal : m.kind;
}

/** What `doctor` says: the method a dashboard (always on a terminal) and a `watch --notify` in a pipe would use. */
export function notifyReport(ctx: CommandContext, mode: NotifyMode): { readonly json: unknown; readonly text: string } {
  const runner = realProcessRunner(ctx.ports.env);
  const onTerminal = notifyMethodFor(mode, true, ctx.ports.env, runner);
  const withoutTerminal = notifyMethodFor(mode, false, ctx.ports.env, runner);
  const json = {
    mode,
    onTerminal: { method: methodName(onTerminal), says: describeMethod(onTerminal) },
    withoutTerminal: { method: methodName(withoutTerminal), says: describeMethod(withoutTerminal) },
  };
  const text = mode === "off"
    ? "off (config notify: bell or desktop turns it on; `watch --notify` rings the bell)"
    : `${mode} — on a terminal (the dashboard, watch --notify): ${describeMethod(onTerminal)}; without one (watch --notify in a pipe): ${describeMethod(withoutTerminal)}`;
  return { json, text };
}
