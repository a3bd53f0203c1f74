/**
 * How an attention signal reaches the person, decided from facts (pure): `bell` rings the
 * terminal (BEL); `desktop` asks the terminal for a desktop notification (OSC 9, or OSC 777 on
 * the terminals that read that one instead) and, with no terminal to ask, runs `notify-send`
 * when it is installed. Terminals that do not know an OSC sequence ignore it.
 */
import { sanitize } from "../core/sanitize";
import type { Env } from "../ports";
import type { NotifyMode } from "../workspace/config";

export type TerminalSignal = "bell" | "osc9" | "osc777";

export type NotifyMethod =
  | { readonly kind: "off" }
  | { readonly kind: "terminal"; readonly signal: TerminalSignal; readonly why: string }
  | { readonly kind: "notify-send"; readonly path: string }
  /** Asked for, but nothing here can carry it. */
  | { readonly kind: "none"; readonly why: string };

export interface NotifyFacts {
  readonly mode: NotifyMode;
  /** The terminal the signal would be written to (stdout) is a TTY. */
  readonly isTTY: boolean;
  readonly env: Env;
  /** The path of notify-send on PATH, or null. */
  readonly notifySend: string | null;
}

/**
 * Terminals that show OSC 777 (`notify;title;body`) and not OSC 9: foot, rxvt-unicode (its notify
 * extension) and VTE-based ones (GNOME Terminal, Tilix: VTE_VERSION is set). iTerm2, WezTerm,
 * kitty, Ghostty and others show OSC 9. Only one is written, so a terminal that knows both does
 * not show the notification twice.
 */
export function osc777Reason(env: Env): string | null {
  const term = env.TERM ?? "";
  if (env.TERM_PROGRAM !== undefined && env.TERM_PROGRAM !== "") return null;
  if (term.startsWith("foot")) return `TERM=${term}`;
  if (term.startsWith("rxvt-unicode")) return `TERM=${term}`;
  if (env.VTE_VERSION !== undefined && env.VTE_VERSION !== "") return `VTE_VERSION=${env.VTE_VERSION}`;
  return null;
}

export function chooseNotifyMethod(facts: NotifyFacts): NotifyMethod {
  const { mode, isTTY, env } = facts;
  if (mode === "off") return { kind: "off" };
  if (mode === "bell") return isTTY ? { kind: "terminal", signal: "bell", why: "BEL to the terminal" } : { kind: "none", why: "a bell needs a terminal on stdout" };
  if (isTTY) {
    const via777 = osc777Reason(env);
    if (via777 !== null) return { kind: "terminal", signal: "osc777", why: `OSC 777 to the terminal (${via777})` };
    const who = env.TERM_PROGRAM ? `TERM_PROGRAM=${env.TERM_PROGRAM}` : `TERM=${env.TERM ?? "(unset)"}`;
    return { kind: "terminal", signal: "osc9", why: `OSC 9 to the terminal (${who})` };
  }
  if (facts.notifySend !== null) return { kind: "notify-send", path: facts.notifySend };
  return { kind: "none", why: "no terminal on stdout and no notify-send on PATH" };
}

/** What the method does, in a few words (doctor, debug). */
export function describeMethod(method: NotifyMethod): string {
  switch (method.kind) {
    case "off":
      return "off";
    case "terminal":
      return method.why;
    case "notify-send":
      return `notify-send (${method.path})`;
    case "none":
      return `nothing (${method.why})`;
  }
}

/** Body text for inside an OSC sequence: no control characters (they would end it early) and no `;` (777's separator). */
function oscText(text: string): string {
  return sanitize(text).replaceAll(";", ",").slice(0, 200);
}

/** The bytes a terminal signal writes. */
export function terminalBytes(signal: TerminalSignal, text: string): string {
  switch (signal) {
    case "bell":
      return "\x07";
    case "osc9":
      return `\x1b]9;plandash: ${oscText(text)}\x07`;
    case "osc777":
      return `\x1b]777;notify;plandash;${oscText(text)}\x07`;
  }
}
