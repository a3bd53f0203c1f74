import { expect, test } from "bun:test";
import { BINDINGS, commandFor, helpLines, type ScreenKind } from "../../src/ui/keys";

const SCREENS: readonly ScreenKind[] = ["workspace", "plan", "prompt", "help"];

test("no key means two things on one screen", () => {
  for (const screen of SCREENS) {
    const seen = new Map<string, string>();
    for (const b of BINDINGS.filter((x) => x.screens.includes(screen))) {
      for (const key of b.keys) {
        expect(seen.get(key) ?? b.command).toBe(b.command);
        seen.set(key, b.command);
      }
    }
  }
});

test("the help lists every binding with its label and text, so it cannot drift from dispatch", () => {
  const help = helpLines().join("\n");
  for (const b of BINDINGS) {
    if (b.screens.some((s) => s !== "help")) expect(help).toContain(`${b.label.padEnd(12)} ${b.help}`);
  }
});

test("dispatch reads the same table: SPEC §6 keys on the screens they belong to", () => {
  expect(commandFor("workspace", "j")).toBe("down");
  expect(commandFor("plan", "up")).toBe("up");
  expect(commandFor("workspace", "/")).toBe("filter");
  expect(commandFor("plan", "/")).toBeNull();
  expect(commandFor("plan", "s")).toBe("new-subplan");
  expect(commandFor("workspace", "s")).toBeNull();
  expect(commandFor("prompt", "c")).toBe("copy");
  expect(commandFor("help", "escape")).toBe("back");
  expect(commandFor("plan", "ctrl-c")).toBe("quit");
});
