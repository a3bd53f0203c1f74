/** The live engine as every long-running command builds it from the workspace's config. */
import { createEngine, type Engine } from "../live/engine";
import type { Debug } from "../util/debug";
import type { CommandContext } from "./command";
import type { WorkspaceContext } from "./workspace-context";

export function engineFor(ctx: CommandContext, ws: WorkspaceContext, modeSource: string | undefined, debug: Debug): Engine {
  return createEngine({
    root: ws.root,
    fs: ctx.ports.fs,
    clock: ctx.ports.clock,
    watch: ws.config.watch,
    pollIntervalMs: ws.config.pollInterval,
    rescanIntervalMs: ws.config.rescanInterval,
    debounceMs: ws.config.debounce,
    maxDepth: ws.config.maxDepth,
    staleExecutionDays: ws.config.staleExecutionDays,
    debug,
    ...(modeSource === undefined ? {} : { modeSource }),
  });
}

/**
 * An open watch or dashboard should idle at the size of its state, not of its start: the first full
 * read (and a snapshot written from it) leaves garbage that the runtime otherwise collects only
 * piecemeal, holding the heap near its peak. One full collection once it is shown: idle RSS of
 * `watch --poll` at 1,000 × 20 97.5 → 90.4 MB.
 */
export function collectStartGarbage(): void {
  Bun.gc(true);
}
