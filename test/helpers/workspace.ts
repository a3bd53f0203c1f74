/**
 * Fixture builders: a workspace is written into a fresh temp dir and removed on dispose.
 * File names come from the same rules plandash reads them by (core/file-roles).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { documentNames } from "../../src/core/file-roles";
import { achievementKey } from "../../src/core/ids";

export type Tree = Record<string, string | Uint8Array>;

export interface TempWorkspace extends AsyncDisposable {
  /** The temp folder (a "repository root"); plans live in `root`. */
  readonly dir: string;
  /** The plans root: `<dir>/work-space/plans`. */
  readonly root: string;
  /** Absolute path of a file under the plans root. */
  path(rel: string): string;
  write(rel: string, content: string | Uint8Array): Promise<void>;
  remove(rel: string): Promise<void>;
  read(rel: string): string;
  exists(rel: string): boolean;
}

export function writeFiles(base: string, tree: Tree): void {
  for (const [rel, content] of Object.entries(tree)) {
    const file = path.join(base, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export function tempDir(prefix = "plandash-test-"): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Plans are given by their id (folder path relative to the plans root) → files relative to that folder. */
export async function tempWorkspace(plans: Record<string, Tree> = {}): Promise<TempWorkspace> {
  const dir = tempDir();
  const root = path.join(dir, "work-space", "plans");
  fs.mkdirSync(root, { recursive: true });
  for (const [id, tree] of Object.entries(plans)) writeFiles(path.join(root, id), tree);
  return {
    dir,
    root,
    path: (rel) => path.join(root, rel),
    async write(rel, content) {
      const file = path.join(root, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    },
    async remove(rel) {
      fs.rmSync(path.join(root, rel), { recursive: true, force: true });
    },
    read: (rel) => fs.readFileSync(path.join(root, rel), "utf8"),
    exists: (rel) => fs.existsSync(path.join(root, rel)),
    async [Symbol.asyncDispose]() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PlanSpec {
  /** "1.1 Title" entries inside an `## Achievement Index` section. */
  readonly index?: readonly string[];
  /** "1.1 Title" entries as `### Achievement 1.1: Title` headings, no index section. */
  readonly fallback?: readonly string[];
  /** Header `**Status**:` of the plan file. */
  readonly status?: string;
  /** Achievement keys ("11") that have a SUBPLAN. */
  readonly subplans?: readonly string[];
  /** Execution files: key → header status of each attempt ("In Progress", "Complete"). */
  readonly executions?: Readonly<Record<string, readonly string[]>>;
  readonly approved?: readonly string[];
  readonly fixes?: readonly string[];
  readonly resolutions?: readonly string[];
  readonly parallel?: unknown;
  /** Extra raw files, relative to the plan folder. */
  readonly extra?: Tree;
}

function idAndTitle(entry: string): [string, string] {
  const space = entry.indexOf(" ");
  return space < 0 ? [entry, ""] : [entry.slice(0, space), entry.slice(space + 1)];
}

export function planDir(name: string, spec: PlanSpec = {}): Tree {
  const lines = [`# PLAN: ${name}`, "", `**Status**: ${spec.status ?? "In Progress"}`, ""];
  if (spec.index !== undefined) {
    lines.push("## Achievement Index", "");
    for (const e of spec.index) {
      const [id, title] = idAndTitle(e);
      lines.push(`- Achievement ${id}: ${title}`);
    }
    lines.push("");
  }
  for (const e of spec.fallback ?? []) {
    const [id, title] = idAndTitle(e);
    lines.push(`### Achievement ${id}: ${title}`, "");
  }
  const tree: Tree = { [documentNames.plan(name)]: lines.join("\n") };
  for (const key of spec.subplans ?? []) tree[`subplans/${documentNames.subplan(name, key)}`] = `# SUBPLAN ${key}\n`;
  for (const [key, attempts] of Object.entries(spec.executions ?? {})) {
    attempts.forEach((status, i) => {
      tree[`execution/${documentNames.execution(name, key, i + 1)}`] = `# EXECUTION ${key}\n\n**Status**: ${status}\n`;
    });
  }
  for (const key of spec.approved ?? []) tree[`execution/feedbacks/${documentNames.approval(key)}`] = "approved\n";
  for (const key of spec.fixes ?? []) tree[`execution/feedbacks/${documentNames.fix(key)}`] = "fix this\n";
  for (const key of spec.resolutions ?? []) tree[`execution/feedbacks/${documentNames.resolution(key)}`] = "fixed\n";
  if (spec.parallel !== undefined) tree["parallel.json"] = typeof spec.parallel === "string" ? spec.parallel : JSON.stringify(spec.parallel);
  return { ...tree, ...(spec.extra ?? {}) };
}

export { achievementKey };
