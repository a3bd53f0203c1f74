/** What `plandash __complete` offers after each kind of word, against the real command registry. */
import { describe, expect, test } from "bun:test";
import { complete, type CompletionSource } from "../../src/cli/complete";
import { COMMANDS, DEFAULT_COMMAND } from "../../src/cli/registry";

const PLANS = [
  { id: "AUTH-REFACTOR", name: "AUTH-REFACTOR" },
  { id: "a_paused/MOBILE-SYNC", name: "MOBILE-SYNC" },
];
const ACHIEVEMENTS: Record<string, string[]> = { "AUTH-REFACTOR": ["1.1", "1.2", "1.3"], "MOBILE-SYNC": ["1.1", "1.2"] };

function source(asked: string[] = []): CompletionSource {
  return {
    plans: () => {
      asked.push("plans");
      return PLANS;
    },
    achievements: (query) => {
      asked.push(`achievements of ${query}`);
      return ACHIEVEMENTS[query.replace(/^@/, "").toUpperCase()] ?? [];
    },
  };
}

const values = (...words: string[]): readonly string[] => complete(words, COMMANDS, DEFAULT_COMMAND, source()).values;

describe("__complete", () => {
  test.each([
    [["st"], ["status"]],
    [["d"], ["dashboard", "demo", "doctor"]],
    [["co"], ["completion"]],
    [["l"], ["lock"]],
    [["__"], []],
  ])("after `plandash`, %p offers the visible commands %p", (words, expected) => {
    expect(values(...words)).toEqual(expected);
  });

  test("every visible command is offered, the hidden ones are not", () => {
    const offered = values("");
    expect(offered).toEqual(COMMANDS.filter((c) => !c.hidden).map((c) => c.name));
    expect(offered).not.toContain("lock-hold");
    expect(offered).not.toContain("__complete");
  });

  test.each([
    [["status", ""], ["AUTH-REFACTOR", "MOBILE-SYNC", "a_paused/MOBILE-SYNC"]],
    [["status", "mob"], ["MOBILE-SYNC"]],
    [["status", "@auth"], ["AUTH-REFACTOR"]],
    [["status", "a_"], ["a_paused/MOBILE-SYNC"]],
    [["next", ""], ["AUTH-REFACTOR", "MOBILE-SYNC", "a_paused/MOBILE-SYNC"]],
    [["review", "AUTH-REFACTOR", ""], ["1.1", "1.2", "1.3"]],
    [["review", "mobile-sync", "1."], ["1.1", "1.2"]],
    [["open", "--root", "/x", "AUTH-REFACTOR", "1.3"], ["1.3"]],
    [["new", ""], ["subplan", "execution"]],
    [["new", "s"], ["subplan"]],
    [["new", "execution", "MO"], ["MOBILE-SYNC"]],
    [["new", "execution", "MOBILE-SYNC", ""], ["1.1", "1.2"]],
    [["review", "AUTH-REFACTOR", "1.2", ""], []],
    [["review", "NO-SUCH-PLAN", ""], []],
    [["completion", ""], ["bash", "zsh", "fish"]],
    [["watch", ""], []],
  ])("%p offers %p", (words, expected) => {
    expect(values(...words)).toEqual(expected);
  });

  test.each([
    [["status", "--"], ["--root", "--no-color", "--help", "--json", "--check"]],
    [["status", "--json", "--"], ["--root", "--no-color", "--help", "--check"]],
    [["review", "P", "1.1", "--a"], ["--approve"]],
    [["watch", "--p"], ["--poll"]],
    [["demo", "--"], ["--root", "--no-color", "--help", "--keep", "--seconds"]],
    [["--v"], ["--version"]],
    [["status", "--root="], []],
  ])("options: %p offers %p", (words, expected) => {
    expect(values(...words)).toEqual(expected);
  });

  test("an option's value is not taken for a positional, and --root wants a folder", () => {
    expect(complete(["status", "--root", ""], COMMANDS, DEFAULT_COMMAND, source())).toEqual({ values: [], files: "dirs" });
    expect(complete(["init", ""], COMMANDS, DEFAULT_COMMAND, source())).toEqual({ values: [], files: "dirs" });
    expect(values("review", "-m", "AUTH-REFACTOR", "")).toEqual(["AUTH-REFACTOR", "MOBILE-SYNC", "a_paused/MOBILE-SYNC"]);
    expect(values("review", "--message", "")).toEqual([]);
  });

  test("the workspace is read only when plan names or achievement ids are wanted", () => {
    const asked: string[] = [];
    complete(["st"], COMMANDS, DEFAULT_COMMAND, source(asked));
    complete(["status", "--"], COMMANDS, DEFAULT_COMMAND, source(asked));
    expect(asked).toEqual([]);
    complete(["review", "AUTH-REFACTOR", ""], COMMANDS, DEFAULT_COMMAND, source(asked));
    expect(asked).toEqual(["achievements of AUTH-REFACTOR"]);
  });

  test("every command that takes positionals says what they are, within its maximum", () => {
    for (const c of COMMANDS.filter((x) => !x.hidden)) {
      if (c.maxPositionals === 0) expect(c.arguments ?? []).toEqual([]);
      else expect({ command: c.name, count: c.arguments?.length }).toEqual({ command: c.name, count: c.maxPositionals });
    }
  });
});
