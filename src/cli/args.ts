/** argv → command + parsed options, or a usage error. Built on util.parseArgs. */
import { parseArgs } from "node:util";
import { PlandashError } from "../util/errors";
import { COMMON_OPTIONS, type CommandSpec, type OptionSpec, type ParsedArgs } from "./command";

export type Invocation =
  | { readonly kind: "version" }
  | { readonly kind: "help"; readonly command: CommandSpec | null }
  | { readonly kind: "run"; readonly command: CommandSpec; readonly args: ParsedArgs };

function allOptions(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...COMMON_OPTIONS, ...spec.options };
}

/**
 * `--poll` → `--poll=` for options whose value is optional, so parseArgs accepts both forms; and
 * `--message "- item"` → `--message=- item`: a value that starts with a dash but holds a space
 * cannot be an option, though parseArgs calls it ambiguous.
 */
function normaliseOptionalValues(argv: readonly string[], options: Record<string, OptionSpec>): string[] {
  const optional = new Set(Object.entries(options).filter(([, o]) => o.optionalValue).map(([n]) => `--${n}`));
  const valued = new Map<string, string>();
  for (const [name, o] of Object.entries(options)) {
    if (o.type !== "string" || o.optionalValue) continue;
    valued.set(`--${name}`, `--${name}`);
    if (o.short !== undefined) valued.set(`-${o.short}`, `--${name}`);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    const next = argv[i + 1];
    const long = valued.get(a);
    if (long !== undefined && next !== undefined && next.startsWith("-") && /\s/.test(next)) {
      out.push(`${long}=${next}`);
      i++;
    } else out.push(optional.has(a) ? `${a}=` : a);
  }
  return out;
}

export function parseInvocation(
  argv: readonly string[],
  commands: readonly CommandSpec[],
  defaultCommand: CommandSpec,
): Invocation {
  const first = argv[0];
  if (first === "--version" || first === "-v" || first === "version") return { kind: "version" };
  if (first === "help") {
    const name = argv[1];
    const named = name === undefined ? null : (commands.find((c) => c.name === name) ?? null);
    if (name !== undefined && named === null) throw unknownCommand(name, commands);
    return { kind: "help", command: named };
  }
  let command = defaultCommand;
  let rest = argv;
  if (first !== undefined && !first.startsWith("-")) {
    const found = commands.find((c) => c.name === first);
    if (found === undefined) throw unknownCommand(first, commands);
    command = found;
    rest = argv.slice(1);
  } else if (first === "--help" || first === "-h") {
    return { kind: "help", command: null };
  }
  const options = allOptions(command);
  let parsed;
  try {
    parsed = parseArgs({
      args: normaliseOptionalValues(rest, options),
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          { type: o.type, ...(o.short === undefined ? {} : { short: o.short }), ...(o.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const help = command === defaultCommand && first !== command.name ? "see `plandash --help`" : `see \`plandash ${command.name} --help\``;
    const unknown = unknownOption(error);
    if (unknown !== null) {
      const near = nearestOption(unknown, Object.keys(options));
      throw new PlandashError("EUSAGE", `unknown option ${unknown}`, { hint: near === null ? help : `did you mean --${near}? ${help}` });
    }
    throw new PlandashError("EUSAGE", (error as Error).message.split("\n")[0] ?? "bad arguments", {
      where: command === defaultCommand && first?.startsWith("-") !== true ? undefined : `plandash ${command.name}`,
      hint: help,
    });
  }
  if (parsed.values.help === true) return { kind: "help", command };
  if (parsed.positionals.length > command.maxPositionals) {
    throw new PlandashError("EUSAGE", `unexpected argument "${parsed.positionals[command.maxPositionals]}"`, {
      where: `plandash ${command.name}`,
      hint: `usage: ${command.usage}`,
    });
  }
  return { kind: "run", command, args: { values: parsed.values as ParsedArgs["values"], positionals: parsed.positionals } };
}

/**
 * parseArgs says "Unknown option '--x'. To specify a positional argument starting with a '-'…" and,
 * in Bun, leaves a quote open; plandash takes no such positionals, so it says its own line.
 */
function unknownOption(error: unknown): string | null {
  if ((error as { code?: unknown }).code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") return null;
  return /'(-[^']*)'/.exec((error as Error).message)?.[1] ?? null;
}

/** The known option within two edits of what was typed (`--jsn` → json), else null. */
function nearestOption(typed: string, names: readonly string[]): string | null {
  const word = typed.replace(/^-+/, "").split("=")[0] ?? "";
  let best: { name: string; distance: number } | null = null;
  for (const name of names) {
    const d = editDistance(word, name);
    if (d <= 2 && d < word.length && (best === null || d < best.distance)) best = { name, distance: d };
  }
  return best?.name ?? null;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length] ?? 0;
}

function unknownCommand(name: string, commands: readonly CommandSpec[]): PlandashError {
  const visible = commands.filter((c) => !c.hidden).map((c) => c.name);
  return new PlandashError("EUSAGE", `unknown command "${name}"`, { hint: `commands: ${visible.join(", ")}; see \`plandash --help\`` });
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const value = o.type === "string" ? (o.optionalValue ? `[=${o.valueName ?? "VALUE"}]` : ` ${o.valueName ?? "VALUE"}`) : "";
    const short = o.short === undefined ? "    " : `-${o.short}, `;
    return [`  ${short}--${name}${value}`, o.description] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => left.padEnd(width) + right);
}

export function commandHelp(spec: CommandSpec): string {
  const lines = [`${spec.summary}`, "", `Usage: ${spec.usage}`, "", "Options:", ...optionLines(allOptions(spec))];
  if (spec.details !== undefined) lines.push("", spec.details.trimEnd());
  return `${lines.join("\n")}\n`;
}

export function generalHelp(commands: readonly CommandSpec[], version: string): string {
  const visible = commands.filter((c) => !c.hidden);
  const width = Math.max(...visible.map((c) => c.name.length)) + 4;
  return [
    `plandash ${version} — a live terminal dashboard for PLAN / SUBPLAN / EXECUTION_TASK workspaces`,
    "",
    "Usage: plandash [COMMAND] [OPTIONS]",
    "       plandash            the dashboard (prints status when not on a terminal)",
    "",
    "Commands:",
    ...visible.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "Common options:",
    ...optionLines({ ...COMMON_OPTIONS, version: { type: "boolean", short: "v", description: "print the version" } }),
    "",
    "Exit codes: 0 done · 1 --check found work needing attention, or an action was refused ·",
    "2 usage error, no workspace, bad config · 130/143 ended by SIGINT/SIGTERM.",
    "Run `plandash COMMAND --help` for a command's options.",
    "",
  ].join("\n");
}
