/** How a signal reaches the person, as a table of facts → method, and the bytes it writes. */
import { expect, test } from "bun:test";
import { chooseNotifyMethod, describeMethod, terminalBytes, type NotifyFacts } from "../../src/notify/method";

const facts = (over: Partial<NotifyFacts>): NotifyFacts => ({ mode: "desktop", isTTY: true, env: { TERM: "xterm-256color" }, notifySend: null, ...over });

test.each([
  [{ mode: "off" }, "off"],
  [{ mode: "off", isTTY: false, notifySend: "/usr/bin/notify-send" }, "off"],
  [{ mode: "bell" }, "BEL to the terminal"],
  [{ mode: "bell", isTTY: false, notifySend: "/usr/bin/notify-send" }, "nothing (a bell needs a terminal on stdout)"],
  [{}, "OSC 9 to the terminal (TERM=xterm-256color)"],
  [{ env: { TERM: "xterm-256color", TERM_PROGRAM: "iTerm.app" } }, "OSC 9 to the terminal (TERM_PROGRAM=iTerm.app)"],
  [{ env: { TERM: "xterm-256color", TERM_PROGRAM: "WezTerm" } }, "OSC 9 to the terminal (TERM_PROGRAM=WezTerm)"],
  [{ env: { TERM: "foot" } }, "OSC 777 to the terminal (TERM=foot)"],
  [{ env: { TERM: "rxvt-unicode-256color" } }, "OSC 777 to the terminal (TERM=rxvt-unicode-256color)"],
  [{ env: { TERM: "xterm-256color", VTE_VERSION: "7600" } }, "OSC 777 to the terminal (VTE_VERSION=7600)"],
  [{ isTTY: false, notifySend: "/usr/bin/notify-send" }, "notify-send (/usr/bin/notify-send)"],
  [{ isTTY: false }, "nothing (no terminal on stdout and no notify-send on PATH)"],
] as [Partial<NotifyFacts>, string][])("%p → %p", (over, expected) => {
  expect(describeMethod(chooseNotifyMethod(facts(over)))).toBe(expected);
});

test("the terminal sequences: one BEL, one OSC 9 or one OSC 777, and file text cannot end them early", () => {
  expect(terminalBytes("bell", "AUTH 1.2 is awaiting review")).toBe("\x07");
  expect(terminalBytes("osc9", "AUTH 1.2 is awaiting review")).toBe("\x1b]9;plandash: AUTH 1.2 is awaiting review\x07");
  expect(terminalBytes("osc777", "AUTH 1.2 is awaiting review")).toBe("\x1b]777;notify;plandash;AUTH 1.2 is awaiting review\x07");
  const hostile = terminalBytes("osc777", "EVIL\x07\x1b]52;c;aGk=\x07;x 1.1 needs a fix");
  expect(hostile.match(/[\x00-\x1f]/g)).toEqual(["\x1b", "\x07"]);
  expect(hostile.split(";").length).toBe(4);
});
