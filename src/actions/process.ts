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
  /** Killed (SIGKILL) after this long; the result then says `timedOut`. */
  readonly timeoutMs?: number;
  /**
   * When it aborts, its reason (a signal name: "SIGTERM", "SIGINT", "SIGHUP"; anything else counts
   * as SIGTERM) is passed on to the program, which is then waited for: plandash ends with it. A
   * program still running `stopGraceMs` after that is killed (SIGKILL).
   */
  readonly signal?: AbortSignal;
  /**
   * Signals the program gets without us: with a terminal we share, Ctrl-C's SIGINT (and a hangup's
   * SIGHUP) reach its whole foreground process group, the program included. Passing them on again
   * would make one Ctrl-C count twice (an agent that stops its current step on the first Ctrl-C
   * quits on the second).
   */
  readonly alreadyDelivered?: readonly string[];
  /** Default DEFAULT_STOP_GRACE_MS. */
  readonly stopGraceMs?: number;
}

/** How long a program may take to end after a signal was passed on to it, before SIGKILL. */
export const DEFAULT_STOP_GRACE_MS = 5_000;

export interface RunResult {
  /** null when the program ended by a signal or could not be started. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  readonly spawnError: string | null;
  /** It ran past `timeoutMs` and was killed. */
  readonly timedOut: boolean;
  /** The signal passed on to it because `signal` aborted, if any. */
  readonly forwarded: string | null;
}

export interface ProcessRunner {
  /** The absolute path of `command` on PATH, or null. */
  which(command: string): string | null;
  run(argv: readonly string[], options: RunOptions): Promise<RunResult>;
}

/**
 * Pure: every process below `root` (children, their children…), given each process's parent.
 * A signal passed on to a program goes to all of them, as a terminal's Ctrl-C reaches every
 * process of the foreground job: the program may run under a shell that does not exec it
 * (`sh -c 'claude "$1"'` under dash forks), and the shell does not pass signals on.
 */
export function descendantsOf(root: number, parentOf: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parentOf) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found: number[] = [];
  const queue = [root];
  const seen = new Set(queue);
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() ?? -1) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Command lines from config and env ($EDITOR, agentCommand) run through this shell, found without PATH. */
export const SHELL = "/bin/sh";
