/**
 * The release, end to end, as users get it: one `npm run release` for the host target and
 * linux-arm64, built once here for all three suites and removed after them.
 */
import { afterAll, beforeAll } from "bun:test";
import { describeArchives } from "./archives.suite";
import { describeInstallSh } from "./install-sh.suite";
import { describeNpm } from "./npm.suite";
import { BUILD_TIMEOUT_MS, buildRelease, type ReleaseBuild } from "./release-build";

let release: (ReleaseBuild & Disposable) | undefined;
beforeAll(async () => {
  release = await buildRelease();
}, BUILD_TIMEOUT_MS);
afterAll(() => release?.[Symbol.dispose]());

function get(): ReleaseBuild {
  if (release === undefined) throw new Error("the release build did not finish (see the beforeAll error)");
  return release;
}

describeArchives(get);
describeInstallSh(get);
describeNpm(get);
