/** The next step of a plan and its agent prompt (SPEC §2.2 "next", §7). */
import { selectPlan } from "../core/select-plan";
import { stepFor } from "../core/status";
import type { Plan } from "../core/types";
import type { FsPort } from "../ports";
import { PlandashError, type Result } from "../util/errors";
import { findAchievement } from "./create-doc";
import { buildAgentPrompt, type AgentPrompt } from "./prompt";
import { loadTemplate } from "./templates";

/** With PLAN: that plan. Without: the first non-paused plan that still has a next step, in SPEC order. */
export function choosePlanForNext(plans: readonly Plan[], query: string | undefined): Result<Plan> {
  if (query !== undefined) return selectPlan(plans, query);
  const open = plans.find((p) => !p.paused && p.next !== null);
  if (open !== undefined) return { ok: true, value: open };
  return {
    ok: false,
    error: new PlandashError("ENOSTEP", "no plan has a next step: every plan is complete, paused or empty", {
      hint: plans.length === 0 ? "create a plan, or run `plandash init`" : "name a plan to see it (`plandash next PLAN`), or add achievements",
    }),
  };
}

export interface NextPrompt extends AgentPrompt {
  /** "built-in", or the absolute path of the workspace override used. */
  readonly template: string;
  readonly warnings: readonly string[];
}

/**
 * The prompt for the plan's next step, or for a given achievement's step. null when there is
 * nothing to do (the plan is complete or empty, or the achievement is approved).
 */
export function nextStepPrompt(deps: { fs: FsPort; root: string }, plan: Plan, achievementId?: string): Result<NextPrompt | null> {
  const wanted = achievementId ?? plan.next?.achievement;
  // No achievement asked for and none next: the plan is complete or empty, nothing to do.
  if (wanted === undefined) return { ok: true, value: null };
  const found = findAchievement(plan, wanted);
  if (!found.ok) return found;
  const achievement = found.value;
  const step = stepFor(achievement.status);
  if (step === null) return { ok: true, value: null };
  const template = loadTemplate(deps.fs, deps.root, step);
  const prompt = buildAgentPrompt({ plan, achievement, step, root: deps.root, template: template.text });
  return { ok: true, value: { ...prompt, template: template.source, warnings: template.warning === null ? [] : [template.warning] } };
}
