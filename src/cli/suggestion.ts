/**
 * The CLI's wording of a refusal (issue 10 §0.4): the action returns a structured suggestion,
 * this turns it into the command to type. The dashboard words the same suggestion as a key.
 */
import type { PlandashError, Suggestion } from "../util/errors";
import { shellQuote } from "../util/shell-quote";

export function suggestionCommand(s: Suggestion): string {
  const plan = shellQuote(s.plan);
  const id = s.achievement === undefined ? "" : ` ${shellQuote(s.achievement)}`;
  switch (s.action) {
    case "create-subplan":
      return `plandash new subplan ${plan}${id}`;
    case "create-execution":
      return `plandash new execution ${plan}${id}`;
    case "approve":
      return `plandash review ${plan}${id} --approve`;
    case "request-fix":
      return `plandash review ${plan}${id} --fix --message '…'`;
    case "next":
      return `plandash next ${plan}`;
    case "open":
      return `plandash open ${plan}${id}`;
    case "status":
      return `plandash status ${plan}`;
  }
}

/** The hint as the CLI says it: the error's own hint leading into the suggested command, if any. */
export function cliHint(error: PlandashError): string | undefined {
  if (error.suggestion === undefined) return error.hint;
  const command = suggestionCommand(error.suggestion);
  return error.hint === undefined ? `run ${command}` : `${error.hint}: ${command}`;
}

/** One line for the user: what happened (where) — how to fix it. */
export function formatCliError(error: PlandashError): string {
  const where = error.where === undefined ? "" : ` (${error.where})`;
  const hint = cliHint(error);
  return `plandash: ${error.message}${where}${hint === undefined ? "" : ` — ${hint}`}`;
}
