import { expect, test } from "bun:test";
import { countOf } from "../../src/ui/plural";

test.each([
  [0, "plan", "0 plans"],
  [1, "plan", "1 plan"],
  [2, "plan", "2 plans"],
  [1, "line", "1 line"],
  [1_234, "watch", "1,234 watches"],
])("%p %p is %p", (n, noun, text) => {
  expect(countOf(n, noun)).toBe(text);
});
