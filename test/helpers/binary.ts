/** The compiled binary under test: $PLANDASH_BIN, else dist/plandash (built by test/helpers/ensure-binary.ts). */
import * as path from "node:path";

export const PROJECT_ROOT = path.resolve(import.meta.dir, "..", "..");
/** The shared corpus sits beside the project (`../shared`); PLANDASH_CORPUS points elsewhere when it does not. */
export const CORPUS_ROOT = process.env.PLANDASH_CORPUS ?? path.resolve(PROJECT_ROOT, "..", "shared", "corpus", "context-manager");
export const CORPUS_PLANS = path.join(CORPUS_ROOT, "work-space", "plans");

export function binaryPath(): string {
  return process.env.PLANDASH_BIN ?? path.join(PROJECT_ROOT, "dist", "plandash");
}
