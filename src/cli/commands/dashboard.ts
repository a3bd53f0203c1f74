/**
 * `plandash` with no command. Until the interactive dashboard lands it prints status; it never
 * waits on a prompt. With no workspace it shows the built-in demo workspace and says so first.
 */
import { exampleWorkspace } from "../../demo/example-workspace";
import { isPlandashError } from "../../util/errors";
import { writeTree } from "../../workspace/write-tree";
import type { CommandSpec } from "../command";
import { flagOption } from "../command";
import { loadFromContext, printWarnings, resolveWorkspace } from "../workspace-context";
import { printStatus } from "./status";

export const dashboardCommand: CommandSpec = {
  name: "dashboard",
  summary: "the live dashboard (the default; prints status when not on a terminal)",
  usage: "plandash [dashboard] [--root DIR]",
  maxPositionals: 0,
  options: {
    json: { type: "boolean", description: "without a terminal: print status as JSON" },
  },
  async run(ctx, args) {
    let ws;
    try {
      ws = resolveWorkspace(ctx, args);
    } catch (error) {
      if (!isPlandashError(error) || error.code !== "ENOROOT" || flagOption(args, "json")) throw error;
      return showDemo(ctx, args, error.message);
    }
    printWarnings(ctx, ws.warnings);
    const loaded = loadFromContext(ctx, ws);
    printWarnings(ctx, loaded.warnings);
    return printStatus(ctx, args, loaded.state, undefined);
  },
};

async function showDemo(ctx: Parameters<CommandSpec["run"]>[0], args: Parameters<CommandSpec["run"]>[1], why: string): Promise<number> {
  const { fs } = ctx.ports;
  const dir = fs.makeTempDir("plandash-demo-");
  try {
    writeTree(fs, dir, exampleWorkspace());
    ctx.stdout.write(`No workspace found (${why}); showing the built-in demo workspace. Run \`plandash init\` to create your own.\n`);
    const ws = resolveWorkspace(ctx, { values: { ...args.values, root: dir }, positionals: [] });
    printWarnings(ctx, ws.warnings);
    const loaded = loadFromContext(ctx, ws);
    printWarnings(ctx, loaded.warnings);
    return printStatus(ctx, args, loaded.state, undefined);
  } finally {
    fs.removeTree(dir);
  }
}
