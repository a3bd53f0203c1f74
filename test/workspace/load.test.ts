/** Reading a workspace in display order, plan by plan (what `status --json` streams). */
import { expect, test } from "bun:test";
import { realFs } from "../../src/ports";
import { loadWorkspace, scanInOrder } from "../../src/workspace/load";
import { planDir, tempWorkspace } from "../helpers/workspace";

test("the plan folders in display order are the plans in the order status shows them (SPEC §1.2), before any file is read", async () => {
  await using ws = await tempWorkspace({
    "zeta-10": planDir("zeta-10", { index: ["1.1 a"] }),
    "zeta-9": planDir("zeta-9", { index: ["1.1 a"] }),
    Zeta_1: planDir("Zeta_1", { index: ["1.1 a"] }),
    "b-group/ALPHA": planDir("ALPHA", { index: ["1.1 a"] }),
    "a_paused/OMEGA": planDir("OMEGA", { index: ["1.1 a"] }),
    "a_paused/b/DEEP": planDir("DEEP", { index: ["1.1 a"] }),
    // Named by its PLAN file, not its folder: it sorts as "AAA", first among the top-level plans.
    misnamed: { "PLAN_AAA.md": "## Achievement Index\n- Achievement 1.1: a\n", "PLAN_ZZZ.md": "## Achievement Index\n" },
    mid: planDir("MID", { index: ["1.1 a"] }),
  });
  const loaded = loadWorkspace(realFs, ws.root, { nowMs: Date.now(), staleExecutionDays: 7, maxDepth: 3 });
  const shown = loaded.state.plans.map((p) => p.id);
  expect(shown[0]).toBe("misnamed");
  expect(scanInOrder(realFs, ws.root, 3).planDirs.map((d) => d.id)).toEqual(shown);
});
