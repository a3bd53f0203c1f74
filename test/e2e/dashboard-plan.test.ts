/**
 * The plan screen's own sections — ready in parallel, the plan's warnings — as the files say
 * and as they change; and the next-step view scrolling a prompt longer than the screen.
 */
import { describe, expect, test } from "bun:test";
import { KEYS, startDashboard, type DashboardSession } from "../helpers/screen";
import { planDir, tempWorkspace } from "../helpers/workspace";

/** The dashboard on `root`, on the plan screen of the first plan. */
async function onFirstPlan(root: string, options: Parameters<typeof startDashboard>[1] = {}): Promise<DashboardSession> {
  const dash = startDashboard(["--root", root], options);
  await dash.waitForScreen(/› +1 +ALPHA/);
  dash.press(KEYS.enter);
  await dash.waitForScreen(/^ALPHA$/m, "the plan screen");
  return dash;
}

describe("the plan screen", () => {
  test("shows what is ready in parallel and the plan's warnings, and follows parallel.json as it changes", async () => {
    await using ws = await tempWorkspace({
      ALPHA: planDir("ALPHA", {
        index: ["1.1 Base", "1.2 On top", "1.3 Aside"],
        parallel: { achievements: [{ id: "1.1" }, { id: "1.2", dependencies: ["1.1"] }, { id: "1.3", dependencies: ["9.9"] }] },
        // Named like an execution but a folder: never opened, warned about.
        extra: { "execution/EXECUTION_TASK_ALPHA_12_01.md/inside": "x" },
      }),
    });
    await using dash = await onFirstPlan(ws.root, { cols: 140 });
    const screen = await dash.waitForScreen(/^ready in parallel: 1\.1, 1\.3$/m, "the ready set");
    expect(screen).toMatch(/^⚠ parallel-unknown-id: parallel\.json names achievement 9\.9, which the plan does not define \(ALPHA\/parallel\.json\)$/m);
    expect(screen).toMatch(/^⚠ unreadable-file: .*\(EISDIR\) \(ALPHA\/execution\/EXECUTION_TASK_ALPHA_12_01\.md\)$/m);

    await ws.write("ALPHA/execution/feedbacks/APPROVED_11.md", "approved\n");
    await dash.waitForScreen(/^ready in parallel: 1\.2, 1\.3$/m, "1.2 ready once 1.1 is approved");

    await ws.write("ALPHA/parallel.json", "{ not json");
    const broken = await dash.waitForScreen(/^⚠ parallel-invalid: parallel\.json is not valid JSON/m, "the broken parallel.json said");
    expect(broken).not.toMatch(/ready in parallel/);
    expect(broken).not.toMatch(/parallel-unknown-id/);
  });

  test("a plan with neither shows no such section", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 Base", "1.2 Next"] }) });
    await using dash = await onFirstPlan(ws.root);
    const screen = await dash.waitForScreen(/Actions for 1\.1 Base/);
    expect(screen).not.toMatch(/ready in parallel|⚠/);
  });
});

describe("the next-step view", () => {
  test("scrolls a prompt longer than the screen: ↓/j, PgDn/Space, G, ↑/k, PgUp, g", async () => {
    const steps = Array.from({ length: 40 }, (_, i) => `step ${String(i + 1).padStart(2, "0")} of the subplan`);
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 Base"] }) });
    await ws.write(".plandash/prompts/create-subplan.md", ["Write the SUBPLAN of {plan} {achievement}", ...steps].join("\n"));
    const prompt = ["Write the SUBPLAN of ALPHA 1.1", ...steps];
    await using dash = await onFirstPlan(ws.root, { cols: 120, rows: 16 });
    dash.press("n");
    await dash.waitForScreen(/^Next step: ALPHA 1\.1 — create-subplan/m, "the prompt view");
    // The rows between the title (and the blank under it) and the footer.
    const body = (lines: string[]) => lines.slice(2, -2);
    const height = body(dash.lines()).length;
    expect(height).toBeLessThan(prompt.length);
    const last = prompt.length - height;

    /** Presses `key` and waits until the prompt is shown from line `top` (0-based) on. */
    const scrollsTo = async (key: string, top: number): Promise<void> => {
      dash.press(key);
      const range = `(${top + 1}–${top + height} of ${prompt.length}; ↑/↓ scroll)`;
      const screen = await dash.waitForScreen((l) => (l[0] ?? "").endsWith(range), `${range} after ${JSON.stringify(key)}`);
      expect(body(screen.split("\n"))).toEqual(prompt.slice(top, top + height));
    };
    expect(body(dash.lines())).toEqual(prompt.slice(0, height));
    await scrollsTo(KEYS.down, 1);
    await scrollsTo("j", 2);
    await scrollsTo(KEYS.pageDown, 2 + height - 1);
    await scrollsTo(" ", Math.min(last, 2 + 2 * (height - 1)));
    await scrollsTo("G", last);
    expect(body(dash.lines()).at(-1)).toBe("step 40 of the subplan");
    await scrollsTo(KEYS.down, last);
    await scrollsTo("k", last - 1);
    await scrollsTo(KEYS.up, last - 2);
    await scrollsTo(KEYS.pageUp, last - 2 - (height - 1));
    await scrollsTo("g", 0);
  });
});
