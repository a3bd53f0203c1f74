/**
 * Copying a prompt (SPEC §7): OSC 52 when stdout is a terminal, and the first clipboard program
 * on PATH that works (wl-copy, xclip, xsel, pbcopy). Both are tried in a terminal because a
 * terminal may ignore OSC 52 without telling (VTE-based ones do); the outcome always says which
 * ways were used, or why none was possible, so the caller can print the prompt instead.
 */
import type { ProcessRunner } from "./process";

export const CLIPBOARD_TOOLS: readonly { readonly name: string; readonly args: readonly string[] }[] = [
  { name: "wl-copy", args: [] },
  { name: "xclip", args: ["-selection", "clipboard"] },
  { name: "xsel", args: ["--clipboard", "--input"] },
  { name: "pbcopy", args: [] },
];

/** A clipboard program that does not finish in this time is given up on (it never blocks `next`). */
export const CLIPBOARD_TIMEOUT_MS = 5_000;

export interface ClipboardDeps {
  /** Whether stdout is a terminal (OSC 52 goes there). */
  readonly isTTY: boolean;
  /** Writes to the terminal (stdout). */
  readonly writeTerminal: (sequence: string) => void;
  readonly runner: ProcessRunner;
}

export interface CopyOutcome {
  /** The ways the text was handed over, e.g. ["OSC 52", "xclip"]; empty when none worked. */
  readonly via: readonly string[];
  /** Why each way that was not used was not used, for the message when none worked. */
  readonly notes: readonly string[];
}

/** OSC 52 "set clipboard" (c = the system clipboard), the text base64-encoded as UTF-8. */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, "utf8").toString("base64")}\x07`;
}

export async function copyToClipboard(text: string, deps: ClipboardDeps): Promise<CopyOutcome> {
  const via: string[] = [];
  const notes: string[] = [];
  if (deps.isTTY) {
    deps.writeTerminal(osc52(text));
    via.push("OSC 52");
  } else {
    notes.push("OSC 52: stdout is not a terminal");
  }
  const missing: string[] = [];
  for (const tool of CLIPBOARD_TOOLS) {
    const found = deps.runner.which(tool.name);
    if (found === null) {
      missing.push(tool.name);
      continue;
    }
    // stdout/stderr ignored: xclip and wl-copy leave a child serving the selection, which would
    // hold a pipe open and make a reader wait forever.
    const r = await deps.runner.run([found, ...tool.args], { stdin: { data: text }, stdout: "ignore", stderr: "ignore", timeoutMs: CLIPBOARD_TIMEOUT_MS });
    if (r.exitCode === 0) {
      via.push(tool.name);
      break;
    }
    if (r.timedOut) notes.push(`${tool.name} timed out after ${CLIPBOARD_TIMEOUT_MS / 1000} s`);
    else notes.push(`${tool.name} failed (${r.spawnError ?? (r.signal === null ? `exit ${r.exitCode}` : r.signal)})`);
  }
  if (missing.length > 0) notes.push(`${missing.join(", ")}: not on PATH`);
  return { via, notes };
}
