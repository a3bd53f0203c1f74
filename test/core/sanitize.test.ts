import { expect, test } from "bun:test";
import { sanitize, sanitizeBlock } from "../../src/core/sanitize";

test.each([
  ["EVIL\x1b[2J\x1b]0;TITLE\x07", "EVIL␛[2J␛]0;TITLE␇"],
  ["clip\x1b]52;c;aGk=\x07", "clip␛]52;c;aGk=␇"],
  ["tab\tstays", "tab\tstays"],
  ["new\nline", "new␊line"],
  ["del\x7f", "del␡"],
  ["c1\x9b2J", "c1\\x9b2J"],
  ["plain ✅ 1.2 — ok", "plain ✅ 1.2 — ok"],
])("a line from a file %p is shown as %p", (input, shown) => {
  expect(sanitize(input)).toBe(shown);
});

test("without unicode the visible form is \\xNN", () => {
  expect(sanitize("a\x1b[2Jb", false)).toBe("a\\x1b[2Jb");
});

test("a block keeps its line breaks and loses its escapes", () => {
  expect(sanitizeBlock("one\r\ntwo\n\x1b]52;c;x\x07three")).toBe("one\ntwo\n␛]52;c;x␇three");
});
