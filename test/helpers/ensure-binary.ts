/**
 * Preloaded by bun test: builds dist/plandash when it is missing or older than any source file,
 * so `npm test` always runs the end-to-end tests against a current binary and never skips them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { binaryPath, PROJECT_ROOT } from "./binary";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

if (process.env.PLANDASH_BIN === undefined) {
  const bin = binaryPath();
  const builtAt = fs.existsSync(bin) ? fs.statSync(bin).mtimeMs : 0;
  const sourcesAt = Math.max(newestMtime(path.join(PROJECT_ROOT, "src")), fs.statSync(path.join(PROJECT_ROOT, "package.json")).mtimeMs);
  if (builtAt < sourcesAt) {
    const build = Bun.spawnSync(["npm", "run", "--silent", "build"], { cwd: PROJECT_ROOT, stdout: "pipe", stderr: "pipe" });
    if (build.exitCode !== 0) {
      throw new Error(`building dist/plandash failed:\n${build.stdout.toString()}${build.stderr.toString()}`);
    }
  }
}
