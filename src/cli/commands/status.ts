/** `plandash status [PLAN] [--json] [--check]` (SPEC §3.1). */
import { selectPlan } from "../../core/select-plan";
import { statusDocument } from "../../core/status-json";
import type { Plan, WorkspaceState } from "../../core/types";
import { viewPlan } from "../../ui/view-plan";
import { viewWorkspace } from "../../ui/view-workspace";
import type { CommandContext, CommandSpec, ParsedArgs } from "../command";
import { flagOption } from "../command";
import { EXIT } from "../exit";
import { outputWidth, themeFor, writeJson, writeLines } from "../render";
import { loadFromContext, printWarnings, resolveWorkspace } from "../workspace-context";
import { readLockJson } from "./lock-info";

/** SPEC §3.3: a non-paused plan that needs attention or has stale work fails --check. */
export function needsAttention(plans: readonly Plan[]): Plan[] {
  return plans.filter((p) => !p.paused && (p.status === "needs-attention" || p.achievements.some((a) => a.stale)));
}

export function printStatus(ctx: CommandContext, args: ParsedArgs, state: WorkspaceState, planQuery: string | undefined): number {
  let plans = state.plans;
  if (planQuery !== undefined) {
    const chosen = selectPlan(state.plans, planQuery);
    if (!chosen.ok) throw chosen.error;
    plans = [chosen.value];
  }
  if (flagOption(args, "json")) {
    writeJson(ctx.stdout, statusDocument({ ...state, plans }, readLockJson(ctx, state.root), ctx.ports.clock.now()));
  } else {
    const theme = themeFor(ctx, args);
    const width = outputWidth(ctx);
    const only = plans[0];
    writeLines(ctx.stdout, planQuery !== undefined && only !== undefined ? viewPlan(only, width, theme) : viewWorkspace(state, width, theme));
  }
  if (flagOption(args, "check")) {
    const failing = needsAttention(plans);
    if (failing.length > 0) {
      ctx.stderr.write(`plandash: check failed: ${failing.map((p) => `${p.id} (${p.status === "needs-attention" ? "needs a fix" : "stale work"})`).join(", ")}\n`);
      return EXIT.failed;
    }
  }
  return EXIT.ok;
}

export const statusCommand: CommandSpec = {
  name: "status",
  summary: "print where every plan stands (or one plan's achievements)",
  usage: "plandash status [PLAN] [--json] [--check] [--root DIR]",
  maxPositionals: 1,
  arguments: ["plan"],
  options: {
    json: { type: "boolean", description: "print the plandash.status/1 JSON document" },
    check: { type: "boolean", description: "exit 1 when a non-paused plan needs a fix or has stale work" },
  },
  details: [
    "PLAN is a plan id (a_paused/BETA), a name (beta or @beta, any case) or a row number.",
    "",
    "Examples:",
    "  plandash status",
    "  plandash status @auth-refactor",
    "  plandash status --json | jq '.plans[] | {id, status}'",
    "  plandash status --check || echo 'some plan needs attention'",
  ].join("\n"),
  async run(ctx, args) {
    const ws = resolveWorkspace(ctx, args);
    printWarnings(ctx, ws.warnings);
    const loaded = loadFromContext(ctx, ws);
    printWarnings(ctx, loaded.warnings);
    return printStatus(ctx, args, loaded.state, args.positionals[0]);
  },
};
