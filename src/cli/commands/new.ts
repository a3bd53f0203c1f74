/** `plandash new subplan|execution PLAN ID` (SPEC §7): create a SUBPLAN or the next EXECUTION_TASK. */
import { createExecution, createSubplan, type WriteOutcome } from "../../actions/document-actions";
import { PlandashError } from "../../util/errors";
import type { CommandContext, CommandSpec } from "../command";
import { flagOption } from "../command";
import { EXIT } from "../exit";
import { writeJson, writeText } from "../render";
import { shellCommand } from "../../util/shell-quote";
import { loadForAction, planArgument, requirePositionals } from "../action-context";

const USAGE = "plandash new subplan|execution PLAN ID [--json] [--root DIR]";

/** What every write command prints: the file, and the state it led to (read back from disk). */
export function reportWrite(ctx: CommandContext, outcome: WriteOutcome, json: boolean): number {
  const a = outcome.plan.achievements.find((x) => x.id === outcome.achievement);
  const next = outcome.plan.next;
  if (json) {
    writeJson(ctx.stdout, {
      created: outcome.written.rel,
      path: outcome.written.absPath,
      plan: outcome.plan.id,
      achievement: outcome.achievement,
      status: a?.status ?? null,
      next: next === null ? null : { achievement: next.achievement, title: next.title, step: next.step },
    });
    return EXIT.ok;
  }
  const lines = [`Created ${outcome.written.absPath}`];
  if (a !== undefined) lines.push(`Achievement ${a.id} of ${outcome.plan.id} is now ${a.status}.`);
  lines.push(next === null ? `${outcome.plan.id} is complete.` : `Next: ${next.step} for ${next.achievement} (${shellCommand("plandash", "next", outcome.plan.id)})`);
  writeText(ctx, `${lines.join("\n")}\n`);
  return EXIT.ok;
}

export const newCommand: CommandSpec = {
  name: "new",
  summary: "create a SUBPLAN or the next EXECUTION_TASK of an achievement",
  usage: USAGE,
  maxPositionals: 3,
  arguments: [{ choices: ["subplan", "execution"] }, "plan", "achievement"],
  options: {
    json: { type: "boolean", description: "print {created, path, plan, achievement, status, next}" },
  },
  details: [
    "Writes subplans/SUBPLAN_<NAME>_<key>.md or execution/EXECUTION_TASK_<NAME>_<key>_<NN>.md",
    "(NN = the highest attempt so far + 1) with the methodology's header fields.",
    "Never overwrites; an EXECUTION_TASK needs its SUBPLAN; missing folders are created.",
    "Does not take the dashboard lock: the create is exclusive, so it is safe next to a dashboard.",
    "",
    "Examples:",
    "  plandash new subplan AUTH-REFACTOR 1.3",
    "  plandash new execution @auth-refactor 1.3",
  ].join("\n"),
  async run(ctx, args) {
    const [kind, planQuery, id] = requirePositionals(args, 3, USAGE) as [string, string, string];
    if (kind !== "subplan" && kind !== "execution") {
      throw new PlandashError("EUSAGE", `cannot create "${kind}"`, { hint: `say \`subplan\` or \`execution\`; usage: ${USAGE}` });
    }
    const { plans, deps } = loadForAction(ctx, args);
    const plan = planArgument(plans, planQuery);
    const result = kind === "subplan" ? createSubplan(deps, plan.id, id) : createExecution(deps, plan.id, id);
    if (!result.ok) throw result.error;
    return reportWrite(ctx, result.value, flagOption(args, "json"));
  },
};
