/** Human output helpers shared by commands: theme from flags/env, usable width. */
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

export function writeLines(out: Output, lines: readonly string[]): void {
  out.write(lines.length === 0 ? "" : `${lines.join("\n")}\n`);
}

/** Indented for a person at a terminal, compact for a pipe (jq and scripts do not need the spaces). */
export function writeJson(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value, null, out.isTTY ? 2 : undefined)}\n`);
}
