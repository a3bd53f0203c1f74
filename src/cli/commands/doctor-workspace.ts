/**
 * `plandash doctor`'s own look at the workspace (issue 9): the steps of resolveWorkspace one at a
 * time, where each step that fails becomes a problem and the next step still runs on what is known
 * (defaults for a config that could not be read). Every other command stops at the first error.
 */
import { isPlandashError, osErrorCode, PlandashError } from "../../util/errors";
import {
  envLayer,
  mergeConfig,
  readConfigFile,
  userConfigPath,
  workspaceConfigPath,
  type Config,
  type ConfigLayer,
} from "../../workspace/config";
import { findRoot, type RootSource } from "../../workspace/find-root";
import type { WorkspaceTrust } from "../../workspace/trust";
import { gateWorkspaceConfig } from "../trust-gate";
import type { CommandContext, ParsedArgs } from "../command";
import { stringOption } from "../command";

export interface DoctorProblem {
  /** ECONFIG, ENOROOT, or the OS code (EACCES…). */
  readonly code: string;
  readonly message: string;
  readonly where: string | null;
  readonly hint: string | null;
}

export interface DoctorWorkspace {
  readonly root: string | null;
  readonly rootSource: RootSource | null;
  readonly config: Config;
  readonly configFiles: readonly string[];
  /** Unknown config keys and the like: said, but not problems. */
  readonly warnings: readonly string[];
  readonly problems: readonly DoctorProblem[];
  /** The workspace config's trust state, null when there is none. */
  readonly trust: WorkspaceTrust | null;
}

export function problemOf(error: unknown): DoctorProblem {
  if (isPlandashError(error)) return { code: error.code, message: error.message, where: error.where ?? null, hint: error.hint ?? null };
  return { code: osErrorCode(error) ?? "EIO", message: error instanceof Error ? error.message : String(error), where: null, hint: null };
}

export function formatProblem(p: DoctorProblem): string {
  return `${p.message}${p.where === null ? "" : ` (${p.where})`}${p.hint === null ? "" : ` — ${p.hint}`}`;
}

export function diagnoseWorkspace(ctx: CommandContext, args: ParsedArgs): DoctorWorkspace {
  const { fs, env, cwd } = ctx.ports;
  const problems: DoctorProblem[] = [];
  const attempt = <T>(step: () => T): T | null => {
    try {
      return step();
    } catch (error) {
      problems.push(problemOf(error));
      return null;
    }
  };
  const layers: ConfigLayer[] = [];
  const userFile = userConfigPath(env);
  const user = userFile === null ? null : attempt(() => readConfigFile(fs, userFile));
  if (user !== null) layers.push(user);
  const fromEnv = envLayer(env);
  const found = attempt(() => findRoot(fs, { cwd, flag: stringOption(args, "root") || undefined, env: fromEnv.root ?? undefined, config: user?.values.root ?? undefined }));
  let root: string | null = found?.root ?? null;
  let trust: WorkspaceTrust | null = null;
  if (root !== null) {
    const dir = root;
    const listed = attempt(() => {
      try {
        return fs.readDir(dir);
      } catch (error) {
        throw new PlandashError("ENOROOT", `cannot read the plans root ${dir} (${osErrorCode(error) ?? "EIO"})`, { hint: "check its permissions, or pass --root DIR", cause: error });
      }
    });
    if (listed === null) root = null;
  }
  if (root !== null) {
    const rootDir = root;
    const read = attempt(() => readConfigFile(fs, workspaceConfigPath(rootDir)));
    // SPEC §8: the same trust gate as every command, so doctor says what they would do.
    const gated = read === null || found === null ? null : gateWorkspaceConfig(ctx, read, found);
    if (gated !== null) {
      layers.push(gated.layer);
      trust = gated.trust;
    }
  }
  return {
    root,
    rootSource: root === null ? null : (found?.source ?? null),
    config: mergeConfig([...layers.map((l) => l.values), fromEnv]),
    configFiles: layers.map((l) => l.file),
    warnings: layers.flatMap((l) => l.warnings),
    problems,
    trust,
  };
}
