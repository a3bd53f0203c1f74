/** Human output helpers shared by commands: theme from flags/env, usable width, safe text. */
import { sanitizeBlock } from "../core/sanitize";
import { createTheme, colorEnabled, unicodeEnabled, type Theme } from "../ui/theme";
import type { CommandContext, Output, ParsedArgs } from "./command";
import { flagOption } from "./command";

export const DEFAULT_PIPE_WIDTH = 120;

export function themeFor(ctx: CommandContext, args: ParsedArgs, stream: Output = ctx.stdout): Theme {
  const env = ctx.ports.env;
  return createTheme(colorEnabled({ env, noColorFlag: flagOption(args, "no-color"), isTTY: stream.isTTY }), unicodeEnabled(env));
}

/** The terminal's width, else $COLUMNS, else a wide default (piped output is not cut short). */
export function outputWidth(ctx: CommandContext, stream: Output = ctx.stdout): number {
  if (stream.isTTY && stream.columns !== undefined && stream.columns > 0) return stream.columns;
  const fromEnv = Number(ctx.ports.env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_PIPE_WIDTH;
}

/** Lines from the views (already sanitized, may carry the theme's colour). */
export function writeLines(out: Output, lines: readonly string[]): void {
  out.write(lines.length === 0 ? "" : `${lines.join("\n")}\n`);
}

/** Indented for a person at a terminal, compact for a pipe (jq and scripts do not need the spaces). */
export function writeJson(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value, null, out.isTTY ? 2 : undefined)}\n`);
}

/**
 * Text written in pieces, passed on in batches of about `batchBytes` (one write per batch, not
 * per piece): a big document goes out as it is made, never held whole. `flush` writes the rest.
 */
export function batchedOutput(out: Output, batchBytes = 64 * 1024): { write(text: string): void; flush(): void } {
  let pending: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    size = 0;
    out.write(text);
  };
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size >= batchBytes) flush();
    },
    flush,
  };
}

/**
 * Plain human text that quotes names, titles, paths or prompts from files (SPEC §3.1): every
 * control character is made visible, line breaks stay. Commands write such text only through here.
 */
export function writeText(ctx: CommandContext, text: string, out: Output = ctx.stdout): void {
  out.write(sanitizeBlock(text, unicodeEnabled(ctx.ports.env)));
}

/**
 * stderr carries only plain human lines (errors, warnings, debug), never colour or terminal
 * control: sanitizing the whole stream means no message that quotes a file can be forgotten.
 */
export function plainTextOutput(out: Output, unicode: boolean): Output {
  return {
    write: (text) => out.write(sanitizeBlock(text, unicode)),
    get isTTY() {
      return out.isTTY;
    },
    get columns() {
      return out.columns;
    },
    get rows() {
      return out.rows;
    },
  };
}
