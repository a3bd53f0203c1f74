/** The golden test: the shared corpus must report exactly what expected-status.json holds. */
import { expect, test } from "bun:test";
import { statusDocument } from "../../src/core/status-json";
import { realFs } from "../../src/ports";
import { loadWorkspace } from "../../src/workspace/load";
import { CORPUS_PLANS } from "../helpers/binary";
import { goldenDifference } from "../helpers/golden";

test("status of the shared corpus equals expected-status.json on the fields it holds", () => {
  const loaded = loadWorkspace(realFs, CORPUS_PLANS, { nowMs: Date.now(), staleExecutionDays: 7, maxDepth: 3 });
  expect(goldenDifference(statusDocument(loaded.state, null, Date.now()))).toBeNull();
  expect(loaded.problems).toEqual([]);
});
