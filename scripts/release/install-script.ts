/** The install.sh copy a release ships: the repository's install.sh with the release's base URL as its default. */
import { PlandashError } from "../../src/util/errors";

const DEFAULT_LINE = /^PLANDASH_DEFAULT_BASE_URL=''$/m;

/** `url` was checked by parseReleaseOptions (no quote can end the single-quoted value). */
export function stampBaseUrl(script: string, url: string | null): string {
  if (!DEFAULT_LINE.test(script)) {
    throw new PlandashError("EIO", "install.sh has no line PLANDASH_DEFAULT_BASE_URL='' for the release to fill in", { where: "install.sh" });
  }
  return url === null ? script : script.replace(DEFAULT_LINE, `PLANDASH_DEFAULT_BASE_URL='${url}'`);
}
