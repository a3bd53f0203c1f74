/** The only picocolors import. Exposes meaning (status, bar, muted), never raw colours. */
import type { Colors } from "picocolors/types";
import type { AchievementStatus, PlanStatus } from "../core/types";
import type { Env } from "../ports";

/**
 * picocolors is loaded when a theme is made, not when this module is: on load it looks at
 * process.stdout for its own colour detection (which we do not use), and making that stream
 * costs every command ~10 ms at start, `--version` and `status --json` included.
 */
function createColors(enabled: boolean): Colors {
  return (require("picocolors") as typeof import("picocolors")).createColors(enabled);
}

export interface ColorFacts {
  readonly env: Env;
  readonly noColorFlag: boolean;
  readonly isTTY: boolean;
}

/** `--no-color` or a non-empty NO_COLOR win; then a non-empty FORCE_COLOR; then TTY and TERM. */
export function colorEnabled({ env, noColorFlag, isTTY }: ColorFacts): boolean {
  if (noColorFlag || (env.NO_COLOR !== undefined && env.NO_COLOR !== "")) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
  return isTTY && env.TERM !== "dumb";
}

/** Unicode glyphs unless the terminal is dumb or the locale is not UTF-8. */
export function unicodeEnabled(env: Env): boolean {
  if (env.TERM === "dumb") return false;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || "";
  return locale === "" || /utf-?8/i.test(locale);
}

export interface Glyphs {
  readonly barFull: string;
  readonly barEmpty: string;
  readonly paused: string;
  readonly stale: string;
  readonly next: string;
  readonly ellipsis: string;
  readonly check: string;
  readonly dot: string;
}

const UNICODE_GLYPHS: Glyphs = { barFull: "█", barEmpty: "░", paused: "⏸", stale: "⚠", next: "▶", ellipsis: "…", check: "✓", dot: "·" };
const ASCII_GLYPHS: Glyphs = { barFull: "#", barEmpty: "-", paused: "||", stale: "!", next: ">", ellipsis: "~", check: "v", dot: "." };

type Status = AchievementStatus | PlanStatus;

export interface Theme {
  readonly colors: boolean;
  /** Unicode glyphs, and the visible form of control characters (␛ rather than \x1b). */
  readonly unicode: boolean;
  readonly glyphs: Glyphs;
  status(status: Status, text?: string): string;
  bar(approved: number, total: number, width: number): string;
  muted(text: string): string;
  strong(text: string): string;
  warn(text: string): string;
  error(text: string): string;
  good(text: string): string;
  highlight(text: string): string;
}

export function createTheme(enabled: boolean, unicode = true): Theme {
  const c = createColors(enabled);
  const glyphs = unicode ? UNICODE_GLYPHS : ASCII_GLYPHS;
  const paint: Readonly<Record<Status, (s: string) => string>> = {
    approved: c.green,
    complete: c.green,
    "needs-fix": c.red,
    "needs-attention": c.red,
    "awaiting-review": c.yellow,
    "in-progress": c.cyan,
    planned: c.blue,
    ready: c.blue,
    "not-started": c.dim,
    empty: c.dim,
  };
  return {
    colors: enabled,
    unicode,
    glyphs,
    status: (status, text = status) => paint[status](text),
    bar(approved, total, width) {
      const filled = total === 0 ? 0 : Math.round((width * approved) / total);
      return c.green(glyphs.barFull.repeat(filled)) + c.dim(glyphs.barEmpty.repeat(width - filled));
    },
    muted: c.dim,
    strong: c.bold,
    warn: c.yellow,
    error: c.red,
    good: c.green,
    highlight: c.inverse,
  };
}
