import { expect, test } from "bun:test";
import { colorEnabled, createTheme, unicodeEnabled } from "../../src/ui/theme";

test.each([
  [{}, false, true, true],
  [{}, false, false, false],
  [{ TERM: "dumb" }, false, true, false],
  [{ NO_COLOR: "1" }, false, true, false],
  [{ NO_COLOR: "" }, false, true, true],
  [{}, true, true, false],
  [{ FORCE_COLOR: "1" }, false, false, true],
  [{ FORCE_COLOR: "0" }, false, true, true],
  [{ FORCE_COLOR: "1", NO_COLOR: "1" }, false, false, false],
  [{ FORCE_COLOR: "1" }, true, false, false],
])("env %p, --no-color %p, tty %p → colour %p", (env, noColorFlag, isTTY, expected) => {
  expect(colorEnabled({ env, noColorFlag, isTTY })).toBe(expected);
});

test("colour off means no escape codes at all", () => {
  const theme = createTheme(false);
  expect(theme.status("needs-fix")).toBe("needs-fix");
  expect(theme.bar(1, 2, 4)).toBe("██░░");
});

test("colour on paints statuses", () => {
  expect(createTheme(true).status("needs-fix")).toContain("\x1b[");
});

test("ASCII glyphs for dumb terminals and non-UTF-8 locales", () => {
  expect(unicodeEnabled({ TERM: "dumb" })).toBe(false);
  expect(unicodeEnabled({ LANG: "C" })).toBe(false);
  expect(unicodeEnabled({ LANG: "en_US.UTF-8" })).toBe(true);
  expect(createTheme(false, false).bar(1, 2, 4)).toBe("##--");
});
