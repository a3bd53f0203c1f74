/** The ready-to-paste prompt for an LLM coding agent (SPEC §7 "Next step"). Pure. */
import * as path from "node:path";
import type { Achievement, Plan, Step } from "../core/types";
import { documentPaths, type DocumentPaths } from "./document-paths";
import { fillTemplate, type TemplateValues } from "./templates";

/** The documents a step is about, relative to the plans root (the convention of status --json). */
export interface PromptFiles {
  readonly plan: string;
  readonly subplan: string | null;
  readonly execution: string | null;
  readonly fix: string | null;
  readonly resolution: string | null;
  /** The file this step is expected to create, when it creates one. */
  readonly create: string | null;
}

export interface AgentPrompt {
  readonly plan: string;
  readonly achievement: string;
  readonly title: string;
  readonly step: Step;
  readonly prompt: string;
  readonly files: PromptFiles;
}

export interface PromptInput {
  readonly plan: Plan;
  readonly achievement: Achievement;
  readonly step: Step;
  /** Absolute plans root: paths in the prompt are absolute so an agent can open them from anywhere. */
  readonly root: string;
  readonly template: string;
}

function createdBy(step: Step, paths: DocumentPaths): string | null {
  switch (step) {
    case "create-subplan":
      return paths.subplan;
    case "create-execution":
      return paths.nextExecution;
    case "address-fix":
      return paths.resolution;
    case "continue-execution":
    case "review":
      return null;
  }
}

export function promptFiles(plan: Plan, achievement: Achievement, step: Step): PromptFiles {
  const paths = documentPaths(plan, achievement);
  return {
    plan: plan.planFile,
    subplan: achievement.subplan,
    execution: paths.latestExecution,
    fix: achievement.feedback.fix,
    resolution: achievement.feedback.resolution,
    create: createdBy(step, paths),
  };
}

export function templateValues(input: Omit<PromptInput, "template">): TemplateValues {
  const { plan, achievement: a, step, root } = input;
  const abs = (rel: string): string => path.join(root, ...rel.split("/"));
  // null: the number on disk is past counting (actions/refusal.ts); say so instead of a bad name.
  const absOrNone = (rel: string | null): string => (rel === null ? "(none: the attempt or round number on disk is too large; rename that file)" : abs(rel));
  const paths = documentPaths(plan, a);
  const latest = a.executions[a.executions.length - 1];
  const round = a.feedback.round !== null && a.feedback.round > 1 ? ` (round ${a.feedback.round})` : "";
  const files = [
    `- plan: ${abs(plan.planFile)}`,
    ...(a.subplan === null ? [] : [`- SUBPLAN: ${abs(a.subplan)}`]),
    ...(latest === undefined ? [] : [`- latest EXECUTION_TASK (attempt ${latest.attempt}, ${latest.complete ? "complete" : "not complete"}): ${abs(latest.file)}`]),
    ...(a.feedback.fix === null ? [] : [`- FIX request${round}: ${abs(a.feedback.fix)}`]),
    ...(a.feedback.resolution === null ? [] : [`- FIX resolution${round}: ${abs(a.feedback.resolution)}`]),
  ];
  return {
    plan: plan.name,
    planId: plan.id,
    achievement: a.id,
    key: a.key,
    title: a.title,
    step,
    root,
    planDir: plan.id === "." ? root : abs(plan.id),
    planFile: abs(plan.planFile),
    subplanFile: abs(paths.subplan),
    executionFile: paths.latestExecution === null ? "(none yet)" : abs(paths.latestExecution),
    nextExecutionFile: absOrNone(paths.nextExecution),
    fixFile: absOrNone(paths.fix),
    nextFixFile: absOrNone(paths.nextFix),
    resolutionFile: abs(paths.resolution),
    approvedFile: abs(paths.approval),
    files: files.join("\n"),
  };
}

export function buildAgentPrompt(input: PromptInput): AgentPrompt {
  const { plan, achievement, step } = input;
  return {
    plan: plan.id,
    achievement: achievement.id,
    title: achievement.title,
    step,
    prompt: fillTemplate(input.template, templateValues(input)),
    files: promptFiles(plan, achievement, step),
  };
}
