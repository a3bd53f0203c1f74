/**
 * Handing a prompt to the configured `agentCommand` (SPEC §7, §8). The command line runs through
 * `sh -c` with the terminal inherited. `{prompt}` in it becomes the prompt as one argument,
 * `{promptFile}` the path of a temporary file holding it; with neither, the prompt goes to the
 * command's stdin. Placeholders are replaced by "$1" / "$2", so the prompt is never re-parsed by
 * the shell: write them unquoted (`claude {prompt}`, not `claude "{prompt}"`).
 */
import * as path from "node:path";
import type { FsPort } from "../ports";
import { PlandashError } from "../util/errors";
import { SHELL, type ProcessRunner, type RunResult } from "./process";

export type PromptDelivery = "stdin" | "argument" | "file";

export interface AgentInvocation {
  readonly argv: readonly string[];
  readonly delivery: PromptDelivery;
  readonly needsPromptFile: boolean;
}

/** Pure: the argv for `command`; `promptFile` is the path the prompt is (or will be) written to. */
export function agentInvocation(command: string, prompt: string, promptFile: string): AgentInvocation {
  const usesPrompt = command.includes("{prompt}");
  const usesFile = command.includes("{promptFile}");
  const script = command.replaceAll("{promptFile}", '"$2"').replaceAll("{prompt}", '"$1"');
  const delivery: PromptDelivery = usesPrompt ? "argument" : usesFile ? "file" : "stdin";
  return { argv: [SHELL, "-c", script, "plandash-agent", prompt, promptFile], delivery, needsPromptFile: usesFile };
}

export interface AgentRun extends RunResult {
  readonly delivery: PromptDelivery;
}

export function noAgentCommand(): PlandashError {
  return new PlandashError("EREFUSED", "no agentCommand is configured", {
    hint: 'set it in <plans root>/.plandash/config.json, e.g. {"agentCommand": "claude {prompt}"}, or use --copy / --print',
  });
}

export interface AgentStop {
  /** Aborted with a signal name when plandash is asked to stop: the agent gets that signal too. */
  readonly signal: AbortSignal;
  /** plandash and the agent share a terminal, whose Ctrl-C (SIGINT) and hangup (SIGHUP) reach the agent already. */
  readonly sharesTerminal: boolean;
}

/**
 * Runs the agent and waits for it; the temporary prompt file (if any) is removed afterwards. With
 * `stop`, a SIGTERM/SIGINT/SIGHUP to plandash is passed on (once), so plandash ends with the agent.
 */
export async function runAgent(deps: { runner: ProcessRunner; fs: FsPort }, command: string, prompt: string, stop?: AgentStop): Promise<AgentRun> {
  const probe = agentInvocation(command, prompt, "");
  let tempDir: string | null = null;
  let promptFile = "";
  if (probe.needsPromptFile) {
    tempDir = deps.fs.makeTempDir("plandash-prompt-");
    promptFile = path.join(tempDir, "prompt.md");
    deps.fs.writeExclusive(promptFile, prompt);
  }
  try {
    const inv = agentInvocation(command, prompt, promptFile);
    const result = await deps.runner.run(inv.argv, {
      stdin: inv.delivery === "stdin" ? { data: prompt } : "inherit",
      stdout: "inherit",
      stderr: "inherit",
      ...(stop === undefined ? {} : { signal: stop.signal, alreadyDelivered: stop.sharesTerminal ? ["SIGINT", "SIGHUP"] : [] }),
    });
    return { ...result, delivery: inv.delivery };
  } finally {
    if (tempDir !== null) deps.fs.removeTree(tempDir);
  }
}
