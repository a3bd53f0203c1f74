/**
 * What `plandash __complete` answers (SPEC §9.5): given the words typed after `plandash`, the
 * last one being completed, the words that may come next. Commands and options come from the
 * command registry and each spec's `arguments`, so completion never drifts from the parser. Plan
 * names and achievement ids come from a source the caller binds to the disk, asked only when
 * needed. Pure.
 */
import { COMMON_OPTIONS, type ArgumentKind, type CommandSpec, type OptionSpec } from "./command";

export interface CompletionSource {
  /** Plan ids and names, in SPEC §1.2 order. */
  plans(): readonly { readonly id: string; readonly name: string }[];
  /** The achievement ids of the plan a PLAN argument names (id, name, @name or row), or none. */
  achievements(planQuery: string): readonly string[];
}

/** `dirs`: the shell should offer folders (the values are empty). */
export interface Completion {
  readonly values: readonly string[];
  readonly files: "none" | "dirs";
}

const NOTHING: Completion = { values: [], files: "none" };
const DIRS: Completion = { values: [], files: "dirs" };

/** Options a command takes, and what they are called on the command line (`--json`, `-m`). */
function optionsOf(spec: CommandSpec): [string, OptionSpec][] {
  return Object.entries({ ...COMMON_OPTIONS, ...spec.options });
}

/** The option a token names (`--root`, `-m`), when it is one that takes the next word as its value. */
function takesNextWord(spec: CommandSpec, token: string): string | null {
  for (const [name, o] of optionsOf(spec)) {
    if (o.type !== "string" || o.optionalValue) continue;
    if (token === `--${name}` || (o.short !== undefined && token === `-${o.short}`)) return name;
  }
  return null;
}

const byPrefix = (prefix: string, caseless: boolean) => (word: string): boolean =>
  caseless ? word.toLowerCase().startsWith(prefix.toLowerCase()) : word.startsWith(prefix);

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}

function argumentValues(kind: ArgumentKind, positionals: readonly string[], kinds: readonly ArgumentKind[], source: CompletionSource, current: string): Completion {
  if (kind === "dir") return DIRS;
  if (typeof kind === "object") return { values: kind.choices.filter(byPrefix(current, false)), files: "none" };
  if (kind === "plan") {
    const plans = source.plans();
    // A name is what people type; the id is what tells two plans of one name apart.
    return { values: unique(plans.flatMap((p) => [p.name, p.id])).filter(byPrefix(current.replace(/^@/, ""), true)), files: "none" };
  }
  const planQuery = positionals[kinds.indexOf("plan")];
  if (planQuery === undefined) return NOTHING;
  return { values: source.achievements(planQuery).filter(byPrefix(current, false)), files: "none" };
}

/**
 * `words`: everything after `plandash` up to the cursor; the last word is the one being
 * completed ("" right after a space).
 */
export function complete(words: readonly string[], commands: readonly CommandSpec[], defaultCommand: CommandSpec, source: CompletionSource): Completion {
  const current = words[words.length - 1] ?? "";
  const before = words.slice(0, -1);
  const visible = commands.filter((c) => !c.hidden);
  const named = before.length === 0 ? undefined : visible.find((c) => c.name === before[0]);
  const spec = named ?? defaultCommand;
  const rest = named === undefined ? before : before.slice(1);

  // Which words are positionals, and whether the last one is an option waiting for its value.
  const positionals: string[] = [];
  const given = new Set<string>();
  let valueOf: string | null = null;
  let optionsEnded = false;
  for (const token of rest) {
    if (valueOf !== null) {
      valueOf = null;
      continue;
    }
    if (!optionsEnded && token === "--") optionsEnded = true;
    else if (!optionsEnded && token.startsWith("-") && token !== "-") {
      given.add(token.split("=")[0] ?? token);
      valueOf = takesNextWord(spec, token);
    } else positionals.push(token);
  }
  if (valueOf !== null) return valueOf === "root" ? DIRS : NOTHING;

  if (!optionsEnded && current.startsWith("-")) {
    if (current.includes("=")) return NOTHING;
    const names = optionsOf(spec)
      .filter(([name, o]) => o.multiple === true || !given.has(`--${name}`))
      .map(([name]) => `--${name}`);
    if (before.length === 0) names.push("--version");
    return { values: names.filter(byPrefix(current, false)), files: "none" };
  }
  if (before.length === 0) return { values: visible.map((c) => c.name).filter(byPrefix(current, false)), files: "none" };
  const kinds = spec.arguments ?? [];
  const kind = kinds[positionals.length];
  return kind === undefined ? NOTHING : argumentValues(kind, positionals, kinds, source, current);
}
