/** `plandash open PLAN [ID]` (SPEC §7): the plan file, or an achievement's newest document, in the editor. */
import * as path from "node:path";
import { chooseEditor, documentToOpen, runEditor } from "../../actions/editor";
import { realProcessRunner } from "../../ports";
import type { CommandSpec } from "../command";
import { EXIT } from "../exit";
import { writeText } from "../render";
import { loadForAction, planArgument, requirePositionals } from "../action-context";

const USAGE = "plandash open PLAN [ID] [--root DIR]";

export const openCommand: CommandSpec = {
  name: "open",
  summary: "open the plan file, or an achievement's newest document, in your editor",
  usage: USAGE,
  maxPositionals: 2,
  arguments: ["plan", "achievement"],
  options: {},
  details: [
    "With ID: the achievement's feedback (APPROVED, else FIX resolution, else FIX), else its latest",
    "EXECUTION_TASK, else its SUBPLAN. The editor is $VISUAL, else $EDITOR, else config `editor`;",
    "plandash waits for it to exit. With no editor set, the file's path is printed instead.",
    "",
    "Examples:",
    "  plandash open AUTH-REFACTOR",
    "  EDITOR='code --wait' plandash open AUTH-REFACTOR 1.2",
  ].join("\n"),
  async run(ctx, args) {
    const [planQuery] = requirePositionals(args, 1, USAGE) as [string];
    const { ws, plans } = loadForAction(ctx, args);
    const plan = planArgument(plans, planQuery);
    const rel = documentToOpen(plan, args.positionals[1]);
    if (!rel.ok) throw rel.error;
    const abs = path.join(ws.root, ...rel.value.split("/"));
    const editor = chooseEditor(ctx.ports.env, ws.config.editor);
    if (editor === null) {
      ctx.stderr.write('plandash: no editor set ($VISUAL, $EDITOR or config "editor"); printing the path instead\n');
      writeText(ctx, `${abs}\n`);
      return EXIT.ok;
    }
    const result = await runEditor(realProcessRunner(ctx.ports.env), editor, abs);
    if (result.exitCode === 0) return EXIT.ok;
    const why = result.spawnError !== null ? `could not start (${result.spawnError})` : result.signal !== null ? `was ended by ${result.signal}` : `exited with code ${result.exitCode}`;
    ctx.stderr.write(`plandash: the editor (${editor.command}, from ${editor.source === "config" ? 'config "editor"' : `$${editor.source}`}) ${why} — check that setting\n`);
    return EXIT.failed;
  },
};
