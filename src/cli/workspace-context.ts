/** Shared set-up of every command that reads a workspace: config layers, plans root, load. */
import { loadWorkspace, type LoadedWorkspace } from "../workspace/load";
import type { ScanProblem } from "../workspace/scan";
import {
  envLayer,
  mergeConfig,
  readConfigFile,
  userConfigPath,
  workspaceConfigPath,
  type Config,
  type ConfigLayer,
} from "../workspace/config";
import { findRoot, type RootSource } from "../workspace/find-root";
import { isPlandashError, osErrorCode, PlandashError } from "../util/errors";
import type { WorkspaceTrust } from "../workspace/trust";
import type { CommandContext, ParsedArgs } from "./command";
import { stringOption } from "./command";
import { gateWorkspaceConfig } from "./trust-gate";

export interface WorkspaceContext {
  readonly root: string;
  readonly rootSource: RootSource;
  readonly config: Config;
  /** Config files that were found and read, in the order they apply. */
  readonly configFiles: readonly string[];
  /** The workspace config's trust state (SPEC §8), null when there is no workspace config. */
  readonly trust: WorkspaceTrust | null;
  /**
   * Problems that did not stop the command (unknown config keys, an unreadable user config, an
   * untrusted workspace config's commands), one line each without the `plandash: warning:` prefix.
   * The caller shows them: the CLI on stderr (printWarnings), the dashboard in its footer.
   */
  readonly warnings: readonly string[];
}

export interface ResolveOptions {
  /** `plandash trust` itself need not be told to run `plandash trust`. */
  readonly trustWarning?: boolean;
}

/** What loadFromContext read, and the folders it could not list, said as warning lines. */
export interface LoadedFromContext extends LoadedWorkspace {
  readonly warnings: readonly string[];
}

/**
 * Flags > env > workspace config > user config > defaults (SPEC §8). Unknown keys come back in
 * `warnings`; wrong types throw ECONFIG. `flagLayer` holds the command's own flags.
 */
export function resolveWorkspace(ctx: CommandContext, args: ParsedArgs, flagLayer: Partial<Config> = {}, options: ResolveOptions = {}): WorkspaceContext {
  const { fs, env, cwd } = ctx.ports;
  const layers: ConfigLayer[] = [];
  const warnings: string[] = [];
  const userPath = userConfigPath(env);
  const user = userPath === null ? null : readUserConfig(ctx, userPath, warnings);
  if (user !== null) layers.push(user);
  const fromEnv = envLayer(env);
  if (args.values.root === "") {
    throw new PlandashError("EUSAGE", "--root needs a folder", { hint: "write --root DIR (the plans folder or a folder that holds work-space/plans/)" });
  }
  const found = findRoot(fs, {
    cwd,
    flag: stringOption(args, "root"),
    env: fromEnv.root ?? undefined,
    config: user?.values.root ?? undefined,
  });
  try {
    fs.readDir(found.root);
  } catch (error) {
    // Say so here, or the first file read under the root (its config) would take the blame.
    throw new PlandashError("ENOROOT", `cannot read the plans root ${found.root} (${osErrorCode(error) ?? "EIO"})`, {
      hint: "check its permissions, or pass --root DIR",
      cause: error,
    });
  }
  const read = readConfigFile(fs, workspaceConfigPath(found.root));
  // SPEC §8: agentCommand / editor from a workspace config apply only once the user trusted it.
  const workspace = read === null ? null : gateWorkspaceConfig(ctx, read, found, options.trustWarning ?? true);
  if (workspace !== null) layers.push(workspace.layer);
  for (const layer of layers) warnings.push(...layer.warnings);
  const config = mergeConfig([...layers.map((l) => l.values), fromEnv, flagLayer]);
  return { root: found.root, rootSource: found.source, config, configFiles: layers.map((l) => l.file), trust: workspace?.trust ?? null, warnings };
}

/**
 * The user config is optional: one that exists but cannot be read (an unreadable $HOME under
 * sudo) is a warning and skipped. One that can be read but is wrong is still an error.
 */
function readUserConfig(ctx: CommandContext, file: string, warnings: string[]): ConfigLayer | null {
  try {
    return readConfigFile(ctx.ports.fs, file);
  } catch (error) {
    if (!isPlandashError(error) || osErrorCode(error.cause) === undefined) throw error;
    warnings.push(`cannot read the user config ${file} (${osErrorCode(error.cause)}); using defaults`);
    return null;
  }
}

/** One full scan; folders that could not be listed come back in `warnings` (their plans are missing). */
export function loadFromContext(ctx: CommandContext, ws: WorkspaceContext): LoadedFromContext {
  const loaded = loadWorkspace(ctx.ports.fs, ws.root, {
    nowMs: ctx.ports.clock.now(),
    staleExecutionDays: ws.config.staleExecutionDays,
    maxDepth: ws.config.maxDepth,
  });
  return { ...loaded, warnings: scanWarnings(loaded.problems) };
}

/** Folders a scan could not list, said as warning lines (their plans are missing). */
export function scanWarnings(problems: readonly ScanProblem[]): string[] {
  return problems.map((p) => `cannot read folder ${p.path} (${p.code}); its plans are not shown`);
}

/** The CLI's way of showing warnings: one `plandash: warning:` line each on stderr. */
export function printWarnings(ctx: CommandContext, warnings: readonly string[]): void {
  for (const w of warnings) ctx.stderr.write(`plandash: warning: ${w}\n`);
}
