/** `plandash init [DIR]`: writes the example workspace to DIR/work-space/plans/, never overwriting. */
import * as path from "node:path";
import { exampleWorkspace } from "../../demo/example-workspace";
import { PlandashError } from "../../util/errors";
import { writeTree } from "../../workspace/write-tree";
import type { CommandSpec } from "../command";
import { EXIT } from "../exit";
import { writeText } from "../render";
import { shellQuote } from "../../util/shell-quote";
import { countOf } from "../../ui/plural";

export const initCommand: CommandSpec = {
  name: "init",
  summary: "create work-space/plans/ with example plans",
  usage: "plandash init [DIR]",
  maxPositionals: 1,
  arguments: ["dir"],
  options: {},
  details: "Refuses when DIR/work-space/plans already exists; nothing is ever overwritten.\n\nExample:\n  plandash init ~/my-project && cd ~/my-project && plandash status",
  async run(ctx, args) {
    const target = path.resolve(ctx.ports.cwd, args.positionals[0] ?? ".");
    const plans = path.join(target, "work-space", "plans");
    if (ctx.ports.fs.exists(plans)) {
      throw new PlandashError("EEXIST", `${plans} already exists`, { hint: "init never overwrites; use that workspace or pick another DIR" });
    }
    const written = writeTree(ctx.ports.fs, plans, exampleWorkspace());
    writeText(ctx, `Created ${countOf(written.length, "file")} in ${plans}\nNext: cd ${shellQuote(target)} && plandash status\n`);
    return EXIT.ok;
  },
};
