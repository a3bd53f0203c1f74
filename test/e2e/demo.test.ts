/**
 * `plandash demo` as a newcomer meets it, on the compiled binary: the changes a simulated agent
 * makes, in order, with no key pressed; nothing written outside its temporary folder; the folder
 * gone on every exit (q, Ctrl-C, SIGTERM) unless --keep. TMPDIR points at a private folder so
 * "outside" can be listed.
 */
import { afterEach, describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "../helpers/run-cli";
import { KEYS, startDashboard, type DashboardSession } from "../helpers/screen";
import { tempDir } from "../helpers/workspace";

const cleanup: string[] = [];
afterEach(() => {
  for (const d of cleanup.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A private TMPDIR, a HOME and a current folder, each listed before and after. */
function sandbox(): { tmp: string; home: string; cwd: string; env: Record<string, string>; listings(): Record<string, string[]> } {
  const [tmp, home, cwd] = [tempDir("plandash-tmp-"), tempDir("plandash-home-"), tempDir("plandash-cwd-")];
  cleanup.push(tmp, home, cwd);
  const list = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
  return { tmp, home, cwd, env: { TMPDIR: tmp }, listings: () => ({ tmp: list(tmp), home: list(home), cwd: list(cwd) }) };
}

const TRANSITION = /^\d\d:\d\d:\d\d {3}(\S+) (\S+): (\S+) → (\S+) /;

function transitions(stdout: string): string[] {
  return stdout.split("\n").flatMap((line) => {
    const m = TRANSITION.exec(line);
    return m === null ? [] : [`${m[1]} ${m[2]}: ${m[3]} → ${m[4]}`];
  });
}

describe("plandash demo without a terminal", () => {
  test("prints the agent's changes in its order for --seconds, writes nothing outside its folder, and removes it", async () => {
    const box = sandbox();
    const before = box.listings();
    const r = await runCli(["demo", "--seconds", "8"], { cwd: box.cwd, home: box.home, env: box.env });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    // Steps come at 2, 5 and 7 s: the first three changes of ONBOARDING-DOCS 1.1.
    expect(transitions(r.stdout)).toEqual([
      "ONBOARDING-DOCS 1.1: not-started → planned",
      "ONBOARDING-DOCS 1.1: planned → in-progress",
      "ONBOARDING-DOCS 1.1: in-progress → awaiting-review",
    ]);
    expect(r.stdout).toMatch(/agent: wrote the SUBPLAN of ONBOARDING-DOCS 1\.1 \(ONBOARDING-DOCS\/subplans\/SUBPLAN_ONBOARDING-DOCS_11\.md\)/);
    const folder = /demo: 6 plans in (\S+);/.exec(r.stdout)?.[1];
    expect(folder?.startsWith(box.tmp)).toBe(true);
    expect(r.stdout).toContain(`Demo over; removed ${folder}`);
    expect(fs.existsSync(folder as string)).toBe(false);
    expect(box.listings()).toEqual(before);
  }, 30_000);

  test("--keep keeps the folder, with the agent's first document in it, and says where", async () => {
    const box = sandbox();
    const r = await runCli(["demo", "--keep", "--seconds", "3"], { cwd: box.cwd, home: box.home, env: box.env });
    expect(r.exitCode).toBe(0);
    const kept = /The demo workspace is kept in (\S+) /.exec(r.stdout)?.[1] as string;
    expect(path.dirname(kept)).toBe(box.tmp);
    expect(fs.existsSync(path.join(kept, "ONBOARDING-DOCS", "subplans", "SUBPLAN_ONBOARDING-DOCS_11.md"))).toBe(true);
    expect(fs.readdirSync(box.tmp)).toEqual([path.basename(kept)]);
  }, 30_000);

  test("a bad --seconds and a --root are one line each on stderr with exit 2, and leave nothing behind", async () => {
    const box = sandbox();
    for (const [flag, ...args] of [["--seconds", "demo", "--seconds", "soon"], ["--seconds", "demo", "--seconds", "0"], ["--root", "demo", "--root", box.cwd]] as const) {
      const r = await runCli(args, { cwd: box.cwd, home: box.home, env: box.env });
      expect(r.exitCode).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^plandash: /);
      expect(r.stderr).toContain(flag);
    }
    expect(fs.readdirSync(box.tmp)).toEqual([]);
  });
});

describe("plandash demo in a terminal", () => {
  test("the dashboard shows the agent's changes with no key pressed, and q removes the folder", async () => {
    const box = sandbox();
    await using dash = startDashboard(["demo"], { cols: 150, rows: 34, cwd: box.cwd, home: box.home, env: box.env });
    const first = await dash.waitForScreen(/ONBOARDING-DOCS 1\.1 not-started → planned/, "the agent's first change");
    const folder = /demo in (\S+)/.exec(first)?.[1] as string;
    expect(folder.startsWith(path.join(box.tmp, "plandash-demo-"))).toBe(true);
    expect(first).toMatch(/Demo: a simulated agent/);
    await dash.waitForScreen(/ONBOARDING-DOCS 1\.1 planned → in-progress/, "the agent's second change");
    expect(fs.existsSync(path.join(folder, "ONBOARDING-DOCS", "execution", "EXECUTION_TASK_ONBOARDING-DOCS_11_01.md"))).toBe(true);
    dash.press("q");
    expect(await dash.waitForExit()).toBe(0);
    expect(fs.existsSync(folder)).toBe(false);
    expect(fs.readdirSync(box.tmp)).toEqual([]);
  }, 30_000);

  test.each([
    ["Ctrl-C", 130, (dash: DashboardSession) => dash.press(KEYS.ctrlC)],
    ["SIGTERM", 143, (dash: DashboardSession) => dash.proc.kill("SIGTERM")],
  ] as const)("%s ends it with exit %i, the normal screen back, and the folder removed", async (_how, code, end) => {
    const box = sandbox();
    await using dash = startDashboard(["demo"], { cols: 150, rows: 34, cwd: box.cwd, home: box.home, env: box.env });
    const first = await dash.waitForScreen(/ONBOARDING-DOCS 1\.1 not-started → planned/, "the agent's first change");
    const folder = /demo in (\S+)/.exec(first)?.[1] as string;
    expect(fs.existsSync(path.join(folder, "ONBOARDING-DOCS", "subplans", "SUBPLAN_ONBOARDING-DOCS_11.md"))).toBe(true);
    end(dash);
    expect(await dash.waitForExit()).toBe(code);
    expect(fs.existsSync(folder)).toBe(false);
    expect(fs.readdirSync(box.tmp)).toEqual([]);
    expect(dash.buffer()).toBe("normal");
  }, 30_000);

  test("plandash with no workspace found runs the demo, agent included", async () => {
    const box = sandbox();
    await using dash = startDashboard([], { cols: 150, rows: 34, cwd: box.cwd, home: box.home, env: box.env });
    const screen = await dash.waitForScreen(/ONBOARDING-DOCS 1\.1 not-started → planned/, "the agent's first change");
    expect(screen).toMatch(/No workspace found here, so this is the demo/);
    dash.press("q");
    expect(await dash.waitForExit()).toBe(0);
    expect(fs.readdirSync(box.tmp)).toEqual([]);
  }, 30_000);
});
