/** SPEC §5: a second dashboard finds the lock held by a live one and asks what to do. */
import { sanitize } from "../core/sanitize";
import type { Holder } from "../lock/lock";
import type { TerminalPort } from "../ports";
import { clackPrompter } from "../ui/prompter";
import { describeHolderShort } from "./commands/lock-info";

/** "interrupted": Ctrl-C at the question (exit 130, not a quiet quit). */
export type SecondInstanceChoice = "read-only" | "takeover" | "quit" | "interrupted";

/** `colors`: whether the dashboard draws in colour (the question follows it). */
export async function askSecondInstance(term: TerminalPort, holder: Holder, colors: boolean): Promise<SecondInstanceChoice> {
  // clack answers Esc and Ctrl-C alike (cancel); listen alongside it to tell them apart.
  let interrupted = false;
  const stop = term.onInput((chunk) => {
    if (chunk.includes("\x03")) interrupted = true;
  });
  try {
    const answer = await clackPrompter(term, colors).select<SecondInstanceChoice>({
      // The holder's pid and host come from a file: they must not be able to drive the terminal.
      message: sanitize(`Another dashboard holds the lock of this workspace (${describeHolderShort(holder)}).`),
      options: [
        { value: "read-only", label: "Open read-only", hint: "watch; actions off until the lock is free" },
        { value: "takeover", label: "Take over", hint: "that dashboard turns read-only" },
        { value: "quit", label: "Quit" },
      ],
      initial: "read-only",
    });
    return interrupted ? "interrupted" : (answer ?? "quit");
  } finally {
    stop();
  }
}
