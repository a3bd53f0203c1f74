/**
 * The loop with fakes for the terminal, the engine, the prompts and the lock: what is written to
 * the terminal after a key, a live change, a prompt, an action — and what it asked of the engine.
 */
import { describe, expect, test } from "bun:test";
import { diffPlans } from "../../src/core/diff";
import type { Plan, WorkspaceState } from "../../src/core/types";
import type { EngineListener } from "../../src/live/engine";
import type { Freshness } from "../../src/live/freshness";
import { realClock, realFs } from "../../src/ports";
import { startApp, type LockSession } from "../../src/ui/app";
import type { Prompter } from "../../src/ui/prompter";
import { createScreenSession } from "../../src/ui/terminal";
import { createTheme } from "../../src/ui/theme";
import { fakeTerminal } from "../helpers/fake-terminal";
import { freshnessOf, memoryPlan, workspaceOf } from "../helpers/plans";
import { waitFor } from "../helpers/wait-for";
import { planDir, tempWorkspace } from "../helpers/workspace";

function fakeEngine(state: WorkspaceState) {
  const listeners = new Set<EngineListener>();
  const refreshes: ({ plan?: string } | undefined)[] = [];
  let current = state;
  let fresh: Freshness = freshnessOf();
  return {
    refreshes,
    get state() {
      return current;
    },
    freshness: () => fresh,
    subscribe(l: EngineListener) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async refresh(scope?: { plan?: string }) {
      refreshes.push(scope);
      return { changed: [], added: [], removed: [] };
    },
    publish(plans: readonly Plan[]) {
      const before = current.plans;
      current = workspaceOf(plans, current.root);
      fresh = { ...fresh, lastUpdateAt: Date.now() };
      for (const l of [...listeners]) l({ type: "update", at: Date.now(), state: current, diff: diffPlans(before, plans), cause: "hint" });
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}

const holder: LockSession = {
  view: () => ({ role: "holder" }),
  subscribe: () => () => {},
  takeover: async () => ({ view: { role: "holder" }, message: "", tone: "good" }),
};

function scripted(answers: (string | null)[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async text(o) {
      asked.push(o.message);
      return answers.shift() ?? null;
    },
    async select() {
      return null;
    },
  };
}

function setup(plans: readonly Plan[], prompter: Prompter = scripted([]), root = "/ws") {
  const terminal = fakeTerminal({ cols: 100, rows: 30 });
  const engine = fakeEngine(workspaceOf(plans, root));
  const app = startApp({
    terminal,
    screen: createScreenSession(terminal),
    clock: realClock,
    theme: createTheme(false),
    engine: engine as never,
    prompter,
    lock: holder,
    actions: { fs: realFs, root, clock: realClock, staleExecutionDays: 7, runner: { which: () => null, run: async () => ({ exitCode: 0, signal: null, stdout: "", spawnError: null, timedOut: false, forwarded: null }) }, env: {}, cwd: root, agentCommand: null, editor: null, signal: new AbortController().signal },
    facts: { hasAgentCommand: false, staleAfterMinutes: 5, demoDir: null },
    warnings: [],
    signal: new AbortController().signal,
  });
  return { terminal, engine, app };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
const rowsWritten = (bytes: string): number => (bytes.match(/\x1b\[\d+;1H/g) ?? []).length;

const ALPHA = memoryPlan("ALPHA", { index: ["1.1 First"] });
const GAMMA = memoryPlan("GAMMA", { index: ["1.1 Only"] });

describe("the loop", () => {
  test("takes the terminal, draws the table, and redraws only what a live change touched", async () => {
    const many = Array.from({ length: 200 }, (_, i) => memoryPlan(`P${String(i).padStart(3, "0")}`, { index: ["1.1 x"] }));
    const { terminal, engine } = setup(many);
    await tick();
    expect(terminal.rawMode).toBe(true);
    const first = terminal.written.join("");
    expect(first).toContain("\x1b[?1049h");
    expect(first).toMatch(/› +1 +P000/);
    const before = terminal.written.length;
    const changed = many.map((p, i) => (i === 3 ? memoryPlan(p.id, { index: ["1.1 x"], subplans: ["11"] }) : p));
    engine.publish(changed);
    await tick();
    const redraw = terminal.written.slice(before).join("");
    expect(redraw).toContain("P003");
    // The row, its change mark, the recent strip, the footer: a few lines, not the screen.
    expect(rowsWritten(redraw)).toBeGreaterThan(0);
    expect(rowsWritten(redraw)).toBeLessThanOrEqual(8);
  });

  test("while the filter prompt is open nothing but the footer is drawn, and it says updates are pending", async () => {
    const { promise: answer, resolve } = Promise.withResolvers<string | null>();
    const prompter: Prompter = { text: () => answer, select: async () => null };
    const { terminal, engine } = setup([ALPHA, GAMMA], prompter);
    await tick();
    terminal.type("/");
    await tick();
    const before = terminal.written.length;
    engine.publish([memoryPlan("ALPHA", { index: ["1.1 First"], subplans: ["11"] }), GAMMA]);
    await tick();
    const during = terminal.written.slice(before).join("");
    expect(during).toContain("updates pending");
    expect(during).not.toContain("planned");
    resolve("gam");
    await waitFor(() => terminal.written.slice(before).join("").includes("filter \"gam\": 1 of 2"), "the redraw after the prompt");
  });

  test("an action writes its file, re-reads that plan at once (read-your-writes) and says what it wrote", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"] }) });
    const plan = memoryPlan("ALPHA", { index: ["1.1 First"] });
    const { terminal, engine } = setup([plan], scripted([]), ws.root);
    await tick();
    terminal.type("\r");
    await tick();
    terminal.type("s");
    await waitFor(() => engine.refreshes.some((r) => r?.plan === "ALPHA"), "a refresh of ALPHA");
    expect(ws.exists("ALPHA/subplans/SUBPLAN_ALPHA_11.md")).toBe(true);
    await waitFor(() => terminal.written.join("").includes("✓ wrote ALPHA/subplans/SUBPLAN_ALPHA_11.md"), "the result in the footer");
  });

  test("q quits with 0 and lets go of the engine, the keys and the terminal", async () => {
    const { terminal, engine, app } = setup([ALPHA]);
    await tick();
    terminal.type("q");
    expect(await app.done).toBe(0);
    expect(engine.listenerCount).toBe(0);
  });
});
