import { expect, test } from "bun:test";
import { isCloseOnExec } from "../../src/live/stdout-closed";

test.each([
  ["pos:\t0\nflags:\t02100002\nmnt_id:\t25\n", true],
  ["pos:\t0\nflags:\t0100001\nmnt_id:\t25\n", false],
  ["pos:\t0\nflags:\t0100002\n", false],
  ["pos:\t0\n", null],
])("fdinfo %p: close-on-exec is %p (a closed stdout that Bun filled with /dev/null)", (text, expected) => {
  expect(isCloseOnExec(text)).toBe(expected);
});
