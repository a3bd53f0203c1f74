import { expect, test } from "bun:test";
import { computeParallel } from "../../src/core/parallel";
import type { AchievementStatus } from "../../src/core/types";

const order = ["1.1", "1.2", "1.3", "2.1"];
function run(doc: unknown, statuses: Record<string, AchievementStatus> = {}) {
  const status = new Map(order.map((id) => [id, statuses[id] ?? "not-started"] as const));
  return computeParallel(typeof doc === "string" ? doc : JSON.stringify(doc), order, status, "P/parallel.json");
}
const deps = (pairs: Record<string, string[]>, key = "achievement_id") => ({
  achievements: Object.entries(pairs).map(([id, d]) => ({ [key]: id, dependencies: d })),
});

test("ready = not approved with all dependencies approved; layers by depth", () => {
  const r = run(deps({ "1.1": [], "1.2": ["1.1"], "1.3": ["1.1"], "2.1": ["1.2", "1.3"] }));
  expect(r.parallel).toEqual({ ready: ["1.1"], levels: [["1.1"], ["1.2", "1.3"], ["2.1"]] });
  expect(r.warnings).toEqual([]);
});

test("approved dependencies count as met and approved achievements are never listed", () => {
  const r = run(deps({ "1.2": ["1.1"], "1.3": ["1.1"], "2.1": ["1.2", "1.3"] }), { "1.1": "approved", "1.2": "approved" });
  expect(r.parallel).toEqual({ ready: ["1.3"], levels: [["1.3"], ["2.1"]] });
});

test("`id` works as well as `achievement_id`; achievements not listed have no dependencies", () => {
  const r = run(deps({ "2.1": ["1.1"] }, "id"));
  expect(r.parallel?.ready).toEqual(["1.1", "1.2", "1.3"]);
});

test("unknown ids warn and are ignored", () => {
  const r = run(deps({ "1.1": [], "9.9": [], "1.2": ["8.8"] }));
  expect(r.warnings.map((w) => w.code)).toEqual(["parallel-unknown-id", "parallel-unknown-id"]);
  expect(r.parallel?.ready).toContain("1.2");
});

test("cycles warn; achievements on a cycle, and what waits on them, are never ready", () => {
  const r = run(deps({ "1.1": ["1.2"], "1.2": ["1.1"], "1.3": ["1.3"], "2.1": ["1.1"] }));
  expect(r.warnings.map((w) => w.code)).toEqual(["parallel-cycle"]);
  expect(r.warnings[0]?.message).toContain("1.1, 1.2, 1.3");
  expect(r.parallel).toEqual({ ready: [], levels: [] });
});

test("a cycle among approved achievements is still reported", () => {
  const r = run(deps({ "1.1": ["1.2"], "1.2": ["1.1"] }), { "1.1": "approved", "1.2": "approved" });
  expect(r.warnings.map((w) => w.code)).toEqual(["parallel-cycle"]);
  expect(r.parallel?.ready).toEqual(["1.3", "2.1"]);
});

test.each([["{not json"], ['{"achievements": 3}'], ["[]"], [""]])("malformed parallel.json %p is ignored", (text) => {
  const r = run(text);
  expect(r.parallel).toBeNull();
  expect(r.warnings.map((w) => w.code)).toEqual(["parallel-invalid"]);
});

test("a long dependency chain finishes (no recursion limit)", () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => `1.${i + 1}`);
  const doc = { achievements: ids.map((id, i) => ({ id, dependencies: i === 0 ? [] : [ids[i - 1]] })) };
  const r = computeParallel(JSON.stringify(doc), ids, new Map(ids.map((id) => [id, "not-started" as const])), "p");
  expect(r.parallel?.ready).toEqual(["1.1"]);
  expect(r.parallel?.levels).toHaveLength(20_000);
});

test("bad entries are warned by index (parallel-invalid) and the good ones still used", () => {
  const r = run({
    achievements: [
      "1.1",
      null,
      [1],
      { id: 1.2, dependencies: [] },
      { achievement_id: "1.2", dependencies: "1.1" },
      { id: "1.3", dependencies: ["1.1", 7] },
      { id: "2.1", dependencies: ["1.3"] },
    ],
  });
  expect(r.warnings.map((w) => [w.code, w.file])).toEqual(Array.from({ length: 6 }, () => ["parallel-invalid", "P/parallel.json"]));
  expect(r.warnings.map((w) => w.message)).toEqual([
    "parallel.json achievements[0] is not an object; ignored",
    "parallel.json achievements[1] is not an object; ignored",
    "parallel.json achievements[2] is not an object; ignored",
    'parallel.json achievements[3] has no string "achievement_id" or "id"; ignored',
    "parallel.json achievements[4] (1.2): dependencies is not a list; ignored",
    "parallel.json achievements[5] (1.3): dependencies[1] is not a string; ignored",
  ]);
  expect(r.parallel).toEqual({ ready: ["1.1", "1.2"], levels: [["1.1", "1.2"], ["1.3"], ["2.1"]] });
});

test("an entry without dependencies has none, and no warning", () => {
  const r = run({ achievements: [{ id: "1.2" }, { id: "1.3", dependencies: ["1.2"] }] });
  expect(r.warnings).toEqual([]);
  expect(r.parallel?.levels).toEqual([["1.1", "1.2", "2.1"], ["1.3"]]);
});
