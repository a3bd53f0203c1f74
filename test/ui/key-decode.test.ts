import { expect, test } from "bun:test";
import { decodeKeys } from "../../src/ui/key-decode";

test.each([
  ["\x1b[A", ["up"]],
  ["\x1b[B\x1b[B", ["down", "down"]],
  ["\x1bOA", ["up"]],
  ["\x1b[5~\x1b[6~", ["pageup", "pagedown"]],
  ["\x1b[H\x1b[F\x1b[1~\x1b[4~", ["home", "end", "home", "end"]],
  ["\x1b[1;5A", ["up"]],
  ["\r", ["enter"]],
  ["\r\n", ["enter"]],
  ["\x1b", ["escape"]],
  ["\x03", ["ctrl-c"]],
  ["\x7f", ["backspace"]],
  ["qG?/", ["q", "G", "?", "/"]],
  ["12", ["1", "2"]],
  ["é✓", ["é", "✓"]],
  ["\x1b[200~", []],
  ["\x1b[99;99Zq", ["q"]],
  ["\x01", []],
])("%j is %j", (raw, keys) => {
  expect(decodeKeys(raw)).toEqual(keys);
});
