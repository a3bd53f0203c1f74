/**
 * Running other programs (clipboard tools, the editor, the agent, git): a small port so the
 * actions are tested with fakes. `realProcessRunner` in ports.ts binds it to Bun.
 */

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

/** Command lines from config and env ($EDITOR, agentCommand) run through this shell, found without PATH. */
export const SHELL = "/bin/sh";
