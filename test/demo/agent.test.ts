/**
 * The demo agent on a fake clock over a real temporary copy of the example workspace: the steps
 * come every 2–3 s in the script's order, each one a state change a user would see, and nothing
 * is written outside the copy.
 */
import { afterEach, describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEMO_STEP_DELAYS_MS, startDemoAgent, type DemoAgentEvent } from "../../src/demo/agent";
import { exampleWorkspace } from "../../src/demo/example-workspace";
import { describeStep } from "../../src/demo/script";
import { realFs } from "../../src/ports";
import { loadWorkspace } from "../../src/workspace/load";
import { writeTree } from "../../src/workspace/write-tree";
import { fakeClock } from "../helpers/fake-clock";
import { tempDir } from "../helpers/workspace";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function demoCopy(): { outer: string; root: string } {
  const outer = tempDir("plandash-demo-test-");
  dirs.push(outer);
  const root = path.join(outer, "plans");
  fs.mkdirSync(root);
  writeTree(realFs, root, exampleWorkspace());
  return { outer, root };
}

function listing(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

function statusOf(root: string, planId: string, achievement: string): string | undefined {
  const { state } = loadWorkspace(realFs, root, { nowMs: Date.now(), staleExecutionDays: 7, maxDepth: 3 });
  return state.plans.find((p) => p.id === planId)?.achievements.find((a) => a.id === achievement)?.status;
}

describe("the demo agent", () => {
  test("works through an achievement in the script's order, a step every 2–3 s, then adds a plan once", () => {
    const { root } = demoCopy();
    const clock = fakeClock();
    const events: DemoAgentEvent[] = [];
    const seen: string[] = [];
    const agent = startDemoAgent({
      clock,
      fs: realFs,
      root,
      staleExecutionDays: 7,
      onEvent: (e) => {
        events.push(e);
        if (e.type === "wrote" && e.step.kind !== "add-plan") seen.push(`${e.step.kind} → ${statusOf(root, e.step.planId, e.step.achievementId)}`);
      },
    });
    clock.advance(DEMO_STEP_DELAYS_MS[0]! - 1);
    expect(events).toEqual([]);
    clock.advance(1);
    expect(events.length).toBe(1);
    // Seven steps: at 2, 5, 7, 10, 12, 15 and 17 s.
    clock.advance(15_000);

    const wrote = events.filter((e) => e.type === "wrote");
    expect(wrote.map((e) => describeStep(e.step))).toEqual([
      "agent: wrote the SUBPLAN of ONBOARDING-DOCS 1.1",
      "agent: started an EXECUTION_TASK for ONBOARDING-DOCS 1.1",
      "agent: marked Complete the work on ONBOARDING-DOCS 1.1",
      "reviewer: asked for fixes on ONBOARDING-DOCS 1.1",
      "agent: resolved the fixes on ONBOARDING-DOCS 1.1",
      "reviewer: approved ONBOARDING-DOCS 1.1",
      "agent: added plan RELEASE-NOTES",
    ]);
    expect(seen).toEqual([
      "create-subplan → planned",
      "create-execution → in-progress",
      "mark-complete → awaiting-review",
      "request-fix → needs-fix",
      "resolve-fix → awaiting-review",
      "approve → approved",
    ]);
    // The waits between the steps alternate 2 s and 3 s.
    const gaps = wrote.slice(1).map((e, i) => e.at - (wrote[i] as DemoAgentEvent).at);
    expect(gaps).toEqual([3000, 2000, 3000, 2000, 3000, 2000]);
    expect(statusOf(root, "RELEASE-NOTES", "1.1")).toBe("not-started");
    agent.stop();
  });

  test("goes on to the next achievement, approving every other one without a fix round, and stops when all is done", () => {
    const { root } = demoCopy();
    const clock = fakeClock();
    const events: DemoAgentEvent[] = [];
    startDemoAgent({ clock, fs: realFs, root, staleExecutionDays: 7, onEvent: (e) => events.push(e) });
    for (let i = 0; i < 60 && !events.some((e) => e.type === "stopped"); i++) clock.advance(3000);
    const steps = events.filter((e) => e.type === "wrote").map((e) => describeStep(e.step));
    expect(steps.slice(7, 11)).toEqual([
      "agent: wrote the SUBPLAN of ONBOARDING-DOCS 1.2",
      "agent: started an EXECUTION_TASK for ONBOARDING-DOCS 1.2",
      "agent: marked Complete the work on ONBOARDING-DOCS 1.2",
      "reviewer: approved ONBOARDING-DOCS 1.2",
    ]);
    expect(steps.filter((s) => s === "agent: added plan RELEASE-NOTES").length).toBe(1);
    expect(events.at(-1)).toMatchObject({ type: "stopped", reason: "done" });
    for (const [plan, ids] of [["ONBOARDING-DOCS", ["1.1", "1.2", "2.1"]], ["RELEASE-NOTES", ["1.1", "1.2"]]] as const) {
      for (const id of ids) expect(statusOf(root, plan, id)).toBe("approved");
    }
    expect(clock.pendingTimers).toBe(0);
  });

  test("writes only inside its plans root, and only new files", () => {
    const { outer, root } = demoCopy();
    const before = new Map(listing(root).filter((f) => fs.statSync(path.join(root, f)).isFile()).map((f) => [f, fs.readFileSync(path.join(root, f), "utf8")]));
    const clock = fakeClock();
    startDemoAgent({ clock, fs: realFs, root, staleExecutionDays: 7 });
    for (let i = 0; i < 40; i++) clock.advance(3000);
    expect(listing(outer).filter((f) => !f.startsWith("plans"))).toEqual([]);
    for (const [file, text] of before) expect(fs.readFileSync(path.join(root, file), "utf8")).toBe(text);
    expect(listing(root).length).toBeGreaterThan(before.size);
  });

  test("when the newcomer takes a step first, the agent carries on from the new state", () => {
    const { root } = demoCopy();
    const clock = fakeClock();
    const events: DemoAgentEvent[] = [];
    startDemoAgent({ clock, fs: realFs, root, staleExecutionDays: 7, onEvent: (e) => events.push(e) });
    fs.mkdirSync(path.join(root, "ONBOARDING-DOCS", "subplans"), { recursive: true });
    fs.writeFileSync(path.join(root, "ONBOARDING-DOCS", "subplans", "SUBPLAN_ONBOARDING-DOCS_11.md"), "# mine\n");
    clock.advance(2000);
    expect(events.map((e) => e.type === "wrote" && describeStep(e.step))).toEqual(["agent: started an EXECUTION_TASK for ONBOARDING-DOCS 1.1"]);
    expect(fs.readFileSync(path.join(root, "ONBOARDING-DOCS", "subplans", "SUBPLAN_ONBOARDING-DOCS_11.md"), "utf8")).toBe("# mine\n");
  });

  test("stops after repeated refusals (its folder is gone) and stop() cancels the next step", () => {
    const { root } = demoCopy();
    const clock = fakeClock();
    const events: DemoAgentEvent[] = [];
    const agent = startDemoAgent({ clock, fs: realFs, root, staleExecutionDays: 7, onEvent: (e) => events.push(e) });
    clock.advance(2000);
    fs.rmSync(path.join(root, "ONBOARDING-DOCS"), { recursive: true });
    fs.rmSync(root, { recursive: true });
    for (let i = 0; i < 10; i++) clock.advance(3000);
    expect(events.filter((e) => e.type === "refused").length).toBe(3);
    expect(events.at(-1)).toMatchObject({ type: "stopped", reason: "refusals" });
    expect(fs.existsSync(root)).toBe(false);

    const other = demoCopy();
    const calm: DemoAgentEvent[] = [];
    const second = startDemoAgent({ clock, fs: realFs, root: other.root, staleExecutionDays: 7, onEvent: (e) => calm.push(e) });
    second.stop();
    second.stop();
    clock.advance(10_000);
    expect(calm).toEqual([]);
    agent.stop();
  });
});
