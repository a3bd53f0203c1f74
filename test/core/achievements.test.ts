import { describe, expect, test } from "bun:test";
import { parseAchievements, parseDefinitionLine } from "../../src/core/achievements";

describe("definition lines (SPEC §1.3)", () => {
  test.each([
    ["Achievement 1.2: Title", { id: "1.2", title: "Title", markedDone: false }],
    ["## Achievement 1.2: Title", { id: "1.2", title: "Title", markedDone: false }],
    ["###### Achievement 1.2 - Title", { id: "1.2", title: "Title", markedDone: false }],
    ["- Achievement 1.2 – En dash", { id: "1.2", title: "En dash", markedDone: false }],
    ["* Achievement 1.2 — Em dash", { id: "1.2", title: "Em dash", markedDone: false }],
    ["+ Achievement 1.2:Tight", { id: "1.2", title: "Tight", markedDone: false }],
    ["1. Achievement 1.2: Numbered list", { id: "1.2", title: "Numbered list", markedDone: false }],
    ["3) Achievement 1.2: Paren list", { id: "1.2", title: "Paren list", markedDone: false }],
    ["   - Achievement 1.2: Indented", { id: "1.2", title: "Indented", markedDone: false }],
    ["- [ ] Achievement 1.2: Open box", { id: "1.2", title: "Open box", markedDone: false }],
    ["- [x] Achievement 1.2: Checked", { id: "1.2", title: "Checked", markedDone: true }],
    ["- [X] Achievement 1.2: Checked upper", { id: "1.2", title: "Checked upper", markedDone: true }],
    ["- [x] ✅ **Achievement 2.3** — Done thing", { id: "2.3", title: "Done thing", markedDone: true }],
    ["✅ Achievement 2.3: Emoji done", { id: "2.3", title: "Emoji done", markedDone: true }],
    ["- ⏳ Achievement 2.3: Hourglass", { id: "2.3", title: "Hourglass", markedDone: false }],
    ["🔄 **Achievement 2.3**: Bold", { id: "2.3", title: "Bold", markedDone: false }],
    ["__Achievement 2.3__: Underscore bold", { id: "2.3", title: "Underscore bold", markedDone: false }],
    ["**Achievement 3.5.1**: Three levels", { id: "3.5.1", title: "Three levels", markedDone: false }],
    ["ACHIEVEMENT 1.1: upper case", { id: "1.1", title: "upper case", markedDone: false }],
    ["- Achievement 2.1-2.3: 30 min each", { id: "2.1", title: "2.3: 30 min each", markedDone: false }],
    ["## Achievement 1.2", { id: "1.2", title: "", markedDone: false }],
    ["## Achievement 1.2**", { id: "1.2", title: "", markedDone: false }],
    ["Achievement 1.2: **Bold** title __here__", { id: "1.2", title: "Bold title here", markedDone: false }],
    ["### 1. Achievement 1.1", null],
    ["Achievement 1.2 is next", null],
    ["Achievement 12: no dot", null],
    ["The Achievement 1.2: in prose", null],
    ["- Achievements 1.2: plural", null],
    ["", null],
  ])("%p", (line, expected) => {
    expect(parseDefinitionLine(line)).toEqual(expected);
  });
});

describe("index mode and fallback mode", () => {
  test("index mode takes only the Achievement Index section, in document order", () => {
    const text = [
      "# PLAN",
      "- Achievement 9.9: before the index",
      "## Achievement Index",
      "- Achievement 2.1: Second first",
      "### Sub heading inside",
      "- Achievement 1.1: Then first",
      "## Details",
      "### Achievement 3.1: after the index",
    ].join("\n");
    const parsed = parseAchievements(text);
    expect(parsed.mode).toBe("index");
    expect(parsed.definitions.map((d) => d.id)).toEqual(["2.1", "1.1"]);
  });

  test("the index section ends at a heading of the same or a higher level", () => {
    const text = ["### Achievement Index", "- Achievement 1.1: a", "## Next part", "- Achievement 1.2: b"].join("\n");
    expect(parseAchievements(text).definitions.map((d) => d.id)).toEqual(["1.1"]);
  });

  test("an index heading with no definitions falls back to the whole document, sorted numerically", () => {
    const text = ["## Achievement Index", "(to be written)", "## Work", "### Achievement 1.10: ten", "### Achievement 2.1: two-one", "### Achievement 1.2: two"].join("\n");
    const parsed = parseAchievements(text);
    expect(parsed.mode).toBe("fallback");
    expect(parsed.definitions.map((d) => d.id)).toEqual(["1.2", "1.10", "2.1"]);
  });

  test("no index heading at all is fallback mode", () => {
    expect(parseAchievements("### Achievement 1.1: x").mode).toBe("fallback");
  });

  test("lines inside fenced code blocks (``` and ~~~) are ignored", () => {
    const text = [
      "## Achievement Index",
      "```markdown",
      "- Achievement 9.1: example in a fence",
      "```",
      "~~~",
      "- Achievement 9.2: example in a tilde fence",
      "~~~",
      "- Achievement 1.1: real",
    ].join("\n");
    expect(parseAchievements(text).definitions.map((d) => d.id)).toEqual(["1.1"]);
  });

  test("a heading inside a fence does not start the index", () => {
    const text = ["```", "## Achievement Index", "- Achievement 9.1: fake", "```", "### Achievement 1.1: real"].join("\n");
    const parsed = parseAchievements(text);
    expect(parsed.mode).toBe("fallback");
    expect(parsed.definitions.map((d) => d.id)).toEqual(["1.1"]);
  });

  test("the first definition of an id wins", () => {
    const text = ["## Achievement Index", "- Achievement 1.1: first", "- Achievement 1.1: second"].join("\n");
    expect(parseAchievements(text).definitions).toEqual([{ id: "1.1", title: "first", markedDone: false }]);
  });

  test("an empty document has no achievements", () => {
    expect(parseAchievements("").definitions).toEqual([]);
  });
});

describe("line ends in a plan file (SPEC §1.3)", () => {
  const INDEX = ["## Achievement Index", "- Achievement 1.1: one", "- Achievement 1.2: two", "## Later", "- Achievement 9.9: not in the index"];
  test.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["lone CR (a CR-only file)", "\r"],
  ])("%s: every achievement of the index is found", (_label, eol) => {
    const parsed = parseAchievements(INDEX.join(eol));
    expect(parsed.mode).toBe("index");
    expect(parsed.definitions.map((d) => [d.id, d.title])).toEqual([["1.1", "one"], ["1.2", "two"]]);
  });

  test("one\\rtwo: a lone CR between two definitions keeps both", () => {
    expect(parseAchievements("### Achievement 1.1: one\r### Achievement 1.2: two").definitions.map((d) => d.id)).toEqual(["1.1", "1.2"]);
  });

  test.each([
    ["U+2028", "\u2028"],
    ["U+2029", "\u2029"],
  ])("%s inside a title is part of the title, not a line end", (_label, sep) => {
    const parsed = parseAchievements(`## Achievement Index\n- Achievement 1.1: first${sep}half\n- Achievement 1.2: next`);
    expect(parsed.definitions.map((d) => [d.id, d.title])).toEqual([["1.1", `first${sep}half`], ["1.2", "next"]]);
  });
});
