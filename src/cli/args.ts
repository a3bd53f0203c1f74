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
    throw new PlandashError("EUSAGE", (error as Error).message.split("\n")[0] ?? "bad arguments", {
      where: command === defaultCommand && first?.startsWith("-") !== true ? undefined : `plandash ${command.name}`,
      hint: `see \`plandash ${command.name} --help\``,
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
