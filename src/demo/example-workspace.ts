/**
 * The built-in example workspace (embedded in the binary): six plans, one in each state a
 * newcomer should see. Used by `plandash init`, by the dashboard when no workspace is found,
 * and by `plandash demo`. File names come from the same rules the scanner reads them by.
 */
import { documentNames } from "../core/file-roles";
import { achievementKey } from "../core/ids";
import type { FileTree } from "../workspace/write-tree";

interface ExampleAchievement {
  readonly id: string;
  readonly title: string;
  /** How far the achievement got. */
  readonly stage?: "subplan" | "executing" | "executed" | "fix" | "resolved" | "approved";
}

interface ExamplePlan {
  readonly dir: string;
  readonly name: string;
  readonly goal: string;
  readonly status: string;
  readonly achievements: readonly ExampleAchievement[];
  readonly parallel?: readonly { readonly id: string; readonly dependencies: readonly string[] }[];
}

const CREATED = "2026-01-05 09:00 UTC";

const PLANS: readonly ExamplePlan[] = [
  {
    dir: "SEARCH-INDEX",
    name: "SEARCH-INDEX",
    goal: "Full-text search over the knowledge base.",
    status: "Complete",
    achievements: [
      { id: "1.1", title: "Tokeniser and stemming", stage: "approved" },
      { id: "1.2", title: "Inverted index on disk", stage: "approved" },
      { id: "2.1", title: "Query parser with phrases", stage: "approved" },
    ],
  },
  {
    dir: "AUTH-REFACTOR",
    name: "AUTH-REFACTOR",
    goal: "Replace the session cookie code with one token service.",
    status: "In Progress",
    achievements: [
      { id: "1.1", title: "Token service interface", stage: "approved" },
      { id: "1.2", title: "Migrate login and logout", stage: "fix" },
      { id: "1.3", title: "Remove the old cookie code" },
    ],
  },
  {
    dir: "BILLING-EXPORT",
    name: "BILLING-EXPORT",
    goal: "Monthly CSV and PDF export of invoices.",
    status: "In Progress",
    achievements: [
      { id: "1.1", title: "CSV export of invoices", stage: "executed" },
      { id: "1.2", title: "PDF rendering", stage: "subplan" },
      { id: "2.1", title: "Scheduled monthly export" },
    ],
  },
  {
    dir: "CLI-POLISH",
    name: "CLI-POLISH",
    goal: "Make the command-line tool pleasant for daily use.",
    status: "In Progress",
    achievements: [
      { id: "1.1", title: "Consistent --help on every command", stage: "approved" },
      { id: "1.2", title: "Shell completion", stage: "executing" },
      { id: "1.3", title: "Coloured, width-aware tables" },
      { id: "2.1", title: "Config file with typed errors" },
    ],
    parallel: [
      { id: "1.1", dependencies: [] },
      { id: "1.2", dependencies: ["1.1"] },
      { id: "1.3", dependencies: ["1.1"] },
      { id: "2.1", dependencies: ["1.2", "1.3"] },
    ],
  },
  {
    dir: "ONBOARDING-DOCS",
    name: "ONBOARDING-DOCS",
    goal: "A new contributor ships a change on day one.",
    status: "Planned",
    achievements: [
      { id: "1.1", title: "Getting-started guide" },
      { id: "1.2", title: "Architecture tour" },
      { id: "2.1", title: "First-issue checklist" },
    ],
  },
  {
    dir: "a_paused/MOBILE-SYNC",
    name: "MOBILE-SYNC",
    goal: "Offline sync for the mobile app.",
    status: "⏸ Paused — waiting on the API freeze",
    achievements: [
      { id: "1.1", title: "Conflict resolution rules", stage: "subplan" },
      { id: "1.2", title: "Background sync worker" },
    ],
  },
];

/**
 * The plan the demo's agent adds once while it works (`plandash demo`): not in the example
 * workspace itself, so a newcomer sees a plan appear.
 */
const ADDED_PLAN: ExamplePlan = {
  dir: "RELEASE-NOTES",
  name: "RELEASE-NOTES",
  goal: "Release notes written from the approved work.",
  status: "Planned",
  achievements: [
    { id: "1.1", title: "Changelog from approved achievements" },
    { id: "1.2", title: "Announcement post" },
  ],
};

/** The added plan's id and its PLAN file (path relative to the plans root, and text). */
export function addedPlan(): { readonly id: string; readonly rel: string; readonly content: string } {
  return { id: ADDED_PLAN.dir, rel: `${ADDED_PLAN.dir}/${documentNames.plan(ADDED_PLAN.name)}`, content: planText(ADDED_PLAN) };
}

function planText(p: ExamplePlan): string {
  return [
    `# PLAN: ${p.name}`,
    "",
    `**Status**: ${p.status}`,
    `**Created**: ${CREATED}`,
    `**Goal**: ${p.goal}`,
    "",
    "## Achievement Index",
    "",
    ...p.achievements.map((a) => `- Achievement ${a.id}: ${a.title}`),
    "",
    "## Achievements",
    "",
    ...p.achievements.flatMap((a) => [`### Achievement ${a.id}: ${a.title}`, "", "Goal: describe the outcome and how it is verified.", ""]),
  ].join("\n");
}

function header(type: string, p: ExamplePlan, a: ExampleAchievement, status: string, location: string): string {
  return [
    `# ${type}: ${p.name} — Achievement ${a.id}`,
    "",
    `**Type**: ${type}`,
    `**Plan**: ${p.name}`,
    `**Achievement**: ${a.id} — ${a.title}`,
    `**Status**: ${status}`,
    `**Created**: ${CREATED}`,
    `**File Location**: ${location}`,
    "",
  ].join("\n");
}

type Stage = NonNullable<ExampleAchievement["stage"]>;
type Step = "subplan" | "executing" | "executed" | "fix" | "resolved" | "approved";

/** Which documents each stage has: a review either asked for a fix (and maybe got it) or approved. */
const DOCUMENTS: Readonly<Record<Stage, readonly Step[]>> = {
  subplan: ["subplan"],
  executing: ["subplan", "executing"],
  executed: ["subplan", "executing", "executed"],
  fix: ["subplan", "executing", "executed", "fix"],
  resolved: ["subplan", "executing", "executed", "fix", "resolved"],
  approved: ["subplan", "executing", "executed", "approved"],
};

function reached(a: ExampleAchievement, step: Step): boolean {
  return a.stage !== undefined && DOCUMENTS[a.stage].includes(step);
}

export function exampleWorkspace(): FileTree {
  const tree: Record<string, string> = {};
  for (const p of PLANS) {
    tree[`${p.dir}/${documentNames.plan(p.name)}`] = planText(p);
    for (const a of p.achievements) {
      const key = achievementKey(a.id);
      if (reached(a, "subplan")) {
        const file = `${p.dir}/subplans/${documentNames.subplan(p.name, key)}`;
        tree[file] = `${header("SUBPLAN", p, a, "Ready", file)}\n## Approach\n\nSteps, risks and tests for ${a.title}.\n`;
      }
      if (reached(a, "executing")) {
        const file = `${p.dir}/execution/${documentNames.execution(p.name, key, 1)}`;
        const status = reached(a, "executed") ? "Complete" : "In Progress";
        tree[file] = `${header("EXECUTION_TASK", p, a, status, file)}\n## Log\n\n- Started work on ${a.title}.\n`;
      }
      if (reached(a, "fix")) {
        tree[`${p.dir}/execution/feedbacks/${documentNames.fix(key)}`] =
          `# FIX: ${p.name} — Achievement ${a.id}\n\n**Reviewer**: demo\n**Date**: 2026-01-06\n\n- The logout path keeps the old cookie.\n`;
      }
      if (reached(a, "resolved")) {
        tree[`${p.dir}/execution/feedbacks/${documentNames.resolution(key)}`] = `# FIX RESOLUTION: Achievement ${a.id}\n\nFixed.\n`;
      }
      if (reached(a, "approved")) {
        tree[`${p.dir}/execution/feedbacks/${documentNames.approval(key)}`] =
          `# APPROVED: ${p.name} — Achievement ${a.id}\n\n**Reviewer**: demo\n**Date**: 2026-01-07\n`;
      }
    }
    if (p.parallel !== undefined) {
      tree[`${p.dir}/parallel.json`] = `${JSON.stringify({ plan_name: p.name, achievements: p.parallel.map((e) => ({ achievement_id: e.id, dependencies: e.dependencies })) }, null, 2)}\n`;
    }
  }
  return tree;
}
