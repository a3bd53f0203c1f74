/** The plan screen's action menu as clack options: every action, the ones that do not apply disabled with why. */
import { actionAvailability, type AvailabilityFacts } from "../actions/availability";
import { sanitize } from "../core/sanitize";
import type { Achievement, Plan } from "../core/types";
import { ACTION_BINDINGS, type Command } from "./keys";
import type { MenuOption } from "./prompter";

export interface ActionMenu {
  readonly message: string;
  readonly options: readonly MenuOption<Command>[];
  readonly initial: Command | undefined;
}

export function actionMenu(plan: Plan, a: Achievement, facts: AvailabilityFacts, nowMs: number): ActionMenu {
  const available = actionAvailability(plan, a, facts, nowMs);
  const options = ACTION_BINDINGS.map((b): MenuOption<Command> => {
    const reason = available[b.action.kind];
    return reason === null ? { value: b.command, label: `${b.label}  ${b.help}` } : { value: b.command, label: `${b.label}  ${b.help}`, hint: reason, disabled: true };
  });
  // A title from a file goes into clack's frame: it must not be able to drive the terminal either.
  return { message: sanitize(`${a.id} ${a.title}`), options, initial: options.find((o) => o.disabled !== true)?.value };
}
