/** What every command is: a spec (name, help, options) and a run function that returns an exit code. */
import type { Ports } from "../ports";

export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
  readonly columns: number | undefined;
  readonly rows?: number | undefined;
}

export interface CommandContext {
  readonly ports: Ports;
  readonly stdout: Output;
  readonly stderr: Output;
  readonly stdinIsTTY: boolean;
  /** Aborted with reason "SIGINT" / "SIGTERM" / "SIGHUP" when the process is asked to stop. */
  readonly signal: AbortSignal;
  readonly version: string;
  /**
   * Run `fn` synchronously when the process exits, however it exits (return, process.exit,
   * uncaught error, signal). For cleanup that must not be skipped, e.g. releasing the lock.
   * Returns a function that unregisters it.
   */
  atExit(fn: () => void): () => void;
  /**
   * While held, Ctrl-C (SIGINT) does not stop plandash: a program that owns the terminal (the
   * editor, the agent) got it from the terminal too, and it is theirs to handle. Returns the release.
   */
  holdInterrupts(): () => void;
}

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  /** `--poll` and `--poll=MS` both work: a bare flag gets the empty string. */
  readonly optionalValue?: boolean;
  readonly valueName?: string;
  readonly description: string;
}

export type OptionValues = Readonly<Record<string, string | boolean | string[] | boolean[] | undefined>>;

export interface ParsedArgs {
  readonly values: OptionValues;
  readonly positionals: readonly string[];
}

/** `achievement`: an id of the plan given by the `plan` argument before it. */
export type ArgumentKind = "plan" | "achievement" | "dir" | { readonly choices: readonly string[] };

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** e.g. `plandash status [PLAN] [--json] [--check]` */
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly maxPositionals: number;
  /** What each positional is, in order: shell completion offers plan names, achievement ids, folders or the choices. */
  readonly arguments?: readonly ArgumentKind[];
  /** Extra help text after the options (examples, notes). */
  readonly details?: string;
  /** Hidden commands are left out of the command list (test-only helpers). */
  readonly hidden?: boolean;
  run(ctx: CommandContext, args: ParsedArgs): Promise<number>;
}

/** Options every command takes. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  root: { type: "string", valueName: "DIR", description: "plans root, or a folder that holds work-space/plans/" },
  "no-color": { type: "boolean", description: "no colour (also: NO_COLOR=1)" },
  help: { type: "boolean", short: "h", description: "show this help" },
};

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}

export function flagOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
