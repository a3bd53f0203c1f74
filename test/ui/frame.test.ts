import { expect, test } from "bun:test";
import { frameBytes } from "../../src/ui/frame";

test("the first frame clears and draws every non-empty line at its row", () => {
  const bytes = frameBytes(null, ["one", "", "three"]);
  expect(bytes.startsWith("\x1b[H\x1b[2J")).toBe(true);
  expect(bytes).toContain("\x1b[1;1H\x1b[2Kone");
  expect(bytes).toContain("\x1b[3;1H\x1b[2Kthree");
  expect(bytes).not.toContain("\x1b[2;1H");
});

test("later frames rewrite only the lines that differ", () => {
  expect(frameBytes(["a", "b", "c"], ["a", "B", "c"])).toBe("\x1b[2;1H\x1b[2KB\x1b[0m");
  expect(frameBytes(["a", "b"], ["a", "b"])).toBe("");
});

test("a frame of another height is drawn whole", () => {
  expect(frameBytes(["a"], ["a", "b"])).toContain("\x1b[H\x1b[2J");
});
