/** SPEC §5: a second dashboard finds the lock held by a live one and asks what to do. */
import type { Holder } from "../lock/lock";
import type { TerminalPort } from "../ports";
import { clackPrompter } from "../ui/prompter";
import { describeHolderShort } from "./commands/lock-info";

export type SecondInstanceChoice = "read-only" | "takeover" | "quit";

export async function askSecondInstance(term: TerminalPort, holder: Holder): Promise<SecondInstanceChoice> {
  const answer = await clackPrompter(term).select<SecondInstanceChoice>({
    message: `Another dashboard holds the lock of this workspace (${describeHolderShort(holder)}).`,
    options: [
      { value: "read-only", label: "Open read-only", hint: "watch; actions off until the lock is free" },
      { value: "takeover", label: "Take over", hint: "that dashboard turns read-only" },
      { value: "quit", label: "Quit" },
    ],
    initial: "read-only",
  });
  return answer ?? "quit";
}
