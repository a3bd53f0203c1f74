import { expect, test } from "bun:test";
import { isExitedState, parseParentPid, parseProcStat } from "../../src/lock/proc-stat";

/** A realistic /proc/<pid>/stat line: `pid (comm) state` then fields 4…52; field 22 is `start`. */
function statLine(comm: string, state: string, start: number | string): string {
  const after = Array.from({ length: 50 }, (_, i) => String(i + 4));
  after[22 - 4] = String(start);
  return `4242 (${comm}) ${state} ${after.join(" ")}\n`;
}

test.each([
  ["a plain name", statLine("plandash", "S", 123456), { state: "S", startTime: 123456 }],
  ["a name with spaces", statLine("plan dash worker", "R", 77), { state: "R", startTime: 77 }],
  ["a name with parentheses and spaces", statLine("a) b (c) ) x", "S", 991), { state: "S", startTime: 991 }],
  ["a name that is only ')'", statLine(")", "D", 5), { state: "D", startTime: 5 }],
  ["a name that looks like fields", statLine("1 (x) Z 2 3", "S", 42), { state: "S", startTime: 42 }],
  ["a zombie", statLine("plandash", "Z", 8), { state: "Z", startTime: 8 }],
  ["an empty name", statLine("", "S", 9), { state: "S", startTime: 9 }],
  ["the real format of the kernel (52 fields)", "1 (systemd) S 0 1 1 0 -1 4194560 47000 1600000 100 2000 300 400 5000 1000 20 0 1 0 13 175000000 3000 18446744073709551615 1 1 0 0 0 0 671173123 4096 1260 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n", { state: "S", startTime: 13 }],
] as const)("parses %s", (_name, text, expected) => {
  expect(parseProcStat(text)).toEqual(expected);
});

test.each([
  ["empty text", ""],
  ["no parentheses", "4242 plandash S 1 2 3"],
  ["cut off before field 22", "4242 (plandash) S 1 2 3 4 5"],
  ["a start time that is not a number", statLine("plandash", "S", "12x")],
  ["a state that is not one letter", statLine("plandash", "SS", 1)],
  ["a ')' before the '('", "4242 )plandash( S 1 2 3"],
])("rejects %s", (_name, text) => {
  expect(parseProcStat(text)).toBeNull();
});

test.each([
  ["Z", true],
  ["X", true],
  ["S", false],
  ["R", false],
  ["D", false],
  ["T", false],
])("state %s means exited: %p", (state, exited) => {
  expect(isExitedState(state)).toBe(exited);
});

test.each([
  ["a plain name", "4242 (plandash) S 17 4242 4242 0", 17],
  ["a name with ') ' in it", "4242 (a) 9 (b) S 18 1 1", 18],
  ["the kernel's own (0)", "2 (kthreadd) S 0 0 0 0", 0],
  ["not a stat line", "garbage", null],
] as const)("the parent pid of %s", (_name, text, ppid) => {
  expect(parseParentPid(text)).toBe(ppid);
});
