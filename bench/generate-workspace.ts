/**
 * Writes a synthetic workspace for measurements: N plans × M achievements with a realistic mix
 * of states (about 60,000 files at 1,000 × 20). Usage:
 *   bun bench/generate-workspace.ts DIR [--plans 1000] [--achievements 20]
 * Prints the plans root. Names come from the same rules plandash reads (core/file-roles).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { documentNames } from "../src/core/file-roles";

export interface GenerateOptions {
  readonly plans: number;
  readonly achievements: number;
}

/** Writes the workspace under `dir/work-space/plans` and returns that path and the file count. */
export function generateWorkspace(dir: string, options: GenerateOptions): { root: string; files: number } {
  const root = path.join(dir, "work-space", "plans");
  let files = 0;
  const write = (file: string, content: string): void => {
    fs.writeFileSync(file, content);
    files += 1;
  };
  for (let p = 0; p < options.plans; p++) {
    const group = p % 10 === 9 ? `group-${p % 7}` : "";
    const name = `PLAN-${String(p).padStart(4, "0")}`;
    const planDir = path.join(root, group, name);
    for (const sub of ["subplans", "execution/feedbacks"]) fs.mkdirSync(path.join(planDir, sub), { recursive: true });
    const ids = Array.from({ length: options.achievements }, (_, i) => `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`);
    const index = ids.map((id) => `- Achievement ${id}: Work item ${id} of ${name}`).join("\n");
    const body = ids.map((id) => `### Achievement ${id}: Work item ${id}\n\nGoal: a paragraph of text describing the work.\n`).join("\n");
    write(path.join(planDir, documentNames.plan(name)), `# PLAN: ${name}\n\n**Status**: In Progress\n\n## Achievement Index\n\n${index}\n\n## Details\n\n${body}`);
    // Progress varies by plan: the first `done` achievements are approved, the next is mid-flight,
    // the rest have not started (about 3 files per achievement overall).
    const done = Math.max(0, options.achievements - 1 - (p % 6));
    ids.forEach((id, i) => {
      const key = id.replace(".", "");
      if (i > done) return;
      write(path.join(planDir, "subplans", documentNames.subplan(name, key)), `# SUBPLAN ${id}\n\n**Status**: Ready\n`);
      const complete = i < done || p % 3 === 0;
      write(
        path.join(planDir, "execution", documentNames.execution(name, key, 1)),
        `# EXECUTION ${id}\n\n**Status**: ${complete ? "Complete" : "In Progress"}\n\n## Log\n\nSome notes.\n`,
      );
      if (i < done) write(path.join(planDir, "execution", "feedbacks", documentNames.approval(key)), "# APPROVED\n");
      else if (p % 5 === 0) write(path.join(planDir, "execution", "feedbacks", documentNames.fix(key)), "# FIX\n");
    });
  }
  return { root, files };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    args: Bun.argv.slice(2),
    options: { plans: { type: "string", default: "1000" }, achievements: { type: "string", default: "20" } },
    allowPositionals: true,
  });
  const dir = positionals[0];
  if (dir === undefined) {
    console.error("usage: bun bench/generate-workspace.ts DIR [--plans N] [--achievements M]");
    process.exit(2);
  }
  const result = generateWorkspace(path.resolve(dir), { plans: Number(values.plans), achievements: Number(values.achievements) });
  console.error(`wrote ${result.files} files`);
  console.log(result.root);
}
