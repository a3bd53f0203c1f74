/**
 * The editor (`o`) and the agent (`x`) get the real terminal: while they run it is on the normal
 * screen, cooked (line editing and echo on) and their keys are theirs; afterwards the dashboard
 * is back on the alternate screen, in raw mode, drawn whole.
 */
import { describe, expect, test } from "bun:test";
import { testHome, type TestHome } from "../helpers/home";
import { ECHO, ICANON, KEYS, startDashboard } from "../helpers/screen";
import { waitFor } from "../helpers/wait-for";
import { planDir, tempWorkspace } from "../helpers/workspace";

/**
 * A program that records the terminal it got (`stty -a`), says it runs, reads one typed line and
 * keeps it: what an editor or an agent needs of a terminal.
 */
function terminalProbe(home: TestHome, name: string): string {
  return home.script(`${name}.sh`, [
    `stty -a > "${home.path(`${name}.stty`)}"`,
    `echo "${name} is running: type a line"`,
    "IFS= read -r line",
    `printf '%s' "$line" > "${home.path(`${name}.line`)}"`,
  ]);
}

const cases = [
  { key: "o", name: "editor", env: (probe: string) => ({ EDITOR: probe }), config: {}, done: /edited ALPHA\/subplans\/SUBPLAN_ALPHA_11\.md/ },
  { key: "x", name: "agent", env: () => ({}), config: (probe: string) => ({ agentCommand: `${probe} {prompt}` }), done: /agent finished/ },
] as const;

describe("a program run from the dashboard gets the real terminal", () => {
  test.each(cases)("$key: the $name runs on the normal screen in cooked mode, reads what is typed, and the dashboard comes back whole", async (c) => {
    await using home = testHome();
    const probe = terminalProbe(home, c.name);
    home.config(typeof c.config === "function" ? c.config(probe) : c.config);
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 Build it"], subplans: ["11"] }) });
    await using dash = startDashboard(["--root", ws.root], { home: home.dir, env: c.env(probe) });
    await dash.waitForScreen(/› +1 +ALPHA/);
    dash.press(KEYS.enter);
    await dash.waitForScreen(/› +▶? +1\.1 +Build it +planned/, "the plan screen");
    await waitFor(() => (dash.localFlags() & ICANON) === 0, "raw mode before the hand-over");

    dash.press(c.key);
    const running = await dash.waitForScreen(new RegExp(`${c.name} is running: type a line`), `the ${c.name}'s own line`);
    expect(dash.buffer()).toBe("normal");
    expect(dash.cursorShown()).toBe(true);
    expect(running).not.toMatch(/● live/);
    expect(dash.localFlags() & ICANON).not.toBe(0);
    expect(dash.localFlags() & ECHO).not.toBe(0);
    const stty = await waitFor(() => home.read(`${c.name}.stty`), `the ${c.name}'s stty -a`);
    expect(stty).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(stty).toMatch(/(^|\s)echo(\s|$)/m);

    // Cooked: the terminal echoes the line as it is typed, and the program (not the dashboard) reads it.
    dash.press("hello there");
    await dash.waitForScreen(/^hello there$/m, "the typed line echoed by the terminal");
    dash.press(KEYS.enter);
    expect(await waitFor(() => home.read(`${c.name}.line`), `the ${c.name} to read the line`)).toBe("hello there");

    const back = await dash.waitForScreen(c.done, "the dashboard back, saying how it went");
    expect(dash.buffer()).toBe("alternate");
    expect(dash.cursorShown()).toBe(false);
    expect(back).toMatch(/1\.1 +Build it +planned/);
    expect(back).toMatch(/● live/);
    expect(back).not.toMatch(/is running: type a line|hello there/);
    await waitFor(() => (dash.localFlags() & ICANON) === 0, "raw mode again after the hand-over");
    // The keys are the dashboard's again.
    dash.press("q");
    await dash.waitForScreen(/› +1 +ALPHA/, "q answered by the dashboard");
  });
});
