import { expect, test } from "bun:test";
import { shellCommand, shellQuote } from "../../src/util/shell-quote";

test.each([
  ["ALPHA", "ALPHA"],
  ["a_paused/BETA", "a_paused/BETA"],
  ["@auth-refactor", "@auth-refactor"],
  ["1.2", "1.2"],
  ["my plan", "'my plan'"],
  ["/tmp/sp ace", "'/tmp/sp ace'"],
  ["it's", "'it'\\''s'"],
  ["$(rm -rf ~)", "'$(rm -rf ~)'"],
  ["~/x", "'~/x'"],
  ["", "''"],
  ["a\nb", "'a\nb'"],
])("%p is written %p", (word, quoted) => {
  expect(shellQuote(word)).toBe(quoted);
});

test("a command line quotes each word", () => {
  expect(shellCommand("plandash", "next", "my plan")).toBe("plandash next 'my plan'");
});

test("what the shell reads back is the word itself", () => {
  for (const word of ["my plan", "it's", "$HOME", "a\"b", "`x`", "tab\there", "end\\"]) {
    const echoed = Bun.spawnSync(["sh", "-c", `printf %s ${shellQuote(word)}`]).stdout.toString();
    expect(echoed).toBe(word);
  }
});
