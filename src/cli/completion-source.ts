/**
 * Plan names and achievement ids for shell completion, read the cheap way: plan names come from
 * the folder walk alone (a PLAN file's name is in its file name), and achievement ids from the one
 * PLAN file asked about, through the same buildPlan as everything else. Nothing is written and the
 * lock is never looked at.
 */
import * as path from "node:path";
import { comparePlans } from "../core/ids";
import { buildPlan, choosePlanFile, PLAN_READ_CAP_BYTES } from "../core/plan";
import { planFileName } from "../core/file-roles";
import { selectPlan } from "../core/select-plan";
import { scanWorkspace, type PlanDir } from "../workspace/scan";
import type { CommandContext } from "./command";
import type { CompletionSource } from "./complete";
import { resolveWorkspace } from "./workspace-context";

interface PlanRef {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  readonly dir: PlanDir;
  readonly dirName: string;
  readonly planFile: string | null;
}

/** `--root DIR` or `--root=DIR` among the words being completed, else undefined. */
export function rootAmong(words: readonly string[]): string | undefined {
  let found: string | undefined;
  words.forEach((w, i) => {
    if (w === "--root" && i + 1 < words.length - 1) found = words[i + 1];
    else if (w.startsWith("--root=")) found = w.slice("--root=".length);
  });
  return found === "" ? undefined : found;
}

/**
 * The workspace of the current folder (or the `--root` on the line being completed). Any problem
 * (no workspace, a bad config) means no names: a completion never prints an error into a prompt.
 */
export function diskCompletionSource(ctx: CommandContext, words: readonly string[]): CompletionSource {
  let refs: PlanRef[] | null = null;
  let ws: ReturnType<typeof resolveWorkspace> | null = null;
  const plans = (): PlanRef[] => {
    if (refs !== null) return refs;
    refs = [];
    try {
      const root = rootAmong(words);
      ws = resolveWorkspace(ctx, { values: root === undefined ? {} : { root }, positionals: [] });
      const scan = scanWorkspace(ctx.ports.fs, ws.root, ws.config.maxDepth);
      refs = scan.planDirs.map((dir) => {
        const dirName = dir.id === "." ? path.basename(dir.absDir) : path.basename(dir.id);
        const planFile = choosePlanFile(dirName, dir.planFiles);
        const name = (planFile === null ? null : planFileName(planFile)) ?? dir.id;
        const slash = dir.id.lastIndexOf("/");
        return { id: dir.id, name, group: slash < 0 ? "" : dir.id.slice(0, slash), dir, dirName, planFile };
      });
      refs.sort(comparePlans);
    } catch {
      // ENOROOT, ECONFIG, EACCES…: a completion offers nothing rather than an error.
      refs = [];
    }
    return refs;
  };
  return {
    plans,
    achievements(query) {
      const chosen = selectPlan(plans(), query);
      const config = ws?.config;
      if (!chosen.ok || config === undefined || chosen.value.planFile === null) return [];
      const { dir, dirName, planFile } = chosen.value;
      try {
        // SPEC §1.3: the PLAN file alone says which achievements there are; their documents only set their status.
        const content = ctx.ports.fs.readFile(path.join(dir.absDir, planFile), PLAN_READ_CAP_BYTES);
        const input = { id: dir.id, dirName, planFiles: dir.planFiles, planFile: { name: planFile, bytes: content.bytes, size: content.size, errorCode: null }, subplans: [], executions: [], feedbacks: [], parallelJson: null, unreadable: [] };
        return buildPlan(input, { nowMs: ctx.ports.clock.now(), staleExecutionDays: config.staleExecutionDays }).achievements.map((a) => a.id);
      } catch {
        // The file went away between the walk and the read (ENOENT), or cannot be read: nothing to offer.
        return [];
      }
    },
  };
}
