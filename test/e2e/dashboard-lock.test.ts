/** SPEC §5 from the dashboard: one acts, a second asks, read-only shows who holds the lock, takeover is noticed. */
import { describe, expect, test } from "bun:test";
import { KEYS, startDashboard } from "../helpers/screen";
import { planDir, tempWorkspace } from "../helpers/workspace";

const plans = () => ({ ALPHA: planDir("ALPHA", { index: ["1.1 Build it"] }) });

describe("a second dashboard", () => {
  test("asks what to do; quitting leaves the first one's lock alone", async () => {
    await using ws = await tempWorkspace(plans());
    await using first = startDashboard(["--root", ws.root]);
    await first.waitForScreen(/lock: this dashboard/);
    await using second = startDashboard(["--root", ws.root]);
    const question = await second.waitForScreen(/Another dashboard holds the lock/, "the question");
    expect(question).toContain(`pid ${first.proc.pid}`);
    expect(question).toMatch(/Open read-only[\s\S]*Take over[\s\S]*Quit/);
    second.press(KEYS.down + KEYS.down);
    await second.waitForScreen(/● Quit/);
    second.press(KEYS.enter);
    expect(await second.waitForExit()).toBe(0);
    expect(ws.read(".plandash/dashboard.lock")).toContain(`"pid":${first.proc.pid}`);
  });

  test("--read-only names the holder, refuses writes, and offers the lock once it is free", async () => {
    await using ws = await tempWorkspace(plans());
    await using first = startDashboard(["--root", ws.root]);
    await first.waitForScreen(/lock: this dashboard/);
    await using second = startDashboard(["--root", ws.root, "--read-only"]);
    const banner = await second.waitForScreen(/READ-ONLY — pid \d+ on .* holds the lock; actions are off/, "the banner");
    expect(banner).toContain(`pid ${first.proc.pid}`);
    second.press(KEYS.enter);
    await second.waitForScreen(/1\.1 +Build it +not-started/);
    second.press("s");
    await second.waitForScreen(/1\.1: read-only: pid \d+ on .* holds the lock/, "the refusal");
    expect(ws.exists("ALPHA/subplans")).toBe(false);

    first.press("q");
    expect(await first.waitForExit()).toBe(0);
    await second.waitForScreen(/lock: free — press t to take it/, "the offer", 5_000);
    second.press("t");
    await second.waitForScreen(/lock: this dashboard/, "the lock taken");
    second.press("s");
    await second.waitForScreen(/1\.1 +Build it +planned/, "a write works now");
  });

  test("--takeover takes the lock, and the first dashboard turns read-only naming the new holder within 2 s", async () => {
    await using ws = await tempWorkspace(plans());
    await using first = startDashboard(["--root", ws.root]);
    await first.waitForScreen(/lock: this dashboard/);
    await using second = startDashboard(["--root", ws.root, "--takeover"]);
    await second.waitForScreen(/lock: this dashboard/, "the second holds it");
    const screen = await first.waitForScreen(new RegExp(`taken over by pid ${second.proc.pid}`), "the first told", 2_000);
    expect(screen).toMatch(/READ-ONLY/);
  });

  test("the question's other answers: Open read-only watches, Take over takes the lock", async () => {
    await using ws = await tempWorkspace(plans());
    await using first = startDashboard(["--root", ws.root]);
    await first.waitForScreen(/lock: this dashboard/);
    await using watcher = startDashboard(["--root", ws.root]);
    await watcher.waitForScreen(/● Open read-only/, "the question");
    watcher.press(KEYS.enter);
    await watcher.waitForScreen(new RegExp(`READ-ONLY — pid ${first.proc.pid} on `), "read-only on the first answer");
    await using taker = startDashboard(["--root", ws.root]);
    await taker.waitForScreen(/● Open read-only/, "the question again");
    taker.press(KEYS.down);
    await taker.waitForScreen(/● Take over/);
    taker.press(KEYS.enter);
    await taker.waitForScreen(/lock: this dashboard/, "the lock taken from the question");
    await first.waitForScreen(new RegExp(`taken over by pid ${taker.proc.pid}`), "the first told");
  });

  test("Ctrl-C at the question ends with 130 and leaves the lock to its holder", async () => {
    await using ws = await tempWorkspace(plans());
    await using first = startDashboard(["--root", ws.root]);
    await first.waitForScreen(/lock: this dashboard/);
    await using second = startDashboard(["--root", ws.root]);
    await second.waitForScreen(/Another dashboard holds the lock/);
    second.press(KEYS.ctrlC);
    expect(await second.waitForExit()).toBe(130);
    expect(ws.read(".plandash/dashboard.lock")).toContain(`"pid":${first.proc.pid}`);
  });

  test("--read-only on a free workspace watches without taking the lock, and t takes it", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = startDashboard(["--root", ws.root, "--read-only"]);
    await dash.waitForScreen(/lock: free — press t to take it/, "read-only with a free lock");
    expect(ws.exists(".plandash/dashboard.lock")).toBe(false);
    dash.press("t");
    await dash.waitForScreen(/lock: this dashboard/);
    expect(ws.read(".plandash/dashboard.lock")).toContain(`"pid":${dash.proc.pid}`);
  });

  test("a lock file removed under the holder (git clean) is taken back, not blamed on another dashboard", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/lock: this dashboard/);
    await ws.remove(".plandash");
    const screen = await dash.waitForScreen(/took the lock again/, "the lock taken back");
    expect(screen).not.toMatch(/taken over by/);
    expect(screen).toMatch(/lock: this dashboard/);
    expect(ws.read(".plandash/dashboard.lock")).toContain(`"pid":${dash.proc.pid}`);
  });
});

