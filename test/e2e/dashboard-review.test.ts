/**
 * Found by trying the dashboard as a demanding user would: each test is one of those findings,
 * on the compiled binary in a pseudo-terminal.
 */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import { KEYS, startDashboard, type DashboardSession } from "../helpers/screen";
import { testHome, type TestHome } from "../helpers/home";
import { waitFor } from "../helpers/wait-for";
import { planDir, tempWorkspace, type TempWorkspace } from "../helpers/workspace";

describe("the dashboard, as a demanding user finds it", () => {
  test("a title written to drive the terminal reaches clack's menu harmless", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 title \x1b]0;HACKED\x07 and \x1b[2J clear"] }) });
    await using dash = startDashboard(["--root", ws.root], { rows: 34 });
    await dash.waitForScreen(/› +1 +ALPHA/);
    dash.press(KEYS.enter);
    await dash.waitForScreen(/1\.1 +title/);
    dash.press(KEYS.enter);
    await dash.waitForScreen(/◆ +1\.1 title ␛\]0;HACKED␇ and ␛\[2J clear/, "the menu with the title made visible");
    expect(dash.raw()).not.toContain("\x1b]0;HACKED");
    expect(dash.raw()).not.toMatch(/and \x1b\[2J/);
  });

  test("e pressed twice at once writes one EXECUTION_TASK", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 Build it"], subplans: ["11"] }) });
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/› +1 +ALPHA/);
    dash.press(KEYS.enter);
    await dash.waitForScreen(/1\.1 +Build it +planned/);
    dash.press("ee");
    await dash.waitForScreen(/✓ wrote ALPHA\/execution\/EXECUTION_TASK_ALPHA_11_01\.md/, "the one write");
    await dash.waitForScreen(/1\.1 +Build it +in-progress +S E1\b/, "one execution on the row");
    expect(fs.readdirSync(ws.path("ALPHA/execution"))).toEqual(["EXECUTION_TASK_ALPHA_11_01.md"]);
  });

  test("the next-step view follows the files: a SUBPLAN written meanwhile turns it into the execution prompt, and c copies what is shown", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 Build it"] }) });
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/› +1 +ALPHA/);
    dash.press(KEYS.enter);
    await dash.waitForScreen(/1\.1 +Build it +not-started/);
    dash.press("n");
    await dash.waitForScreen(/^Next step: ALPHA 1\.1 — create-subplan/m);
    await ws.write("ALPHA/subplans/SUBPLAN_ALPHA_11.md", "# SUBPLAN\n");
    await dash.waitForScreen(/^Next step: ALPHA 1\.1 — create-execution/m, "the prompt rebuilt");
    const before = dash.raw().length;
    dash.press("c");
    await dash.waitForScreen(/✓ copied the create-execution prompt/);
    const copied = /\x1b\]52;c;([A-Za-z0-9+/=]+)\x07/.exec(dash.raw().slice(before))?.[1] ?? "";
    expect(Buffer.from(copied, "base64").toString("utf8")).toContain("EXECUTION_TASK_ALPHA_11_01.md");
  });

  test("keys typed right after / land in the filter", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 a"] }), GAMMA: planDir("GAMMA", { index: ["1.1 g"] }) });
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/› +1 +ALPHA/);
    dash.press("/gam");
    await dash.waitForScreen(/Filter plans by name[\s\S]*gam/, "the typed-ahead text in the prompt");
    dash.press(KEYS.enter);
    await dash.waitForScreen(/filter "gam": 1 of 2/);
  });

  describe("while the agent owns the terminal", () => {
    /** An agent that records the signal it got and otherwise runs until stopped. */
    function agentHome(home: TestHome): { started: string; got: string } {
      const started = home.path("started");
      const got = home.path("got");
      const script = home.script("agent.sh", [
        `trap 'echo TERM >> "${got}"; exit 143' TERM`,
        `trap 'echo INT >> "${got}"; exit 130' INT`,
        `echo started > "${started}"`,
        "while :; do sleep 0.05; done",
      ]);
      home.config({ agentCommand: script });
      return { started, got };
    }

    /** A dashboard on a one-plan workspace, its agent started with `x` and still running. */
    async function withAgentRunning(ws: TempWorkspace, home: TestHome, agent: ReturnType<typeof agentHome>): Promise<DashboardSession> {
      const dash = startDashboard(["--root", ws.root], { home: home.dir });
      await dash.waitForScreen(/› +1 +ALPHA/);
      dash.press(KEYS.enter);
      await dash.waitForScreen(/1\.1 +Build it +planned/);
      dash.press("x");
      await waitFor(() => fs.existsSync(agent.started), "the agent to start");
      return dash;
    }

    test("SIGTERM is passed on to the agent, and the dashboard ends after it (143), lock released", async () => {
      await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 Build it"], subplans: ["11"] }) });
      await using home = testHome();
      const agent = agentHome(home);
      await using dash = await withAgentRunning(ws, home, agent);
      dash.proc.kill("SIGTERM");
      expect(await dash.waitForExit()).toBe(143);
      await waitFor(() => fs.existsSync(agent.got), "the agent to record its signal");
      expect(fs.readFileSync(agent.got, "utf8").trim()).toBe("TERM");
      expect(ws.exists(".plandash/dashboard.lock")).toBe(false);
    });

    test("Ctrl-C is the agent's: it ends the agent, and the dashboard comes back and quits with 0 later", async () => {
      await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 Build it"], subplans: ["11"] }) });
      await using home = testHome();
      const agent = agentHome(home);
      await using dash = await withAgentRunning(ws, home, agent);
      dash.press(KEYS.ctrlC);
      await dash.waitForScreen(/agent ended with (SIGINT|exit 130)/, "the dashboard back, saying how the agent ended");
      expect(fs.readFileSync(agent.got, "utf8").trim()).toBe("INT");
      dash.press("q");
      dash.press("q");
      expect(await dash.waitForExit()).toBe(0);
    });
  });
});
