/**
 * The demo's simulated agent and reviewer as a pure script: given the plans as they are on disk,
 * which document to write next. Deciding from the state (not from a step counter) keeps the demo
 * right when the newcomer acts too: approve 1.1 from the dashboard and the agent moves on to 1.2.
 *
 * Per achievement of the focus plans, in order: SUBPLAN → EXECUTION_TASK → Complete → (a
 * reviewer's FIX → the agent's RESOLUTION, on every other achievement) → APPROVED. Once the first
 * achievement is approved a new plan appears (once), and the agent works through it after.
 */
import type { Achievement, Plan } from "../core/types";

/** The example plan the agent works on first: every achievement not started. */
export const DEMO_FOCUS_PLAN = "ONBOARDING-DOCS";

export type DemoStepKind = "create-subplan" | "create-execution" | "mark-complete" | "request-fix" | "resolve-fix" | "approve" | "add-plan";

export type DemoStep =
  | { readonly kind: Exclude<DemoStepKind, "add-plan">; readonly actor: "agent" | "reviewer"; readonly planId: string; readonly achievementId: string }
  | { readonly kind: "add-plan"; readonly actor: "agent"; readonly planId: string };

export interface DemoView {
  /** The focus plans that exist, in the order the agent works on them. */
  readonly plans: readonly Plan[];
  /** The id of the plan the agent adds, and whether it is there already. */
  readonly addedPlanId: string;
  readonly addedPlanExists: boolean;
}

/** Every other achievement (1st, 3rd…) gets one round of review fixes before its approval. */
function wantsFixRound(plan: Plan, a: Achievement): boolean {
  return a.feedback.round === null && plan.achievements.indexOf(a) % 2 === 0;
}

function stepFor(plan: Plan): DemoStep | null {
  const next = plan.next;
  if (next === null || plan.paused) return null;
  const a = plan.achievements.find((x) => x.id === next.achievement);
  if (a === undefined) return null;
  const at = { planId: plan.id, achievementId: a.id };
  switch (next.step) {
    case "create-subplan":
      return { kind: "create-subplan", actor: "agent", ...at };
    case "create-execution":
      return { kind: "create-execution", actor: "agent", ...at };
    case "continue-execution":
      return { kind: "mark-complete", actor: "agent", ...at };
    case "review":
      return wantsFixRound(plan, a) ? { kind: "request-fix", actor: "reviewer", ...at } : { kind: "approve", actor: "reviewer", ...at };
    case "address-fix":
      return { kind: "resolve-fix", actor: "agent", ...at };
  }
}

/** The next document to write, or null when the script has nothing left to do. */
export function nextDemoStep(view: DemoView): DemoStep | null {
  const addPlan: DemoStep = { kind: "add-plan", actor: "agent", planId: view.addedPlanId };
  const first = view.plans[0];
  if (!view.addedPlanExists && first !== undefined && first.progress.approved > 0) return addPlan;
  for (const plan of view.plans) {
    const step = stepFor(plan);
    if (step !== null) return step;
  }
  return view.addedPlanExists ? null : addPlan;
}

/** One line for the human: who did what. */
export function describeStep(step: DemoStep): string {
  const who = step.actor === "agent" ? "agent" : "reviewer";
  if (step.kind === "add-plan") return `${who}: added plan ${step.planId}`;
  const what: Record<Exclude<DemoStepKind, "add-plan">, string> = {
    "create-subplan": "wrote the SUBPLAN of",
    "create-execution": "started an EXECUTION_TASK for",
    "mark-complete": "marked Complete the work on",
    "request-fix": "asked for fixes on",
    "resolve-fix": "resolved the fixes on",
    approve: "approved",
  };
  return `${who}: ${what[step.kind]} ${step.planId} ${step.achievementId}`;
}
