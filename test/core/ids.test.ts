import { expect, test } from "bun:test";
import { achievementKey, compareAchievementIds, comparePlans, naturalCompare } from "../../src/core/ids";

test.each([
  ["2.3", "23"],
  ["3.5.1", "351"],
  ["1.11", "111"],
  ["11.1", "111"],
])("key of %p is %p", (id, key) => {
  expect(achievementKey(id)).toBe(key);
});

test("achievement ids sort numerically part by part", () => {
  const ids = ["2.1", "1.10", "1.2", "1.1.1", "1.1", "10.1", "3.5.1"];
  expect([...ids].sort(compareAchievementIds)).toEqual(["1.1", "1.1.1", "1.2", "1.10", "2.1", "3.5.1", "10.1"]);
});

test("plan names: case-insensitive, digit runs as numbers, code-point order otherwise (_ after -)", () => {
  const names = ["plan_b", "plan-b", "Plan10", "plan2", "PLAN1", "alpha"];
  expect([...names].sort(naturalCompare)).toEqual(["alpha", "PLAN1", "plan2", "Plan10", "plan-b", "plan_b"]);
});

test("plans sort by group with the top level first, then by name", () => {
  const plans = [
    { id: "b/ZED", group: "b", name: "ZED" },
    { id: "a_paused/ALPHA", group: "a_paused", name: "ALPHA" },
    { id: "MIDDLE", group: "", name: "MIDDLE" },
    { id: "a_paused", group: "", name: "STRAY" },
  ];
  expect([...plans].sort(comparePlans).map((p) => p.id)).toEqual(["MIDDLE", "a_paused", "a_paused/ALPHA", "b/ZED"]);
});
