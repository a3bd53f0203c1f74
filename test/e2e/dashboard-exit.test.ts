/**
 * Every way out of the dashboard gives the terminal back: the normal screen, the cursor shown,
 * cooked mode (ICANON) — and the exit code says how it ended.
 */
import { describe, expect, test } from "bun:test";
import { ICANON, KEYS, startDashboard, type DashboardSession } from "../helpers/screen";
import { waitFor } from "../helpers/wait-for";
import { planDir, tempWorkspace } from "../helpers/workspace";

async function expectTerminalBack(dash: DashboardSession, code: number, expected: number): Promise<void> {
  expect(code).toBe(expected);
  await waitFor(() => dash.buffer() === "normal", "the normal screen back");
  expect(dash.cursorShown()).toBe(true);
  expect(dash.localFlags() & ICANON).not.toBe(0);
}

async function opened(root: string): Promise<DashboardSession> {
  const dash = startDashboard(["--root", root]);
  await dash.waitForScreen(/● live/, "the dashboard");
  // The starting state, so the checks after exit cannot pass by accident.
  expect(dash.buffer()).toBe("alternate");
  expect(dash.cursorShown()).toBe(false);
  await waitFor(() => (dash.localFlags() & ICANON) === 0, "raw mode while the dashboard runs");
  return dash;
}

describe("leaving the dashboard", () => {
  const plans = () => ({ ALPHA: planDir("ALPHA", { index: ["1.1 First"] }) });

  test("q goes back from a plan, then quits with 0", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = await opened(ws.root);
    dash.press(KEYS.enter);
    await dash.waitForScreen(/^ALPHA/m, "the plan screen");
    dash.press("q");
    await dash.waitForScreen(/› +1 +ALPHA/, "the plans list again");
    dash.press("q");
    await expectTerminalBack(dash, await dash.waitForExit(), 0);
  });

  test("Ctrl-C quits from a plan screen with 130", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = await opened(ws.root);
    dash.press(KEYS.enter);
    await dash.waitForScreen(/^ALPHA/m);
    dash.press(KEYS.ctrlC);
    await expectTerminalBack(dash, await dash.waitForExit(), 130);
  });

  test("Ctrl-C quits with 130 even while a prompt is open", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = await opened(ws.root);
    dash.press("/");
    await dash.waitForScreen(/Filter plans by name/, "the filter prompt");
    dash.press(KEYS.ctrlC);
    await expectTerminalBack(dash, await dash.waitForExit(), 130);
  });

  test.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
    ["SIGINT", 130],
  ] as const)("%s ends it with %d", async (signal, code) => {
    await using ws = await tempWorkspace(plans());
    await using dash = await opened(ws.root);
    dash.proc.kill(signal);
    await expectTerminalBack(dash, await dash.waitForExit(), code);
  });

  test("an uncaught error gives the terminal back first, then says what happened in one line", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = startDashboard(["--root", ws.root], { env: { PLANDASH_TEST_CRASH_KEY: "%" } });
    await dash.waitForScreen(/● live/);
    dash.press("%");
    await expectTerminalBack(dash, await dash.waitForExit(), 1);
    const screen = await dash.waitForScreen(/plandash: internal error: crash on "%"/, "the error on the normal screen");
    expect(screen).not.toMatch(/at .*\.ts:\d+/);
    expect(ws.exists(".plandash/dashboard.lock")).toBe(false);
  });

  test.each([
    ["q", 0, (dash: DashboardSession): void => dash.press("q")],
    ["Ctrl-C", 130, (dash: DashboardSession): void => dash.press(KEYS.ctrlC)],
    ["SIGHUP", 129, (dash: DashboardSession): void => void dash.proc.kill("SIGHUP")],
    ["the terminal closed (hang-up)", 129, (dash: DashboardSession): void => dash.hangUp()],
    ["SIGTERM", 143, (dash: DashboardSession): void => void dash.proc.kill("SIGTERM")],
  ] as const)("after %s (exit %d) the lock is gone, and the next dashboard takes it without asking", async (_way, code, leave) => {
    await using ws = await tempWorkspace(plans());
    {
      await using dash = await opened(ws.root);
      await dash.waitForScreen(/lock: this dashboard/);
      expect(ws.exists(".plandash/dashboard.lock")).toBe(true);
      leave(dash);
      expect(await dash.waitForExit()).toBe(code);
    }
    expect(ws.exists(".plandash/dashboard.lock")).toBe(false);
    await using next = startDashboard(["--root", ws.root]);
    await next.waitForScreen(/lock: this dashboard/, "the next dashboard holding the lock");
    expect(next.raw()).not.toMatch(/Another dashboard holds the lock/);
    expect(ws.read(".plandash/dashboard.lock")).toContain(`"pid":${next.proc.pid}`);
  });
});
