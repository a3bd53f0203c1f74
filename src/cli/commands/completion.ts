/**
 * `plandash completion bash|zsh|fish` prints a completion script (SPEC §9.5); the scripts call
 * the hidden `plandash __complete -- WORD…`, which prints the candidates. `__complete` never
 * writes, never looks at the lock and never prints an error: a prompt is no place for one.
 */
import { PlandashError } from "../../util/errors";
import type { CommandSpec } from "../command";
import { complete } from "../complete";
import { diskCompletionSource } from "../completion-source";
import { completionScript, INSTALL_LINES, SHELLS, type Shell } from "../completion-scripts";
import { EXIT } from "../exit";

export const completionCommand: CommandSpec = {
  name: "completion",
  summary: "print a shell completion script (commands, options, plan names, achievement ids)",
  usage: "plandash completion bash|zsh|fish",
  maxPositionals: 1,
  arguments: [{ choices: SHELLS }],
  options: {},
  details: ["Install it once (plandash must be on your PATH):", ...SHELLS.map((s) => `  ${INSTALL_LINES[s]}`), "", "Plan names and achievement ids come from the workspace of the current folder, or the --root on the line."].join("\n"),
  async run(ctx, args) {
    const shell = args.positionals[0];
    if (shell === undefined || !(SHELLS as readonly string[]).includes(shell)) {
      throw new PlandashError("EUSAGE", shell === undefined ? "which shell?" : `no completion for the shell "${shell}"`, { where: "plandash completion", hint: `say one of ${SHELLS.join(", ")}` });
    }
    ctx.stdout.write(completionScript(shell as Shell));
    return EXIT.ok;
  },
};

/** Names with control characters (a newline would break the one-per-line answer) are never offered. */
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

/**
 * The hidden `__complete`. `commands` is asked at run time: the registry that lists this command
 * is the list it completes from.
 */
export function completeCommandFor(commands: () => readonly CommandSpec[], defaultCommand: CommandSpec): CommandSpec {
  return {
    name: "__complete",
    summary: "candidates for shell completion (used by the completion scripts)",
    usage: "plandash __complete -- WORD…",
    hidden: true,
    maxPositionals: Number.MAX_SAFE_INTEGER,
    options: {},
    async run(ctx, args) {
      const words = args.positionals.length === 0 ? [""] : args.positionals;
      const answer = complete(words, commands(), defaultCommand, diskCompletionSource(ctx, words));
      ctx.stdout.write(`${[...answer.values.filter((v) => !CONTROL.test(v)), `:${answer.files}`].join("\n")}\n`);
      return EXIT.ok;
    },
  };
}
