import { describe, expect, test } from "bun:test";
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

describe("line ends (SPEC §1.3): LF, CRLF or a lone CR, and nothing else", () => {
  test.each([
    ["LF", "a\nb\nc", ["a", "b", "c"]],
    ["CRLF", "a\r\nb\r\nc", ["a", "b", "c"]],
    ["lone CR", "a\rb\rc", ["a", "b", "c"]],
    ["mixed", "a\r\nb\rc\nd", ["a", "b", "c", "d"]],
    ["CR CR is an empty line between", "a\r\rb", ["a", "", "b"]],
    ["U+2028 and U+2029 do not end a line", "a\u2028b\nc\u2029d", ["a\u2028b", "c\u2029d"]],
    ["form feed and NEL do not end a line", "a\fb\u0085c", ["a\fb\u0085c"]],
  ])("%s", (_label, text, expected) => {
    expect(linesOutsideFences(text).map((l) => l.text)).toEqual(expected);
  });

  test("a fence opened and closed with lone CRs still hides its lines", () => {
    expect(linesOutsideFences("a\r```\rhidden\r```\rb").map((l) => l.text)).toEqual(["a", "b"]);
  });

  test.each([
    ["CR-only header", "# T\r**Type**: X\r**Status**: Complete\r", "Complete"],
    ["CRLF header", "# T\r\n**Status**: Complete\r\n", "Complete"],
    ["U+2028 inside the value is part of it", "**Status**: Done\u2028later", "Done\u2028later"],
    ["U+2028 does not start a new line", "# T \u2028**Status**: Complete", null],
    ["U+2029 does not start a new line", "# T \u2029**Status**: Complete", null],
    ["40 lines counted at lone CRs", `${"line\r".repeat(40)}**Status**: too late`, null],
    ["39 lines counted at lone CRs", `${"line\r".repeat(39)}**Status**: line forty`, "line forty"],
    ["CRLF counts once", `${"line\r\n".repeat(39)}**Status**: line forty`, "line forty"],
  ])("header status: %s", (_label, text, expected) => {
    expect(headerStatus(text)).toBe(expected);
  });
});
