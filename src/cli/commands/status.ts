/** `plandash status [PLAN] [--json] [--check]` (SPEC §3.1). */
import { selectPlan } from "../../core/select-plan";
import { statusDocument, statusJsonParts } from "../../core/status-json";
import type { Plan, WorkspaceState } from "../../core/types";
import { viewPlan } from "../../ui/view-plan";
import { viewWorkspace } from "../../ui/view-workspace";
import type { CommandContext, CommandSpec, ParsedArgs } from "../command";
import { flagOption } from "../command";
import { EXIT } from "../exit";
import { loadPlan, scanInOrder } from "../../workspace/load";
import { batchedOutput, outputWidth, themeFor, writeJson, writeLines } from "../render";
import { loadFromContext, printWarnings, resolveWorkspace, scanWarnings, type WorkspaceContext } from "../workspace-context";
import { readLockJson } from "./lock-info";

/** SPEC §3.3: a non-paused plan that needs attention or has stale work fails --check. */
export function needsAttention(plans: readonly Plan[]): Plan[] {
  return plans.filter((p) => !p.paused && (p.status === "needs-attention" || p.achievements.some((a) => a.stale)));
}

/** --check's verdict: exit 1 with one line naming the plans that fail it. */
function checkResult(ctx: CommandContext, failing: readonly Pick<Plan, "id" | "status">[]): number {
  if (failing.length === 0) return EXIT.ok;
  ctx.stderr.write(`plandash: check failed: ${failing.map((p) => `${p.id} (${p.status === "needs-attention" ? "needs a fix" : "stale work"})`).join(", ")}\n`);
  return EXIT.failed;
}

/**
 * `status --json` of the whole workspace, written plan by plan as each is read, in display order:
 * the same bytes as the document built whole, with memory flat in the number of plans (SPEC §10).
 */
function streamStatusJson(ctx: CommandContext, args: ParsedArgs, ws: WorkspaceContext): number {
  const { planDirs, problems } = scanInOrder(ctx.ports.fs, ws.root, ws.config.maxDepth);
  printWarnings(ctx, scanWarnings(problems));
  const nowMs = ctx.ports.clock.now();
  const parts = statusJsonParts(ws.root, readLockJson(ctx, ws.root), nowMs, ctx.stdout.isTTY ? 2 : undefined);
  const out = batchedOutput(ctx.stdout);
  const failing: Pick<Plan, "id" | "status">[] = [];
  out.write(parts.head);
  planDirs.forEach((dir, index) => {
    const plan = loadPlan(ctx.ports.fs, dir, { nowMs, staleExecutionDays: ws.config.staleExecutionDays });
    out.write(parts.plan(plan, index));
    if (needsAttention([plan]).length > 0) failing.push({ id: plan.id, status: plan.status });
  });
  out.write(`${parts.tail(planDirs.length)}\n`);
  out.flush();
  return flagOption(args, "check") ? checkResult(ctx, failing) : EXIT.ok;
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
  return flagOption(args, "check") ? checkResult(ctx, needsAttention(plans)) : EXIT.ok;
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
    if (flagOption(args, "json") && args.positionals[0] === undefined) return streamStatusJson(ctx, args, ws);
    const loaded = loadFromContext(ctx, ws);
    printWarnings(ctx, loaded.warnings);
    return printStatus(ctx, args, loaded.state, args.positionals[0]);
  },
};
