/**
 * Plan names and achievement ids for shell completion, read the cheap way: plan names come from
 * the folder walk alone (a PLAN file's name is in its file name), and only the one plan whose
 * achievements are asked for is read. Nothing is written and the lock is never looked at.
 */
import * as path from "node:path";
import { comparePlans } from "../core/ids";
import { choosePlanFile } from "../core/plan";
import { planFileName } from "../core/file-roles";
import { selectPlan } from "../core/select-plan";
import { loadPlan } from "../workspace/load";
import { scanWorkspace, type PlanDir } from "../workspace/scan";
import type { CommandContext } from "./command";
import type { CompletionSource } from "./complete";
import { resolveWorkspace } from "./workspace-context";

interface PlanRef {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  readonly dir: PlanDir;
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
        const file = choosePlanFile(dir.id === "." ? path.basename(dir.absDir) : path.basename(dir.id), dir.planFiles);
        const name = (file === null ? null : planFileName(file)) ?? dir.id;
        const slash = dir.id.lastIndexOf("/");
        return { id: dir.id, name, group: slash < 0 ? "" : dir.id.slice(0, slash), dir };
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
      if (!chosen.ok || config === undefined) return [];
      try {
        return loadPlan(ctx.ports.fs, chosen.value.dir, { nowMs: ctx.ports.clock.now(), staleExecutionDays: config.staleExecutionDays }).achievements.map((a) => a.id);
      } catch {
        // The folder went away between the walk and the read (ENOENT): nothing to offer.
        return [];
      }
    },
  };
}
