/**
 * Running other programs (clipboard tools, the editor, the agent, git): a small port so the
 * actions are tested with fakes. `realProcessRunner` is the only place that binds it to Bun.
 */
import type { Env } from "../ports";

export interface RunOptions {
  /** "inherit" hands over the terminal; a string is written to the child's stdin, then closed. */
  readonly stdin: "inherit" | "ignore" | { readonly data: string };
  /** "pipe" collects the output (only for short-lived programs such as git). */
  readonly stdout: "inherit" | "ignore" | "pipe";
  readonly stderr: "inherit" | "ignore";
  readonly cwd?: string;
  /** Killed (SIGKILL) after this long; the exit then reports the signal. */
  readonly timeoutMs?: number;
}

export interface RunResult {
  /** null when the program ended by a signal or could not be started. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  readonly spawnError: string | null;
}

export interface ProcessRunner {
  /** The absolute path of `command` on PATH, or null. */
  which(command: string): string | null;
  run(argv: readonly string[], options: RunOptions): Promise<RunResult>;
}

export function realProcessRunner(env: Env): ProcessRunner {
  const childEnv = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  return {
    which: (command) => Bun.which(command, { PATH: env.PATH ?? "" }),
    async run(argv, options) {
      let proc;
      try {
        proc = Bun.spawn([...argv], {
          env: childEnv,
          ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
          stdin: typeof options.stdin === "object" ? new TextEncoder().encode(options.stdin.data) : options.stdin,
          stdout: options.stdout,
          stderr: options.stderr,
          ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs, killSignal: "SIGKILL" }),
        });
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as Error).message;
        return { exitCode: null, signal: null, stdout: "", spawnError: code };
      }
      const stdout = options.stdout === "pipe" && proc.stdout instanceof ReadableStream ? await new Response(proc.stdout).text() : "";
      const exitCode = await proc.exited;
      return { exitCode: proc.signalCode === null ? exitCode : null, signal: proc.signalCode === null ? null : String(proc.signalCode), stdout, spawnError: null };
    },
  };
}

/** Command lines from config and env ($EDITOR, agentCommand) run through this shell, found without PATH. */
export const SHELL = "/bin/sh";
