/** `plandash trust [--revoke]` (SPEC §8): let the workspace config's agentCommand and editor run. */
import { workspaceConfigPath } from "../../workspace/config";
import { readTrustList, trustListPath, withoutTrust, withTrust, writeTrustList, type WorkspaceTrust } from "../../workspace/trust";
import { PlandashError } from "../../util/errors";
import type { CommandSpec } from "../command";
import { flagOption } from "../command";
import { EXIT } from "../exit";
import { writeText } from "../render";
import { trustCommandLine } from "../trust-gate";
import { printWarnings, resolveWorkspace } from "../workspace-context";

function named(trust: WorkspaceTrust): string {
  return trust.realPath === trust.file ? trust.file : `${trust.file} (→ ${trust.realPath})`;
}

export const trustCommand: CommandSpec = {
  name: "trust",
  summary: "let the workspace config's agentCommand and editor run, until the file changes",
  usage: "plandash trust [--revoke] [--root DIR]",
  maxPositionals: 0,
  options: {
    revoke: { type: "boolean", description: "stop trusting the workspace config" },
  },
  details: [
    "A workspace config (<plans root>/.plandash/config.json) comes with the repository, so the",
    "commands it names (agentCommand, editor) run only once you trust it. plandash records the",
    "file's real path and sha256 in $XDG_CONFIG_HOME/plandash/trusted.json (~/.config/plandash/);",
    "any edit to the file withdraws the trust until you run plandash trust again. Your own",
    "~/.config/plandash/config.json needs no trust and is never written.",
    "",
    "Examples:",
    "  plandash trust",
    "  plandash trust --revoke --root ~/src/project",
  ].join("\n"),
  async run(ctx, args) {
    const ws = resolveWorkspace(ctx, args, {}, { trustWarning: false });
    printWarnings(ctx, ws.warnings);
    const found = { root: ws.root, source: ws.rootSource };
    const trust = ws.trust;
    if (trust === null) {
      throw new PlandashError("EREFUSED", `no workspace config: nothing to trust`, {
        where: workspaceConfigPath(ws.root),
        hint: "plandash trust is for a plans root's .plandash/config.json; your own config applies without it",
      });
    }
    const listFile = trustListPath(ctx.ports.env);
    if (listFile === null) {
      throw new PlandashError("EREFUSED", "no folder for the trust list: HOME and XDG_CONFIG_HOME are unset", { hint: "set HOME (or XDG_CONFIG_HOME) and try again" });
    }
    const { fs, clock, proc } = ctx.ports;
    const list = readTrustList(fs, listFile);
    const unique = `${proc.pid}-${clock.now()}`;
    if (flagOption(args, "revoke")) {
      if (!list.entries.some((e) => e.path === trust.realPath)) {
        writeText(ctx, `${named(trust)} was not trusted; nothing to revoke.\n`);
        return EXIT.ok;
      }
      writeTrustList(fs, listFile, withoutTrust(list, trust.realPath), unique);
      writeText(ctx, `No longer trusted: ${named(trust)}. Its agentCommand and editor are ignored again.\n`);
      return EXIT.ok;
    }
    writeTrustList(fs, listFile, withTrust(list, { path: trust.realPath, sha256: trust.sha256, trustedAt: new Date(clock.now()).toISOString() }), unique);
    const lines = [`Trusted ${named(trust)} (sha256 ${trust.sha256.slice(0, 12)}…).`];
    if (trust.commands.length === 0) lines.push("It sets no agentCommand or editor now; if it gets one, the edit needs trust again.");
    else lines.push("These now run when asked:", ...trust.commands.map((c) => `  ${c.key}: ${c.command}`));
    lines.push(`Any edit to the file withdraws the trust; ${trustCommandLine(found, "--revoke")} withdraws it now.`);
    writeText(ctx, `${lines.join("\n")}\n`);
    return EXIT.ok;
  },
};
