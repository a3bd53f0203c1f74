/**
 * Attention signals on the compiled binary: in a pseudo-terminal the dashboard writes one BEL
 * (`notify: bell`) or one OSC 9 (`desktop`) per transition to awaiting-review / needs-fix, none
 * for what was already so at start, and so does `watch --notify` in one; without a terminal,
 * `watch --notify` runs notify-send (a fake one on PATH that logs its arguments) once per transition.
 */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { binaryPath } from "../helpers/binary";
import { childEnv } from "../helpers/child-env";
import { startDashboard, type DashboardSession } from "../helpers/screen";
import { waitFor } from "../helpers/wait-for";
import { planDir, tempDir, tempWorkspace } from "../helpers/workspace";

const plans = () => ({
  ALPHA: planDir("ALPHA", { index: ["1.1 First", "1.2 Second"], subplans: ["11", "12"], executions: { "11": ["In Progress"], "12": ["In Progress"] } }),
  // Already awaiting review when plandash starts: never signalled.
  GAMMA: planDir("GAMMA", { index: ["1.1 Only"], subplans: ["11"], executions: { "11": ["Complete"] } }),
});

const COMPLETE = "# EXECUTION\n\n**Status**: Complete\n";

/** BELs that are not the end of an OSC sequence. */
function bells(raw: string): number {
  return (raw.replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, "").match(/\x07/g) ?? []).length;
}

function osc9(raw: string): string[] {
  return [...raw.matchAll(/\x1b\]9;([^\x07\x1b]*)\x07/g)].map((m) => m[1] ?? "");
}

async function quit(dash: DashboardSession): Promise<void> {
  dash.press("q");
  expect(await dash.waitForExit()).toBe(0);
}

describe("the dashboard with notify", () => {
  test("bell: one BEL when an achievement turns awaiting-review, one more when another needs a fix, none at start", async () => {
    await using ws = await tempWorkspace(plans());
    await ws.write(".plandash/config.json", JSON.stringify({ notify: "bell" }));
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/GAMMA .* awaiting-review/, "the first screen");
    expect(bells(dash.raw())).toBe(0);

    await ws.write("ALPHA/execution/EXECUTION_TASK_ALPHA_11_02.md", COMPLETE);
    await dash.waitForScreen(/ALPHA 1\.1 in-progress → awaiting-review/, "the transition on screen");
    await waitFor(() => bells(dash.raw()) >= 1, "a BEL");

    await ws.write("ALPHA/execution/EXECUTION_TASK_ALPHA_12_02.md", COMPLETE);
    await ws.write("ALPHA/execution/feedbacks/FIX_12.md", "fix this\n");
    await dash.waitForScreen(/ALPHA 1\.2 .*→ needs-fix/, "the second transition on screen");
    await waitFor(() => bells(dash.raw()) >= 2, "a second BEL");
    await quit(dash);
    expect(bells(dash.raw())).toBe(2);
    expect(osc9(dash.raw())).toEqual([]);
  }, 30_000);

  test("desktop: one OSC 9 naming the plan and the achievement", async () => {
    await using ws = await tempWorkspace(plans());
    await ws.write(".plandash/config.json", JSON.stringify({ notify: "desktop" }));
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/GAMMA .* awaiting-review/, "the first screen");
    await ws.write("ALPHA/execution/EXECUTION_TASK_ALPHA_11_02.md", COMPLETE);
    await dash.waitForScreen(/ALPHA 1\.1 in-progress → awaiting-review/, "the transition on screen");
    await waitFor(() => osc9(dash.raw()).length >= 1, "an OSC 9");
    // An approval is no signal: had it been one, it would share the next OSC 9 with 1.2.
    await ws.write("ALPHA/execution/feedbacks/APPROVED_11.md", "ok\n");
    await ws.write("ALPHA/execution/EXECUTION_TASK_ALPHA_12_02.md", COMPLETE);
    await dash.waitForScreen(/ALPHA 1\.1 awaiting-review → approved/, "the approval on screen");
    await waitFor(() => osc9(dash.raw()).length >= 2, "a second OSC 9");
    await quit(dash);
    expect(osc9(dash.raw())).toEqual(["plandash: ALPHA 1.1 is awaiting review", "plandash: ALPHA 1.2 is awaiting review"]);
    expect(bells(dash.raw())).toBe(0);
  }, 30_000);
});

describe("watch --notify in a terminal", () => {
  test("notify: bell — one BEL per transition to awaiting-review (and to needs-fix), none at start", async () => {
    await using ws = await tempWorkspace(plans());
    await ws.write(".plandash/config.json", JSON.stringify({ notify: "bell" }));
    await using term = startDashboard(["watch", "--notify", "--root", ws.root]);
    await term.waitForScreen(/backend: /, "watch to start");
    expect(bells(term.raw())).toBe(0);
    // Each step waits for its BEL before the next write, so no two fall in one coalescing window.
    const steps = [
      ["execution/EXECUTION_TASK_ALPHA_11_02.md", COMPLETE, /ALPHA 1\.1: in-progress → awaiting-review/],
      ["execution/feedbacks/FIX_11.md", "fix this\n", /ALPHA 1\.1: awaiting-review → needs-fix/],
      ["execution/feedbacks/FIX_11_RESOLUTION.md", "fixed\n", /ALPHA 1\.1: needs-fix → awaiting-review/],
    ] as const;
    for (const [i, [file, text, line]] of steps.entries()) {
      await ws.write(`ALPHA/${file}`, text);
      await term.waitForScreen(line, `the transition printed: ${line}`);
      await waitFor(() => bells(term.raw()) >= i + 1, `BEL number ${i + 1}`);
    }
    term.proc.kill("SIGTERM");
    expect(await term.waitForExit()).toBe(143);
    expect(bells(term.raw())).toBe(3);
    expect(osc9(term.raw())).toEqual([]);
  }, 30_000);
});

describe("watch --notify without a terminal", () => {
  test("runs notify-send once per transition, and writes no BEL or OSC into its output", async () => {
    await using ws = await tempWorkspace(plans());
    await ws.write(".plandash/config.json", JSON.stringify({ notify: "desktop" }));
    const home = tempDir("plandash-home-");
    const bin = tempDir("plandash-bin-");
    const log = path.join(home, "notify-send.log");
    fs.writeFileSync(path.join(bin, "notify-send"), `#!/bin/sh\nprintf '%s|' "$@" >> '${log}'\necho >> '${log}'\n`, { mode: 0o755 });
    const proc = Bun.spawn([binaryPath(), "watch", "--notify", "--root", ws.root], {
      cwd: home,
      env: childEnv(home, { PATH: `${bin}:${process.env.PATH ?? ""}` }),
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    let out = "";
    const reading = (async () => {
      for await (const chunk of proc.stdout) out += new TextDecoder().decode(chunk);
    })();
    const calls = (): string[] => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter((l) => l !== "") : []);
    try {
      await waitFor(() => /backend: /.test(out), "watch to start");
      await ws.write("ALPHA/execution/EXECUTION_TASK_ALPHA_11_02.md", COMPLETE);
      await waitFor(() => calls().length >= 1, "the first notify-send");
      await ws.write("ALPHA/execution/feedbacks/FIX_11.md", "fix this\n");
      await waitFor(() => calls().length >= 2, "the second notify-send");
      await ws.write("ALPHA/execution/feedbacks/FIX_11_RESOLUTION.md", "fixed\n");
      await waitFor(() => /ALPHA 1\.1: needs-fix → awaiting-review/.test(out), "the third transition printed");
      await waitFor(() => calls().length >= 3, "the third notify-send");
    } finally {
      proc.kill("SIGTERM");
      await proc.exited;
      await reading;
      fs.rmSync(bin, { recursive: true, force: true });
    }
    expect(calls()).toEqual([
      "--app-name=plandash|plandash|ALPHA 1.1 is awaiting review|",
      "--app-name=plandash|plandash|ALPHA 1.1 needs a fix|",
      "--app-name=plandash|plandash|ALPHA 1.1 is awaiting review|",
    ]);
    expect(out).toMatch(/ALPHA 1\.1: in-progress → awaiting-review/);
    expect(out).not.toMatch(/[\x07\x1b]/);
    expect(await new Response(proc.stderr).text()).toBe("");
    fs.rmSync(home, { recursive: true, force: true });
  }, 30_000);

  test("--notify=loud is one line on stderr with exit 2", async () => {
    await using ws = await tempWorkspace(plans());
    const home = tempDir("plandash-home-");
    const proc = Bun.spawn([binaryPath(), "watch", "--notify=loud", "--root", ws.root], { cwd: home, env: childEnv(home), stdin: "ignore", stdout: "pipe", stderr: "pipe" });
    const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
    fs.rmSync(home, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^plandash: --notify=loud: say bell or desktop/);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("doctor", () => {
  test("says which method notify would use on a terminal and without one", async () => {
    await using ws = await tempWorkspace(plans());
    await ws.write(".plandash/config.json", JSON.stringify({ notify: "desktop" }));
    const home = tempDir("plandash-home-");
    const bin = tempDir("plandash-bin-");
    fs.writeFileSync(path.join(bin, "notify-send"), "#!/bin/sh\n", { mode: 0o755 });
    const run = async (env: Record<string, string>, json: boolean): Promise<string> => {
      const proc = Bun.spawn([binaryPath(), "doctor", "--root", ws.root, ...(json ? ["--json"] : [])], { cwd: home, env: childEnv(home, env), stdin: "ignore", stdout: "pipe", stderr: "pipe" });
      const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
      expect(code).toBe(0);
      return out;
    };
    const text = await run({ PATH: `${bin}:${process.env.PATH ?? ""}`, TERM: "foot" }, false);
    expect(text).toContain(`notify       desktop — on a terminal (the dashboard, watch --notify): OSC 777 to the terminal (TERM=foot); without one (watch --notify in a pipe): notify-send (${path.join(bin, "notify-send")})`);
    const doc = JSON.parse(await run({ PATH: home, TERM: "xterm-256color", TERM_PROGRAM: "iTerm.app" }, true)) as { notify: unknown };
    expect(doc.notify).toEqual({
      mode: "desktop",
      onTerminal: { method: "osc9", says: "OSC 9 to the terminal (TERM_PROGRAM=iTerm.app)" },
      withoutTerminal: { method: "none", says: "nothing (no terminal on stdout and no notify-send on PATH)" },
    });
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(bin, { recursive: true, force: true });
  });
});
