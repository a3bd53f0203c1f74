import { expect, test } from "bun:test";
import { headerStatus, linesOutsideFences } from "../../src/core/lines";

test.each([
  ["**Status**: Complete", "Complete"],
  ["**Status:** In Progress", "In Progress"],
  ["  **Status**:   ✅ Done  ", "✅ Done"],
  ["# Title\n\n**Type**: EXECUTION\n**Status**: Complete\n**Status**: Later", "Complete"],
  ["Status: Complete", null],
  ["text **Status**: Complete", null],
  [`${"line\n".repeat(40)}**Status**: too late`, null],
  [`${"line\n".repeat(39)}**Status**: line forty`, "line forty"],
])("header status of %p", (text, expected) => {
  expect(headerStatus(text)).toBe(expected);
});

test("a fence closes only with the same character and at least the same length", () => {
  const text = ["a", "````", "```", "~~~", "````", "b", "~~~", "c"].join("\n");
  expect(linesOutsideFences(text).map((l) => l.text)).toEqual(["a", "b"]);
});
