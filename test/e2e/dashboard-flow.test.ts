/**
 * One achievement walked from not-started to approved with the dashboard's keys, an agent and
 * a reviewer (the test process) writing files in between; the screen follows every step.
 */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import { testHome } from "../helpers/home";
import { KEYS, startDashboard } from "../helpers/screen";
import { planDir, tempWorkspace } from "../helpers/workspace";

const row = (status: string) => new RegExp(`› +▶? +1\\.1 +Build it +${status}`);

describe("actions from the keys", () => {
  test("s, e, an agent completes, f with a note, a resolution, a: not-started → approved", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 Build it", "1.2 Ship it"] }) });
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/› +1 +ALPHA/);
    dash.press(KEYS.enter);
    await dash.waitForScreen(row("not-started"), "1.1 selected, not started");

    dash.press("s");
    await dash.waitForScreen(row("planned"), "planned after s");
    // The watcher may show the new file before the action's own re-read says what it wrote.
    await dash.waitForScreen(/✓ wrote ALPHA\/subplans\/SUBPLAN_ALPHA_11\.md/, "what s wrote");
    expect(ws.exists("ALPHA/subplans/SUBPLAN_ALPHA_11.md")).toBe(true);

    dash.press("e");
    await dash.waitForScreen(row("in-progress"), "in progress after e");
    const execution = "ALPHA/execution/EXECUTION_TASK_ALPHA_11_01.md";
    expect(ws.read(execution)).toMatch(/\*\*Status\*\*: In Progress/);

    await ws.write(execution, ws.read(execution).replace("**Status**: In Progress", "**Status**: Complete"));
    await dash.waitForScreen(row("awaiting-review"), "awaiting review once the agent marked it complete");

    dash.press("f");
    await dash.waitForScreen(/What should be fixed in 1\.1\?/, "the note prompt");
    dash.press("Handle the empty input");
    await dash.waitForScreen(/Handle the empty input/, "the typed note");
    dash.press(KEYS.enter);
    await dash.waitForScreen(row("needs-fix"), "needs-fix after f");
    expect(ws.read("ALPHA/execution/feedbacks/FIX_11.md")).toContain("Handle the empty input");

    await ws.write("ALPHA/execution/feedbacks/FIX_11_RESOLUTION.md", "# Resolution\n\nHandled.\n");
    await dash.waitForScreen(row("awaiting-review"), "awaiting review after the resolution");

    dash.press("a");
    await dash.waitForScreen(/› +1\.1 +Build it +approved/, "approved after a");
    expect(ws.exists("ALPHA/execution/feedbacks/APPROVED_11.md")).toBe(true);
    expect(dash.screen()).toMatch(/1\/2 \(50%\)/);
  });

  test("a refused action says why in the footer and writes nothing; Esc on the note writes nothing", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 Build it"] }) });
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/› +1 +ALPHA/);
    dash.press(KEYS.enter);
    await dash.waitForScreen(row("not-started"));
    dash.press("e");
    await dash.waitForScreen(/1\.1: needs its SUBPLAN first \(s\)/, "the refusal");
    dash.press("a");
    await dash.waitForScreen(/1\.1: nothing executed yet/, "the second refusal");
    expect(fs.existsSync(ws.path("ALPHA/execution"))).toBe(false);
    expect(dash.screen()).toMatch(/e +create the next EXECUTION_TASK +— needs its SUBPLAN first/);
  });

  test("n shows the prompt, c copies it (OSC 52), x runs agentCommand with the terminal, o opens the editor", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 Build it"], subplans: ["11"] }) });
    await using home = testHome();
    const agent = home.script("agent.sh", [`printf '%s' "$1" > '${home.path("agent-ran.txt")}'`]);
    const editor = home.script("editor.sh", [`printf '%s' "$1" > '${home.path("editor-ran.txt")}'`]);
    home.config({ agentCommand: `${agent} {prompt}` });
    await using dash = startDashboard(["--root", ws.root], { home: home.dir, env: { EDITOR: editor } });
    await dash.waitForScreen(/› +1 +ALPHA/);
    dash.press(KEYS.enter);
    await dash.waitForScreen(row("planned"));

    dash.press("n");
    const prompt = await dash.waitForScreen(/^Next step: ALPHA 1\.1 — create-execution/m, "the prompt screen");
    expect(prompt).toMatch(/EXECUTION_TASK_ALPHA_11_01\.md/);
    dash.press("c");
    await dash.waitForScreen(/✓ copied the create-execution prompt for 1\.1 \(OSC 52/, "the copy message");
    expect(dash.raw()).toMatch(/\x1b\]52;c;[A-Za-z0-9+/=]+\x07/);

    dash.press("x");
    await dash.waitForScreen(/agent finished/, "the agent's result");
    expect(home.read("agent-ran.txt")).toContain("ALPHA");
    expect(dash.buffer()).toBe("alternate");

    dash.press("q");
    await dash.waitForScreen(row("planned"), "back on the plan");
    dash.press("o");
    await dash.waitForScreen(/edited ALPHA\/subplans\/SUBPLAN_ALPHA_11\.md/, "the editor's result");
    expect(home.read("editor-ran.txt")).toBe(ws.path("ALPHA/subplans/SUBPLAN_ALPHA_11.md"));
  });

  test("Enter on an achievement opens the action menu, with actions that do not apply disabled and why", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 Build it"] }) });
    await using dash = startDashboard(["--root", ws.root], { rows: 34 });
    await dash.waitForScreen(/› +1 +ALPHA/);
    dash.press(KEYS.enter);
    await dash.waitForScreen(row("not-started"));
    dash.press(KEYS.enter);
    const menu = await dash.waitForScreen(/e  create the next EXECUTION_TASK \(needs its SUBPLAN first/, "the menu");
    expect(menu).toMatch(/a  approve \(write APPROVED\) \(nothing executed yet/);
    // next-step prompt, copy, [run agent: disabled], create SUBPLAN
    dash.press(KEYS.down);
    await dash.waitForScreen(/● c  copy the next-step prompt/);
    dash.press(KEYS.down);
    await dash.waitForScreen(/● s  create the SUBPLAN/, "disabled entries skipped");
    dash.press(KEYS.enter);
    await dash.waitForScreen(row("planned"), "the SUBPLAN written from the menu");
  });
});
