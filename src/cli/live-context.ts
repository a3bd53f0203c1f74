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
