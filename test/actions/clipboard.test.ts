import { describe, expect, test } from "bun:test";
import { copyToClipboard, osc52 } from "../../src/actions/clipboard";
import type { ProcessRunner, RunOptions, RunResult } from "../../src/actions/process";

interface Call {
  readonly argv: readonly string[];
  readonly options: RunOptions;
}

/** Programs on a pretend PATH, each with the exit code it gives ("timeout": killed after timeoutMs). */
function fakeRunner(installed: Record<string, number | "timeout">): { runner: ProcessRunner; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    runner: {
      which: (name) => (name in installed ? `/fake/bin/${name}` : null),
      async run(argv, options): Promise<RunResult> {
        calls.push({ argv, options });
        const name = (argv[0] ?? "").split("/").pop() ?? "";
        const exit = installed[name] ?? 127;
        if (exit === "timeout") return { exitCode: null, signal: "SIGKILL", stdout: "", spawnError: null, timedOut: true, forwarded: null };
        return { exitCode: exit, signal: null, stdout: "", spawnError: null, timedOut: false, forwarded: null };
      },
    },
  };
}

describe("copy to clipboard", () => {
  test("on a terminal: OSC 52 with the base64 of the UTF-8 text, plus the first working tool", async () => {
    const written: string[] = [];
    const { runner, calls } = fakeRunner({ xsel: 0 });
    const out = await copyToClipboard("héllo", { isTTY: true, writeTerminal: (s) => written.push(s), runner });
    expect(written).toEqual(["\x1b]52;c;aMOpbGxv\x07"]);
    expect(out.via).toEqual(["OSC 52", "xsel"]);
    expect(calls.map((c) => c.argv)).toEqual([["/fake/bin/xsel", "--clipboard", "--input"]]);
  });

  test("not a terminal: no escape codes; xclip gets the text on stdin and its output is not piped", async () => {
    const written: string[] = [];
    const { runner, calls } = fakeRunner({ xclip: 0, xsel: 0, pbcopy: 0 });
    const out = await copyToClipboard("the prompt", { isTTY: false, writeTerminal: (s) => written.push(s), runner });
    expect(written).toEqual([]);
    expect(out.via).toEqual(["xclip"]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.argv).toEqual(["/fake/bin/xclip", "-selection", "clipboard"]);
    expect(calls[0]?.options.stdin).toEqual({ data: "the prompt" });
    // xclip keeps a child alive to serve the selection: a piped stdout would never reach EOF.
    expect([calls[0]?.options.stdout, calls[0]?.options.stderr]).toEqual(["ignore", "ignore"]);
    expect(calls[0]?.options.timeoutMs).toBeGreaterThan(0);
  });

  test("wl-copy comes first; a tool that fails is skipped for the next one and the failure is noted", async () => {
    const { runner, calls } = fakeRunner({ "wl-copy": 1, xclip: 0 });
    const out = await copyToClipboard("x", { isTTY: false, writeTerminal: () => {}, runner });
    expect(calls.map((c) => c.argv[0])).toEqual(["/fake/bin/wl-copy", "/fake/bin/xclip"]);
    expect(out.via).toEqual(["xclip"]);
    expect(out.notes).toContain("wl-copy failed (exit 1)");
  });

  test("a tool that hangs is given up on, and the note says it timed out (not SIGKILL)", async () => {
    const { runner } = fakeRunner({ "wl-copy": "timeout", xclip: 0 });
    const out = await copyToClipboard("x", { isTTY: false, writeTerminal: () => {}, runner });
    expect(out.via).toEqual(["xclip"]);
    expect(out.notes).toContain("wl-copy timed out after 5 s");
    expect(out.notes.join(" ")).not.toContain("SIGKILL");
  });

  test("nothing possible: via is empty and the notes say why for each way", async () => {
    const { runner } = fakeRunner({});
    const out = await copyToClipboard("x", { isTTY: false, writeTerminal: () => {}, runner });
    expect(out).toEqual({ via: [], notes: ["OSC 52: stdout is not a terminal", "wl-copy, xclip, xsel, pbcopy: not on PATH"] });
  });

  test("osc52 encodes multi-line text", () => {
    expect(osc52("a\nb")).toBe(`\x1b]52;c;${Buffer.from("a\nb").toString("base64")}\x07`);
  });
});
