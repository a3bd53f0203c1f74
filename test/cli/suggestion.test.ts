import { describe, expect, test } from "bun:test";
import { exitCodeFor } from "../../src/cli/exit";
import { shellQuote } from "../../src/util/shell-quote";
import { formatCliError, suggestionCommand } from "../../src/cli/suggestion";
import { PlandashError, type Suggestion } from "../../src/util/errors";

describe("a suggestion worded as a command", () => {
  test.each([
    [{ action: "create-subplan", plan: "ALPHA", achievement: "1.2" }, "plandash new subplan ALPHA 1.2"],
    [{ action: "create-execution", plan: "my plan", achievement: "1.2" }, "plandash new execution 'my plan' 1.2"],
    [{ action: "approve", plan: "grp/BETA", achievement: "3.5.1" }, "plandash review grp/BETA 3.5.1 --approve"],
    [{ action: "request-fix", plan: "ALPHA", achievement: "1.2" }, "plandash review ALPHA 1.2 --fix --message '…'"],
    [{ action: "next", plan: "it's" }, "plandash next 'it'\\''s'"],
    [{ action: "open", plan: "ALPHA" }, "plandash open ALPHA"],
    [{ action: "open", plan: "ALPHA", achievement: "1.1" }, "plandash open ALPHA 1.1"],
    [{ action: "status", plan: "$(rm -rf ~)" }, "plandash status '$(rm -rf ~)'"],
  ] as const)("%p → %s", (suggestion, command) => {
    expect(suggestionCommand(suggestion as Suggestion)).toBe(command);
  });

  test.each([
    ["plain", "plain"],
    ["a_paused/X-1.2", "a_paused/X-1.2"],
    ["", "''"],
    ["two words", "'two words'"],
    ["-dash start", "'-dash start'"],
    ["semi;colon", "'semi;colon'"],
  ])("shellQuote(%p) = %s", (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});

describe("the CLI's one error line", () => {
  test("the hint leads into the suggested command", () => {
    const error = new PlandashError("ENOSUBPLAN", "achievement 1.2 of my plan has no SUBPLAN yet", {
      hint: "create it first",
      suggestion: { action: "create-subplan", plan: "my plan", achievement: "1.2" },
    });
    expect(formatCliError(error)).toBe("plandash: achievement 1.2 of my plan has no SUBPLAN yet — create it first: plandash new subplan 'my plan' 1.2");
  });

  test("with no hint, the command is the hint; with neither, the message stands alone", () => {
    expect(formatCliError(new PlandashError("EREFUSED", "no", { suggestion: { action: "status", plan: "P" } }))).toBe("plandash: no — run plandash status P");
    expect(formatCliError(new PlandashError("EIO", "broken", { where: "x.md" }))).toBe("plandash: broken (x.md)");
  });

  test.each([["EREADONLY"], ["EAMBIGUOUSKEY"]] as const)("%s is a refusal: exit 1", (code) => {
    expect(exitCodeFor(code)).toBe(1);
  });
});
