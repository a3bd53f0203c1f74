/** Output into pipes: a large document reaches a slow reader whole; a reader that leaves early is not an error. */
import { expect, test } from "bun:test";
import { generateWorkspace } from "../../bench/generate-workspace";
import { binaryPath } from "../helpers/binary";
import { childEnv } from "../helpers/child-env";
import { tempDir } from "../helpers/workspace";

test("status --json of 200 plans reaches a slow reader complete, and `| head -c` ends it with 0", async () => {
  const dir = tempDir();
  const { root } = generateWorkspace(dir, { plans: 200, achievements: 20 });
  const env = childEnv(dir);
  // The reader sleeps before reading so the pipe fills up and plandash has to wait for room.
  const slow = Bun.spawnSync(["bash", "-c", `set -o pipefail; "$0" status --json --root "$1" | (sleep 0.3; cat)`, binaryPath(), root], { env });
  expect(slow.exitCode).toBe(0);
  const doc = JSON.parse(slow.stdout.toString());
  expect(slow.stdout.length).toBeGreaterThan(1_000_000);
  expect(doc.plans).toHaveLength(200);
  const early = Bun.spawnSync(["bash", "-c", `set -o pipefail; "$0" status --json --root "$1" | head -c 100 >/dev/null`, binaryPath(), root], { env });
  expect(early.exitCode).toBe(0);
  expect(early.stderr.toString()).toBe("");
});
