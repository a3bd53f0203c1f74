import { expect, test } from "bun:test";
import { descendantsOf } from "../../src/actions/process";

test("descendants: children, grandchildren, in breadth order; other trees and the root itself left out", () => {
  // 10 ─┬─ 11 ── 13
  //     └─ 12
  // 20 ── 21 (another tree); 1 is init
  const parentOf = new Map([
    [10, 1],
    [11, 10],
    [12, 10],
    [13, 11],
    [20, 1],
    [21, 20],
  ]);
  expect(descendantsOf(10, parentOf)).toEqual([11, 12, 13]);
  expect(descendantsOf(13, parentOf)).toEqual([]);
  expect(descendantsOf(99, parentOf)).toEqual([]);
});

test("a cycle in a racy /proc listing (pids reused while reading) never loops", () => {
  expect(descendantsOf(1, new Map([[2, 1], [1, 2]]))).toEqual([2]);
});
