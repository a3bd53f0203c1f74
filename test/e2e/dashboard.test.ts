/**
 * The dashboard as a user meets it: the compiled binary in a pseudo-terminal, the screen read
 * through a terminal emulator, files changed by another process while it runs.
 */
import { describe, expect, test } from "bun:test";
import { testHome } from "../helpers/home";
import { runCli } from "../helpers/run-cli";
import { waitFor } from "../helpers/wait-for";
import { KEYS, startDashboard } from "../helpers/screen";
import { planDir, tempWorkspace } from "../helpers/workspace";

const plans = () => ({
  ALPHA: planDir("ALPHA", { index: ["1.1 First step", "1.2 Second step"], subplans: ["11"], executions: { "11": ["In Progress"] } }),
  GAMMA: planDir("GAMMA", { index: ["1.1 Only step"] }),
});

describe("the workspace screen", () => {
  test("opens on the plans table with the selection marked and the footer saying it is live", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = startDashboard(["--root", ws.root]);
    const screen = await dash.waitForScreen(/● live/, "the live footer");
    expect(screen).toMatch(/› +1 +ALPHA .* 0\/2 +continue-execution 1\.1 +in-progress/);
    expect(screen).toMatch(/ +2 +GAMMA .* 0\/1 +create-subplan 1\.1 +ready/);
    expect(screen).toMatch(/Last updated \d\d:\d\d:\d\d/);
    expect(dash.buffer()).toBe("alternate");
  });

  test("a file written by another process changes the screen with no key pressed, and the change is listed", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/ALPHA .* in-progress/, "ALPHA in progress");
    await ws.write("ALPHA/execution/EXECUTION_TASK_ALPHA_11_01.md", "# EXECUTION 11\n\n**Status**: Complete\n");
    const screen = await dash.waitForScreen(/ALPHA .* review 1\.1 +awaiting-review/, "ALPHA awaiting review");
    expect(screen).toMatch(/\d\d:\d\d:\d\d +ALPHA 1\.1 in-progress → awaiting-review/);
  });

  test("the title counts the plans and each status as the files say, and follows them", async () => {
    await using ws = await tempWorkspace({
      "A-FIX": planDir("A-FIX", { index: ["1.1 Fix it"], subplans: ["11"], executions: { "11": ["Complete"] }, fixes: ["11"] }),
      "B-REVIEW": planDir("B-REVIEW", { index: ["1.1 Review it"], subplans: ["11"], executions: { "11": ["Complete"] } }),
      "C-WORK": planDir("C-WORK", { index: ["1.1 Do it"], subplans: ["11"], executions: { "11": ["In Progress"] } }),
      "D-READY": planDir("D-READY", { index: ["1.1 Start it"] }),
      "E-DONE": planDir("E-DONE", { index: ["1.1 Done"], approved: ["11"] }),
      "F-EMPTY": planDir("F-EMPTY"),
    });
    await using dash = startDashboard(["--root", ws.root], { cols: 160 });
    const title = (counts: string) => `plandash  ${counts}  ${ws.root}`;
    const header = (text: string) => (l: string[]) => l[0] === text;
    await dash.waitForScreen(header(title("6 plans  1 needs-attention · 1 awaiting-review · 1 in-progress · 1 ready · 1 complete · 1 empty")), "every status counted");

    await ws.write("D-READY/subplans/SUBPLAN_D-READY_11.md", "# SUBPLAN\n");
    await dash.waitForScreen(header(title("6 plans  1 needs-attention · 1 awaiting-review · 2 in-progress · 1 complete · 1 empty")), "D-READY counted in progress");
    await ws.write("G-NEW/PLAN_G-NEW.md", "# PLAN\n\n## Achievement Index\n- Achievement 1.1: New\n");
    await ws.remove("A-FIX");
    await dash.waitForScreen(header(title("6 plans  1 awaiting-review · 2 in-progress · 1 ready · 1 complete · 1 empty")), "a plan added, one removed");
  });

  test("a warning of the workspace (a config key it does not know) shows in the footer", async () => {
    await using ws = await tempWorkspace(plans());
    await ws.write(".plandash/config.json", JSON.stringify({ colour: "blue", staleExecutionDay: 3 }));
    await using dash = startDashboard(["--root", ws.root], { cols: 160 });
    const screen = await dash.waitForScreen(/● live/);
    const footer = dash.lines().at(-1) ?? "";
    expect(footer).toMatch(/^⚠ .*\.plandash\/config\.json: unknown config key "colour" ignored .*\(\+1 more\)$/);
    expect(screen).toMatch(/› +1 +ALPHA/);
  });

  test("the selection stays on its plan when a new plan appears above it", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/● live/);
    dash.press(KEYS.down);
    await dash.waitForScreen(/› +2 +GAMMA/, "GAMMA selected");
    await ws.write("BETA/PLAN_BETA.md", "# BETA\n\n## Achievement Index\n- Achievement 1.1: New\n");
    const screen = await dash.waitForScreen(/› +3 +GAMMA/, "GAMMA still selected, now on row 3");
    expect(screen).toMatch(/ +2 +BETA /);
    dash.press(KEYS.enter);
    await dash.waitForScreen(/^GAMMA/m, "the GAMMA plan screen");
  });

  test("a plan that disappears moves the selection to its neighbour and the footer says so", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/› +1 +ALPHA/);
    await ws.remove("ALPHA");
    const screen = await dash.waitForScreen(/› +1 +GAMMA/, "GAMMA selected after ALPHA went");
    expect(screen).toMatch(/ALPHA is gone; selected GAMMA/);
  });

  test("r refreshes with a confirmation, ? lists the keys, / filters by name and Esc clears it", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/● live/);
    dash.press("r");
    await dash.waitForScreen(/✓ refreshed \d\d:\d\d:\d\d/, "the refresh confirmation");
    dash.press("?");
    const help = await dash.waitForScreen(/^Keys/m, "the help screen");
    expect(help).toMatch(/r +refresh now/);
    expect(help).toMatch(/\/ +filter plans by name/);
    dash.press("q");
    await dash.waitForScreen(/› +1 +ALPHA/, "back on the plans");
    dash.press("/");
    await dash.waitForScreen(/Filter plans by name/, "the filter prompt");
    dash.press("gam");
    dash.press(KEYS.enter);
    const filtered = await dash.waitForScreen(/› +1 +GAMMA/, "only GAMMA, selected");
    expect(filtered).not.toMatch(/ALPHA/);
    expect(filtered).toMatch(/filter "gam": 1 of 2/);
    dash.press(KEYS.esc);
    await dash.waitForScreen(/ALPHA[\s\S]*GAMMA/, "both plans again");
  });

  test("while a prompt is open the table waits and the footer says updates are pending; they show when it closes", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/ALPHA .* in-progress/);
    dash.press("/");
    await dash.waitForScreen(/Filter plans by name/, "the filter prompt");
    await ws.write("ALPHA/execution/EXECUTION_TASK_ALPHA_11_01.md", "# EXECUTION 11\n\n**Status**: Complete\n");
    const waiting = await dash.waitForScreen(/updates pending/, "the pending note");
    expect(waiting).toMatch(/ALPHA .* in-progress/);
    dash.press(KEYS.esc);
    await dash.waitForScreen(/ALPHA .* awaiting-review/, "the change drawn after the prompt");
    expect(dash.screen()).not.toMatch(/updates pending/);
  });

  test("keys that do nothing here say so instead of failing, and a row number out of range is answered", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = startDashboard(["--root", ws.root]);
    await dash.waitForScreen(/● live/);
    dash.press("z");
    await dash.waitForScreen(/"z" does nothing here; \? shows the keys/);
    dash.press("9");
    await dash.waitForScreen(/no row 9 \(1–2\)/);
    dash.press("2");
    await dash.waitForScreen(/› +2 +GAMMA/);
    expect(dash.screen()).not.toMatch(/invalid/i);
  });

  test("PgDn/PgUp, G/g and k/↑ move through more plans than fit; the table scrolls under a fixed title and footer, and nothing reaches the scrollback", async () => {
    const names = Array.from({ length: 60 }, (_, i) => `PLAN-${String(i + 1).padStart(2, "0")}`);
    await using ws = await tempWorkspace(Object.fromEntries(names.map((n) => [n, planDir(n, { index: ["1.1 Step"] })])));
    const rows = 20;
    await using dash = startDashboard(["--root", ws.root], { rows });
    /** The row numbers on screen, and the selected one(s). */
    const table = (lines: string[]) => {
      const shown = lines.map((l) => /^([› ]) +(\d+) +PLAN-\d\d /.exec(l)).filter((m) => m !== null);
      return { numbers: shown.map((m) => Number(m[2])), selected: shown.filter((m) => m[1] === "›").map((m) => Number(m[2])) };
    };
    const settled = (lines: string[]) => lines[0]?.startsWith("plandash  60 plans") === true && lines[rows - 2]?.startsWith("● live") === true;
    await dash.waitForScreen((l) => settled(l) && table(l).selected[0] === 1, "the first page");
    const page = table(dash.lines()).numbers.length;
    expect(page).toBeGreaterThan(5);
    expect(page).toBeLessThan(60);

    /** Presses `key`, waits for the selection on `row`, and checks the viewport holds it under the fixed title and footer. */
    const step = async (key: string, row: number): Promise<number[]> => {
      dash.press(key);
      const screen = await dash.waitForScreen((l) => settled(l) && table(l).selected[0] === row, `row ${row} selected after ${JSON.stringify(key)}`);
      const { numbers, selected } = table(screen.split("\n"));
      expect(selected).toEqual([row]);
      expect(numbers).toEqual(Array.from({ length: page }, (_, i) => (numbers[0] as number) + i));
      return numbers;
    };
    expect((await step(KEYS.pageDown, page))[0]).toBe(1);
    const scrolled = await step(KEYS.pageDown, 2 * page - 1);
    expect(scrolled[0]).toBeGreaterThan(1);
    expect((await step("G", 60)).at(-1)).toBe(60);
    await step("k", 59);
    await step(KEYS.up, 58);
    // Up past the top of the viewport: it follows, the selection on its first row.
    expect((await step(KEYS.pageUp, 58 - (page - 1)))[0]).toBe(58 - (page - 1));
    expect((await step("g", 1))[0]).toBe(1);
    expect(dash.buffer()).toBe("alternate");
    expect(dash.scrollback()).toBe(0);
    dash.press("q");
    expect(await dash.waitForExit()).toBe(0);
    expect(dash.scrollback()).toBe(0);
  });

  test("on 40 columns every line is cut with … and nothing wraps", async () => {
    await using ws = await tempWorkspace({ "a_paused/LONG-NAMED-PLAN-FOR-NARROW-SCREENS": planDir("LONG-NAMED-PLAN-FOR-NARROW-SCREENS", { index: ["1.1 A title that is far too long for forty columns"] }) });
    await using dash = startDashboard(["--root", ws.root], { cols: 40, rows: 20 });
    const screen = await dash.waitForScreen(/● live/);
    expect(screen).toMatch(/…/);
    expect(screen).toMatch(/⏸ paused/);
    dash.press(KEYS.enter);
    await dash.waitForScreen(/1\.1/);
    const drawn = dash.drawnLines();
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.filter((l) => Bun.stringWidth(l) > 40)).toEqual([]);
  });

  test("a resize redraws the whole screen at the new width", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = startDashboard(["--root", ws.root], { cols: 100, rows: 30 });
    await dash.waitForScreen(/continue-execution 1\.1/);
    const before = dash.raw().length;
    dash.resize(50, 20);
    await waitFor(() => dash.raw().indexOf("\x1b[H\x1b[2J", before) >= 0 && dash.drawnLines(before).some((l) => l.startsWith("● live")), "a full redraw after the resize");
    const drawn = dash.drawnLines(before);
    expect(drawn.filter((l) => Bun.stringWidth(l) > 50)).toEqual([]);
    expect(drawn.some((l) => /› +1 +ALPHA/.test(l))).toBe(true);
  });

  test.each([
    ["NO_COLOR=1", [], {}],
    ["--no-color, FORCE_COLOR=1", ["--no-color"], { NO_COLOR: "", FORCE_COLOR: "1" }],
    ["NO_COLOR=1 beside FORCE_COLOR=1", [], { NO_COLOR: "1", FORCE_COLOR: "1" }],
  ] as const)("%s: no colour codes at all, in the screens and in the prompts and menus, and the agent gets the environment as it was", async (_how, args, env) => {
    await using ws = await tempWorkspace(plans());
    await using home = testHome();
    home.config({ agentCommand: home.script("agent.sh", [`printf '%s|%s' "\${FORCE_COLOR-unset}" "\${NO_COLOR-unset}" > "${home.path("colour-env")}"`]) });
    await using dash = startDashboard(["--root", ws.root, ...args], { rows: 34, home: home.dir, env });
    await dash.waitForScreen(/› +1 +ALPHA/);
    dash.press("/");
    await dash.waitForScreen(/Filter plans by name/, "the filter prompt");
    dash.press(KEYS.esc);
    await dash.waitForScreen((l) => !l.some((x) => x.includes("Filter plans")), "the prompt closed");
    dash.press(KEYS.enter);
    await dash.waitForScreen(/1\.1 +First step +in-progress/, "the plan screen");
    dash.press(KEYS.enter);
    await dash.waitForScreen(/● n  next-step prompt/, "the action menu");
    dash.press(KEYS.esc);
    await dash.waitForScreen((l) => !l.some((x) => x.includes("● n  next-step prompt")), "the menu closed");
    dash.press("x");
    await dash.waitForScreen(/agent finished/);
    expect(dash.raw()).not.toMatch(/\x1b\[[0-9;]*[1-9][0-9;]*m/);
    // Node's styling says so on stderr when it sees NO_COLOR and FORCE_COLOR together; not over our screen.
    expect(dash.raw()).not.toMatch(/Warning/);
    expect(home.read("colour-env")).toBe(`${"FORCE_COLOR" in env ? env.FORCE_COLOR : "unset"}|${"NO_COLOR" in env ? env.NO_COLOR : "1"}`);
  });

  test("FORCE_COLOR paints the statuses", async () => {
    await using ws = await tempWorkspace(plans());
    await using dash = startDashboard(["--root", ws.root], { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    await dash.waitForScreen(/› +1 +ALPHA/);
    expect(dash.raw()).toMatch(/\x1b\[3[0-9]m/);
  });

  test("live updates off: the footer says manual, and warns once the data is older than staleAfterMinutes", async () => {
    await using ws = await tempWorkspace(plans());
    await ws.write(".plandash/config.json", JSON.stringify({ staleAfterMinutes: 0.01 }));
    await using dash = startDashboard(["--root", ws.root, "--no-watch"]);
    await dash.waitForScreen(/○ manual/, "the manual footer");
    await dash.waitForScreen(/data may be old: not refreshed for over 0\.01 min; press r/, "the stale warning");
    await ws.write("ALPHA/execution/EXECUTION_TASK_ALPHA_11_01.md", "# EXECUTION 11\n\n**Status**: Complete\n");
    dash.press("r");
    const screen = await dash.waitForScreen(/✓ refreshed \d\d:\d\d:\d\d \(1 plan changed\)/, "the refresh, which found the change");
    expect(screen).toMatch(/ALPHA .* awaiting-review/);
    expect(screen).not.toMatch(/data may be old/);
  });
});

describe("a big workspace", () => {
  test("the first screenful of plans shows while the rest is read, then the counts and ● live", async () => {
    const many: Record<string, ReturnType<typeof planDir>> = {};
    for (let i = 0; i < 120; i++) many[`P${String(i).padStart(3, "0")}`] = planDir(`P${String(i).padStart(3, "0")}`, { index: ["1.1 Step"], ...(i === 0 ? { subplans: ["11"], executions: { "11": ["In Progress"] } } : {}) });
    await using ws = await tempWorkspace(many);
    await using dash = startDashboard(["--root", ws.root]);
    const screen = await dash.waitForScreen(/● live/, "the live footer");
    expect(screen).toMatch(/plandash +120 plans +1 in-progress · 119 ready/);
    // The frame before: real rows of the first plans, no counts yet, and not "live" before the watcher is.
    const first = dash.drawnLines().slice(0, dash.drawnLines().findIndex((l) => l.includes("lock: this dashboard")) + 1);
    expect(first[0]).toMatch(/^plandash +reading 120 plans…/);
    expect(first.join("\n")).toMatch(/› +1 +P000 .* continue-execution 1\.1 +in-progress/);
    expect(first.join("\n")).toMatch(/starting… · Last updated never/);
    expect(first.join("\n")).not.toMatch(/● live|ready ·|119/);
  });
});

describe("without a terminal", () => {
  test("plandash prints the status table and exits 0 at once, waiting on nothing", async () => {
    await using ws = await tempWorkspace(plans());
    const r = await runCli(["--root", ws.root]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/ALPHA .* in-progress/);
    expect(r.stdout).not.toMatch(/\x1b\[\?1049h/);
  });

  test.each([
    ["plandash | cat (stdin a terminal)", '{ "$@"; echo "plandash exited $?"; } | cat'],
    ["plandash </dev/null (stdout a terminal)", '"$@" </dev/null; echo "plandash exited $?"'],
  ])("%s prints the status table and exits 0 at once, waiting on nothing", async (_how, script) => {
    await using ws = await tempWorkspace(plans());
    await using term = startDashboard(["--root", ws.root], { via: ["/bin/sh", "-c", script, "sh"] });
    expect(await term.waitForExit()).toBe(0);
    const screen = await term.waitForScreen(/plandash exited \d+/, "the exit status");
    expect(screen).toMatch(/plandash exited 0/);
    expect(screen).toMatch(/ALPHA .* in-progress/);
    expect(screen).toMatch(/GAMMA .* ready/);
    expect(term.raw()).not.toMatch(/\x1b\[\?1049h|Another dashboard|Filter plans/);
    expect(term.buffer()).toBe("normal");
    expect(ws.exists(".plandash/dashboard.lock")).toBe(false);
  });
});
