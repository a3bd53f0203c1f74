/**
 * The key table: every key the dashboard answers, as data. Dispatch looks keys up here and the
 * `?` screen is generated from it, so the help can never disagree with what the keys do
 * (lazygit's keybindings-as-data).
 */

import type { ActionKind } from "../actions/availability";

export type ScreenKind = "workspace" | "plan" | "prompt" | "help";

export type Command =
  | "up"
  | "down"
  | "page-up"
  | "page-down"
  | "top"
  | "bottom"
  | "open"
  | "back"
  | "quit"
  | "refresh"
  | "redraw"
  | "help"
  | "filter"
  | "take-lock"
  | "next-prompt"
  | "copy"
  | "run-agent"
  | "new-subplan"
  | "new-execution"
  | "approve"
  | "request-fix"
  | "open-editor";

export interface Binding {
  readonly keys: readonly string[];
  /** How the keys are written in the help, e.g. "↑/k". */
  readonly label: string;
  readonly command: Command;
  readonly help: string;
  readonly screens: readonly ScreenKind[];
  /** An action on the selected achievement: listed in the plan screen's menu (`short` in its one-line form). */
  readonly action?: { readonly kind: ActionKind; readonly short: string };
}

const LISTS: readonly ScreenKind[] = ["workspace", "plan"];
const SCROLLING: readonly ScreenKind[] = ["workspace", "plan", "prompt", "help"];
const ACHIEVEMENT: readonly ScreenKind[] = ["plan"];
const PROMPT: readonly ScreenKind[] = ["plan", "prompt"];

export const BINDINGS: readonly Binding[] = [
  { keys: ["up", "k"], label: "↑/k", command: "up", help: "move up", screens: SCROLLING },
  { keys: ["down", "j"], label: "↓/j", command: "down", help: "move down", screens: SCROLLING },
  { keys: ["pageup"], label: "PgUp", command: "page-up", help: "one page up", screens: SCROLLING },
  { keys: ["pagedown", " "], label: "PgDn/Space", command: "page-down", help: "one page down", screens: SCROLLING },
  { keys: ["g", "home"], label: "g/Home", command: "top", help: "first row", screens: SCROLLING },
  { keys: ["G", "end"], label: "G/End", command: "bottom", help: "last row", screens: SCROLLING },
  { keys: ["enter"], label: "Enter", command: "open", help: "open the plan / the actions of the achievement", screens: LISTS },
  { keys: ["/"], label: "/", command: "filter", help: "filter plans by name (Enter keeps it, Esc clears it)", screens: ["workspace"] },
  { keys: ["n"], label: "n", command: "next-prompt", help: "next-step prompt", screens: ACHIEVEMENT, action: { kind: "next-prompt", short: "prompt" } },
  { keys: ["c"], label: "c", command: "copy", help: "copy the next-step prompt", screens: PROMPT, action: { kind: "copy", short: "copy" } },
  { keys: ["x"], label: "x", command: "run-agent", help: "run agentCommand with the prompt", screens: PROMPT, action: { kind: "run-agent", short: "agent" } },
  { keys: ["s"], label: "s", command: "new-subplan", help: "create the SUBPLAN", screens: ACHIEVEMENT, action: { kind: "new-subplan", short: "subplan" } },
  { keys: ["e"], label: "e", command: "new-execution", help: "create the next EXECUTION_TASK", screens: ACHIEVEMENT, action: { kind: "new-execution", short: "execution" } },
  { keys: ["a"], label: "a", command: "approve", help: "approve (write APPROVED)", screens: ACHIEVEMENT, action: { kind: "approve", short: "approve" } },
  { keys: ["f"], label: "f", command: "request-fix", help: "request a fix (asks for the note)", screens: ACHIEVEMENT, action: { kind: "request-fix", short: "fix" } },
  { keys: ["o"], label: "o", command: "open-editor", help: "open the newest document in the editor", screens: ACHIEVEMENT, action: { kind: "open-editor", short: "open" } },
  { keys: ["r"], label: "r", command: "refresh", help: "refresh now", screens: SCROLLING },
  { keys: ["ctrl-l"], label: "Ctrl-L", command: "redraw", help: "redraw the whole screen", screens: SCROLLING },
  { keys: ["t"], label: "t", command: "take-lock", help: "take the lock when it is free (read-only dashboards)", screens: SCROLLING },
  { keys: ["?"], label: "?", command: "help", help: "show these keys", screens: SCROLLING },
  { keys: ["q", "escape"], label: "q/Esc", command: "back", help: "back (quit on the plans list)", screens: SCROLLING },
  { keys: ["ctrl-c"], label: "Ctrl-C", command: "quit", help: "quit from anywhere", screens: SCROLLING },
];

/** The plan screen's actions, in menu order. */
export const ACTION_BINDINGS: readonly (Binding & { readonly action: NonNullable<Binding["action"]> })[] = BINDINGS.filter(
  (b): b is Binding & { readonly action: NonNullable<Binding["action"]> } => b.action !== undefined,
);

export function commandFor(screen: ScreenKind, key: string): Command | null {
  for (const b of BINDINGS) if (b.screens.includes(screen) && b.keys.includes(key)) return b.command;
  return null;
}

export function bindingOf(command: Command): Binding {
  const b = BINDINGS.find((x) => x.command === command);
  if (b === undefined) throw new Error(`no binding for ${command}`);
  return b;
}

const SCREEN_TITLES: Readonly<Record<ScreenKind, string>> = {
  workspace: "Plans list",
  plan: "Plan",
  prompt: "Next-step prompt",
  help: "This help",
};

/** The `?` screen: per screen, every key that works there. Digits are said once. */
export function helpLines(): string[] {
  const lines: string[] = [];
  for (const screen of ["workspace", "plan", "prompt"] as const) {
    lines.push(`${SCREEN_TITLES[screen]}`);
    for (const b of BINDINGS) if (b.screens.includes(screen)) lines.push(`  ${b.label.padEnd(12)} ${b.help}`);
    if (screen !== "prompt") lines.push(`  ${"1-9…".padEnd(12)} jump to that row`);
    lines.push("");
  }
  return lines;
}
