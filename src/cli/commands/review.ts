/** `plandash review PLAN ID --approve|--fix [--message TEXT]` (SPEC §7): write the review verdict. */
import { writeReview } from "../../actions/document-actions";
import { realProcessRunner } from "../../ports";
import { resolveReviewer } from "../../actions/reviewer";
import { PlandashError } from "../../util/errors";
import type { CommandSpec } from "../command";
import { flagOption, stringOption } from "../command";
import { reportWrite } from "./new";
import { loadForAction, planArgument, requirePositionals } from "../action-context";

const USAGE = "plandash review PLAN ID --approve|--fix [--message TEXT] [--reviewer NAME] [--json] [--root DIR]";

export const reviewCommand: CommandSpec = {
  name: "review",
  summary: "approve an achievement or ask for fixes (APPROVED_<key>.md / FIX_<key>.md)",
  usage: USAGE,
  maxPositionals: 2,
  arguments: ["plan", "achievement"],
  options: {
    approve: { type: "boolean", description: "write execution/feedbacks/APPROVED_<key>.md" },
    fix: { type: "boolean", description: "write execution/feedbacks/FIX_<key>.md (FIX_<key>_<NN>.md in later review rounds)" },
    message: { type: "string", short: "m", valueName: "TEXT", description: "the summary (approve) or what to fix (fix)" },
    reviewer: { type: "string", valueName: "NAME", description: "reviewer name (default: git config user.name, else $USER)" },
    json: { type: "boolean", description: "print {created, path, plan, achievement, status, next}" },
  },
  details: [
    "Needs at least one EXECUTION_TASK (there must be work to review). Never overwrites: once the",
    "FIX is resolved (FIX_<key>_RESOLUTION.md), --fix opens the next review round (FIX_<key>_02.md);",
    "while the latest FIX waits for its resolution, --fix is refused. A FIX note must not be empty.",
    "Dates are UTC. Does not take the dashboard lock (the create is exclusive).",
    "",
    "Examples:",
    '  plandash review AUTH-REFACTOR 1.2 --fix -m "Logout still sets the old cookie."',
    '  plandash review AUTH-REFACTOR 1.2 --fix --message "- a list item"',
    "  plandash review AUTH-REFACTOR 1.2 --approve",
  ].join("\n"),
  async run(ctx, args) {
    const [planQuery, id] = requirePositionals(args, 2, USAGE) as [string, string];
    const approve = flagOption(args, "approve");
    if (approve === flagOption(args, "fix")) {
      throw new PlandashError("EUSAGE", "say exactly one of --approve or --fix", { hint: `usage: ${USAGE}` });
    }
    const { ws, plans, deps } = loadForAction(ctx, args);
    const plan = planArgument(plans, planQuery);
    const reviewer = await resolveReviewer(stringOption(args, "reviewer"), { runner: realProcessRunner(ctx.ports.env), env: ctx.ports.env, cwd: ws.root });
    // Passed as given: the action refuses a FIX whose note is empty (`--message ""`).
    const message = stringOption(args, "message") ?? null;
    const result = writeReview(deps, plan.id, id, approve ? "approve" : "fix", { reviewer, message });
    if (!result.ok) throw result.error;
    return reportWrite(ctx, result.value, flagOption(args, "json"));
  },
};
