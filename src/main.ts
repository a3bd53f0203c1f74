/**
 * Entry: parse argv, build the ports, run the command, map the result to an exit code.
 * The only file that calls process.exit.
 */
import packageJson from "../package.json";
import { commandHelp, generalHelp, parseInvocation } from "./cli/args";
import type { CommandContext } from "./cli/command";
import { fdOutput, writeAllSync } from "./cli/fd-output";
import { EXIT, exitCodeFor, exitCodeForSignal } from "./cli/exit";
import { COMMANDS, DEFAULT_COMMAND } from "./cli/registry";
import { plainTextOutput } from "./cli/render";
import { sanitize, sanitizeBlock } from "./core/sanitize";
import { isTerminal, realPorts } from "./ports";
import { formatCliError } from "./cli/suggestion";
import { unicodeEnabled } from "./ui/theme";
import { isPlandashError, osErrorCode } from "./util/errors";

const VERSION: string = packageJson.version;

/** Synchronous cleanup for every way out (CommandContext.atExit); the "exit" event also fires after an uncaught error. */
const exitHooks = new Set<() => void>();
function runExitHooks(): void {
  for (const hook of [...exitHooks]) {
    exitHooks.delete(hook);
    try {
      hook();
    } catch (error) {
      writeAllSync(2, `plandash: cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}
process.on("exit", runExitHooks);

/**
 * An error thrown outside the command's promise (a timer, an event handler) must still end the
 * process through "exit", so the hooks above run. Bun 1.4.5 otherwise prints it and then hangs,
 * spinning, while `await main()` is pending.
 */
function crash(error: unknown): never {
  // The reader of our output went away (`plandash … | head`): nothing is wrong and nothing to say.
  if (osErrorCode(error) === "EPIPE") process.exit(EXIT.ok);
  // Give the terminal back first (the dashboard's alternate screen), so the line below is seen.
  runExitHooks();
  const message = error instanceof Error ? error.message : String(error);
  writeAllSync(2, sanitizeBlock(`plandash: internal error: ${message} — please report it; set PLANDASH_DEBUG=1 for details\n`));
  if (process.env.PLANDASH_DEBUG === "1" && error instanceof Error && error.stack !== undefined) writeAllSync(2, sanitizeBlock(`${error.stack}\n`));
  process.exit(EXIT.failed);
}
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  let interruptHolds = 0;
  const onSignal = (signal: NodeJS.Signals) => () => {
    if (signal === "SIGINT" && interruptHolds > 0) return;
    controller.abort(signal);
  };
  const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((s) => [s, onSignal(s)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);

  const ports = realPorts();
  const stdout = fdOutput(1, () => process.stdout, isTerminal);
  // Messages quote names and paths from files: stderr shows their control characters (SPEC §3.1).
  const stderr = plainTextOutput(fdOutput(2, () => process.stderr, isTerminal), unicodeEnabled(ports.env));
  try {
    const invocation = parseInvocation(argv, COMMANDS, DEFAULT_COMMAND);
    if (invocation.kind === "version") {
      stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    if (invocation.kind === "help") {
      stdout.write(invocation.command === null ? generalHelp(COMMANDS, VERSION) : commandHelp(invocation.command));
      return EXIT.ok;
    }
    const ctx: CommandContext = {
      ports,
      stdout,
      stderr,
      stdinIsTTY: isTerminal(0),
      signal: controller.signal,
      version: VERSION,
      atExit(fn) {
        exitHooks.add(fn);
        return () => exitHooks.delete(fn);
      },
      holdInterrupts() {
        interruptHolds++;
        let held = true;
        return () => {
          if (held) interruptHolds--;
          held = false;
        };
      },
    };
    const code = await invocation.command.run(ctx, invocation.args);
    return exitCodeForSignal(controller.signal.reason) ?? code;
  } catch (error) {
    const bySignal = exitCodeForSignal(controller.signal.reason);
    if (isPlandashError(error)) {
      stderr.write(`${sanitize(formatCliError(error), unicodeEnabled(ports.env))}\n`);
      if (ports.env.PLANDASH_DEBUG === "1" && error.stack !== undefined) stderr.write(`${error.stack}\n`);
      return bySignal ?? exitCodeFor(error.code);
    }
    // The reader of our output went away (`plandash status | head -1`): done, quietly.
    const osCode = osErrorCode(error);
    if (osCode === "EPIPE") return bySignal ?? EXIT.ok;
    // An OS refusal (ENOTDIR, EACCES, ENOSPC…) is the environment, not a bug: its message names the path.
    if (osCode !== undefined && /^E[A-Z]+$/.test(osCode) && error instanceof Error) {
      stderr.write(`plandash: ${error.message} — check that path, its permissions and free space\n`);
      if (ports.env.PLANDASH_DEBUG === "1" && error.stack !== undefined) stderr.write(`${error.stack}\n`);
      return bySignal ?? EXIT.failed;
    }
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`plandash: internal error: ${message} — please report it; set PLANDASH_DEBUG=1 for details\n`);
    if (ports.env.PLANDASH_DEBUG === "1" && error instanceof Error && error.stack !== undefined) stderr.write(`${error.stack}\n`);
    return bySignal ?? EXIT.failed;
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

process.exit(await main(process.argv.slice(2)));
