/** What the action commands (next, new, review, open) share: one scan, the PLAN argument, positionals. */
import type { ActionDeps } from "../actions/document-actions";
import { selectPlan } from "../core/select-plan";
import type { Plan } from "../core/types";
import { PlandashError } from "../util/errors";
import type { CommandContext, ParsedArgs } from "./command";
import { loadFromContext, printWarnings, resolveWorkspace, type WorkspaceContext } from "./workspace-context";

export interface LoadedForAction {
  readonly ws: WorkspaceContext;
  readonly plans: readonly Plan[];
  readonly deps: ActionDeps;
}

/** Shared by next/new/review/open: config, root, one scan. */
export function loadForAction(ctx: CommandContext, args: ParsedArgs): LoadedForAction {
  const ws = resolveWorkspace(ctx, args);
  printWarnings(ctx, ws.warnings);
  const loaded = loadFromContext(ctx, ws);
  printWarnings(ctx, loaded.warnings);
  // SPEC §7: one-shot CLI writes are exclusive creates and do not need the dashboard lock.
  const deps: ActionDeps = { fs: ctx.ports.fs, root: ws.root, nowMs: ctx.ports.clock.now(), staleExecutionDays: ws.config.staleExecutionDays, readOnly: null };
  return { ws, plans: loaded.state.plans, deps };
}

export function planArgument(plans: readonly Plan[], query: string): Plan {
  const chosen = selectPlan(plans, query);
  if (!chosen.ok) throw chosen.error;
  return chosen.value;
}

export function requirePositionals(args: ParsedArgs, count: number, usage: string): string[] {
  if (args.positionals.length < count) throw new PlandashError("EUSAGE", "missing arguments", { hint: `usage: ${usage}` });
  return args.positionals.slice(0, count);
}
