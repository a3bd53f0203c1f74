/** Who signs a review: --reviewer, else `git config user.name`, else $USER / $LOGNAME. */
import type { Env } from "../ports";
import type { ProcessRunner } from "./process";

export const GIT_TIMEOUT_MS = 5_000;

export async function resolveReviewer(explicit: string | undefined, deps: { runner: ProcessRunner; env: Env; cwd: string }): Promise<string> {
  const given = explicit?.trim();
  if (given) return given;
  const git = deps.runner.which("git");
  if (git !== null) {
    const r = await deps.runner.run([git, "config", "user.name"], { stdin: "ignore", stdout: "pipe", stderr: "ignore", cwd: deps.cwd, timeoutMs: GIT_TIMEOUT_MS });
    const name = r.exitCode === 0 ? r.stdout.trim() : "";
    if (name !== "") return name;
  }
  return deps.env.USER?.trim() || deps.env.LOGNAME?.trim() || "unknown";
}
