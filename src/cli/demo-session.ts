/**
 * What `plandash demo` and `plandash` without a workspace share: a temporary copy of the example
 * workspace (removed on every way out unless kept) and the simulated agent that works in it
 * alongside the engine.
 */
import { startDemoAgent, type DemoAgentEvent } from "../demo/agent";
import { exampleWorkspace } from "../demo/example-workspace";
import type { Engine } from "../live/engine";
import { writeTree } from "../workspace/write-tree";
import type { CommandContext } from "./command";
import type { WorkspaceContext } from "./workspace-context";

/** The demo's first footer message, after "Demo:" or "No workspace found here, so this is the demo:". */
export const DEMO_GREETING = "a simulated agent and reviewer write a document every 2–3 s; watch the plans change, q quits";

/** A fresh temporary folder holding the example workspace. Unless `keep`, it is removed when the process exits, however it exits. */
export function makeDemoWorkspace(ctx: CommandContext, keep: boolean): string {
  const { fs } = ctx.ports;
  const dir = fs.makeTempDir("plandash-demo-");
  if (!keep) ctx.atExit(() => fs.removeTree(dir));
  writeTree(fs, dir, exampleWorkspace());
  return dir;
}

/** Starts the agent on `ws` next to `engine`, which re-reads each plan it writes at once; returns its stop. */
export function startDemoAlongside(ctx: CommandContext, ws: WorkspaceContext, engine: Pick<Engine, "refresh">, onEvent?: (e: DemoAgentEvent) => void): () => void {
  const agent = startDemoAgent({
    clock: ctx.ports.clock,
    fs: ctx.ports.fs,
    root: ws.root,
    staleExecutionDays: ws.config.staleExecutionDays,
    // Read-your-writes (SPEC §4). A failed re-read is caught up by the watcher's own event.
    afterWrite: (planId) => void engine.refresh({ plan: planId }).catch(() => {}),
    ...(onEvent === undefined ? {} : { onEvent }),
  });
  return () => agent.stop();
}
