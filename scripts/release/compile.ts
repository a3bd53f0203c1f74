/**
 * Compiling one target with exactly the flags of `npm run build`: they are read from package.json's
 * build script, so a release can never drift from the binary the tests run.
 */
import { PlandashError } from "../../src/util/errors";
import type { ReleaseTarget } from "./targets";

/** The `bun build` arguments of the build script, without `--outfile`. */
export function buildFlags(buildScript: string): string[] {
  const words = buildScript.trim().split(/\s+/);
  const out = words.indexOf("--outfile");
  if (words[0] !== "bun" || words[1] !== "build" || !words.includes("--compile") || out === -1) {
    throw new PlandashError("EIO", `package.json's build script is not the "bun build … --compile … --outfile FILE" the release copies: ${buildScript}`, {
      where: "package.json scripts.build",
    });
  }
  return [...words.slice(2, out), ...words.slice(out + 2)];
}

/** The identifier src/cli/build-info.ts reads: release builds name their target, a plain `npm run build` does not. */
export const TARGET_DEFINE = "__PLANDASH_TARGET__";

export function compileArgs(flags: readonly string[], t: ReleaseTarget, outfile: string): string[] {
  return ["build", ...flags, `--target=${t.bunTarget}`, `--define=${TARGET_DEFINE}=${JSON.stringify(t.id)}`, "--outfile", outfile];
}

/** Runs `bun build` with the Bun that runs this script; the target runtime comes from Bun's own cache (npm registry on a miss). */
export async function compileTarget(projectRoot: string, flags: readonly string[], t: ReleaseTarget, outfile: string): Promise<void> {
  const proc = Bun.spawn([process.execPath, ...compileArgs(flags, t, outfile)], { cwd: projectRoot, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) {
    const reason = `${stderr}\n${stdout}`.split("\n").map((l) => l.trim()).filter((l) => /error/i.test(l))[0] ?? `exit ${code}`;
    throw new PlandashError("EIO", `bun build for ${t.id} failed: ${reason}`, { hint: "the runtime for a target is fetched from the npm registry on first use; check the network" });
  }
}
