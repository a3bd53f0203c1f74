/** `npm run release` options: parsed and checked before anything is built or written. */
import { parseArgs } from "node:util";
import { PlandashError } from "../../src/util/errors";
import { isTargetId, TARGET_IDS, type TargetId } from "./targets";

export interface ReleaseOptions {
  readonly targets: readonly TargetId[];
  readonly outDir: string;
  /** Written into the install.sh copy as its default download location; null leaves it unset. */
  readonly baseUrl: string | null;
  readonly help: boolean;
}

export const RELEASE_USAGE = [
  "Usage: npm run release -- [--target T]... [--base-url URL] [--out DIR]",
  "",
  "Builds plandash for every target (or each --target T) into DIR (default dist/release):",
  "one archive per target, SHA256SUMS, install.sh and the npm packages in npm/.",
  "",
  `  --target T      one of ${TARGET_IDS.join(", ")} (repeatable)`,
  "  --base-url URL  where the archives will be served (https://, http:// or file://); the",
  "                  install.sh copy in DIR downloads from there unless PLANDASH_BASE_URL is set",
  "  --out DIR       the release folder (default dist/release); earlier artefacts in it are replaced",
  "",
].join("\n");

// The URL is stamped into install.sh between single quotes, so it must not be able to end them.
const SAFE_URL = /^(https?|file):\/\/[^\s'"`$\\]+$/;

export function parseReleaseOptions(argv: readonly string[], defaultOutDir: string): ReleaseOptions {
  let values: { target?: string[]; "base-url"?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { target: { type: "string", multiple: true }, "base-url": { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    throw new PlandashError("EUSAGE", error instanceof Error ? error.message : String(error), { hint: "see npm run release -- --help" });
  }
  const targets: TargetId[] = [];
  for (const t of values.target ?? TARGET_IDS) {
    if (!isTargetId(t)) throw new PlandashError("EUSAGE", `unknown target ${t}`, { where: "--target", hint: `use one of ${TARGET_IDS.join(", ")}` });
    if (!targets.includes(t)) targets.push(t);
  }
  const url = values["base-url"];
  if (url !== undefined && !SAFE_URL.test(url)) {
    throw new PlandashError("EUSAGE", `--base-url must be an http://, https:// or file:// URL without spaces, quotes, $ or backslashes, not ${url}`, {
      hint: "percent-encode such characters",
    });
  }
  return { targets, outDir: values.out ?? defaultOutDir, baseUrl: url === undefined ? null : url.replace(/\/+$/, ""), help: values.help === true };
}
