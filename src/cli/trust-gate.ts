/**
 * SPEC §8 in the CLI: the workspace config's command keys go through the trust list on every
 * command, and the warning says how to trust the file, as a command to paste.
 */
import type { ConfigLayer } from "../workspace/config";
import type { FoundRoot } from "../workspace/find-root";
import { gateWorkspaceLayer, type CommandKey, type WorkspaceTrust } from "../workspace/trust";
import { PlandashError } from "../util/errors";
import type { CommandContext } from "./command";
import { shellCommand } from "../util/shell-quote";

/** `plandash trust`, with `--root` when the root came from that flag (walk-up and env find it again). */
export function trustCommandLine(found: Pick<FoundRoot, "root" | "source">, ...more: string[]): string {
  return shellCommand("plandash", "trust", ...more, ...(found.source === "flag" ? ["--root", found.root] : []));
}

export function commandKeysText(trust: WorkspaceTrust): string {
  return trust.commands.map((c) => c.key).join(" and ");
}

/** Why the file's commands are ignored, and how to trust it; null when nothing is ignored. */
export function trustWarning(trust: WorkspaceTrust, found: Pick<FoundRoot, "root" | "source">): string | null {
  if (trust.state === "trusted" || trust.commands.length === 0) return null;
  const keys = commandKeysText(trust);
  const how = trustCommandLine(found);
  const why = trust.listProblem === null ? "" : ` (${trust.listProblem})`;
  return trust.state === "changed"
    ? `${trust.file} changed since you trusted it; its ${keys} ${trust.commands.length > 1 ? "are" : "is"} ignored until you trust it again: ${how}${why}`
    : `${trust.file} sets ${keys}, which run${trust.commands.length > 1 ? "" : "s"} commands; ignored until you trust this file: ${how}${why}`;
}

/** The layer as it applies, with the warning among its warnings (so it is said with the others). */
export function gateWorkspaceConfig(
  ctx: CommandContext,
  layer: ConfigLayer,
  found: Pick<FoundRoot, "root" | "source">,
  warn = true,
): { layer: ConfigLayer; trust: WorkspaceTrust } {
  const gated = gateWorkspaceLayer(ctx.ports.fs, ctx.ports.env, layer);
  const warning = warn ? trustWarning(gated.trust, found) : null;
  return { layer: warning === null ? gated.layer : { ...gated.layer, warnings: [...gated.layer.warnings, warning] }, trust: gated.trust };
}

/** doctor's trust line (SPEC §9.3). */
export function trustText(trust: WorkspaceTrust | null, found: Pick<FoundRoot, "root" | "source">): string {
  if (trust === null) return "no workspace config";
  const keys = commandKeysText(trust);
  const problem = trust.listProblem === null ? "" : ` (${trust.listProblem})`;
  if (trust.commands.length === 0) return `${trust.file}: sets no agentCommand or editor (nothing to trust)`;
  if (trust.state === "trusted") return `${trust.file}: trusted: ${keys} ${trust.commands.length > 1 ? "apply" : "applies"}`;
  const state = trust.state === "changed" ? "changed since trusted" : "not trusted";
  return `${trust.file}: ${state}: ${keys} ignored — ${trustCommandLine(found)}${problem}`;
}

/** The workspace config sets `key` but it is not trusted: the refusal for an action that needs it. */
export function untrustedCommandError(trust: WorkspaceTrust | null, key: CommandKey, found: Pick<FoundRoot, "root" | "source">): PlandashError | null {
  if (trust === null || trust.state === "trusted" || !trust.commands.some((c) => c.key === key)) return null;
  return new PlandashError("EREFUSED", `the workspace config's ${key} is ${trust.state === "changed" ? "changed since you trusted it" : "not trusted"}`, {
    where: trust.file,
    hint: `read it, then run ${trustCommandLine(found)}`,
  });
}
