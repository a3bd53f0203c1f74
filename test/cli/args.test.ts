import { expect, test } from "bun:test";
import { commandHelp, parseInvocation } from "../../src/cli/args";
import type { CommandSpec } from "../../src/cli/command";

const run = async () => 0;
const status: CommandSpec = { name: "status", summary: "s", usage: "plandash status [PLAN]", maxPositionals: 1, options: { json: { type: "boolean", description: "j" } }, run };
const watch: CommandSpec = { name: "watch", summary: "w", usage: "plandash watch", maxPositionals: 0, options: { poll: { type: "string", optionalValue: true, valueName: "MS", description: "p" } }, run };
const dash: CommandSpec = { name: "dashboard", summary: "d", usage: "plandash", maxPositionals: 0, options: {}, run };
const all = [dash, status, watch];

test("a command with options and a positional", () => {
  const inv = parseInvocation(["status", "ALPHA", "--json", "--root", "/r"], all, dash);
  expect(inv.kind === "run" && inv.command.name).toBe("status");
  if (inv.kind === "run") expect(inv.args).toEqual({ values: { json: true, root: "/r" }, positionals: ["ALPHA"] });
});

test("no command runs the default; flags alone too", () => {
  const inv = parseInvocation(["--root", "/r"], all, dash);
  expect(inv.kind === "run" && inv.command.name).toBe("dashboard");
});

test("--poll and --poll=MS both parse", () => {
  const bare = parseInvocation(["watch", "--poll"], all, dash);
  const valued = parseInvocation(["watch", "--poll=250"], all, dash);
  expect(bare.kind === "run" && bare.args.values.poll).toBe("");
  expect(valued.kind === "run" && valued.args.values.poll).toBe("250");
});

test("a string value that starts with a dash but holds a space is a value, not an option", () => {
  const review: CommandSpec = { name: "review", summary: "r", usage: "plandash review", maxPositionals: 2, options: { message: { type: "string", short: "m", description: "m" } }, run };
  for (const argv of [["review", "--message", "- fix the cookie"], ["review", "-m", "- fix the cookie"]]) {
    const inv = parseInvocation(argv, [dash, review], dash);
    expect(inv.kind === "run" && inv.args.values.message).toBe("- fix the cookie");
  }
  expect(() => parseInvocation(["review", "--message", "--other"], [dash, review], dash)).toThrow();
});

test.each([
  [["--version"], "version"],
  [["-v"], "version"],
  [["--help"], "help"],
  [["status", "--help"], "help"],
  [["help", "status"], "help"],
])("%p is %p", (argv, kind) => {
  expect(parseInvocation(argv, all, dash).kind).toBe(kind as never);
});

test.each([
  [["frobnicate"], /unknown command "frobnicate"/],
  [["status", "--jsn"], /^unknown option --jsn$/],
  [["status", "A", "B"], /unexpected argument "B"/],
  [["status", "--root"], /argument missing|requires a value|--root/],
])("%p is a usage error", (argv, message) => {
  expect(() => parseInvocation(argv, all, dash)).toThrow(message);
  try {
    parseInvocation(argv, all, dash);
  } catch (error) {
    expect((error as { code: string }).code).toBe("EUSAGE");
  }
});

test("command help lists its own and the common options", () => {
  const help = commandHelp(watch);
  expect(help).toContain("Usage: plandash watch");
  expect(help).toContain("--poll[=MS]");
  expect(help).toContain("--root DIR");
  expect(help).toContain("--no-color");
});

test.each([
  [["status", "--jsn"], "did you mean --json? see `plandash status --help`"],
  [["status", "-x"], "see `plandash status --help`"],
  [["watch", "--pol=3"], "did you mean --poll? see `plandash watch --help`"],
])("an unknown option %p is named with a closed quote and the nearest option: %p", (argv, hint) => {
  let error: { message: string; hint?: string } | undefined;
  try {
    parseInvocation(argv, all, dash);
  } catch (e) {
    error = e as { message: string; hint?: string };
  }
  expect(error?.hint).toBe(hint);
  for (const text of [error?.message ?? "", error?.hint ?? ""]) {
    expect((text.match(/'/g) ?? []).length % 2).toBe(0);
    expect((text.match(/"/g) ?? []).length % 2).toBe(0);
    expect((text.match(/`/g) ?? []).length % 2).toBe(0);
  }
});
