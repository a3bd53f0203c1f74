/**
 * End-to-end: the actions on the compiled binary, in a fresh copy of the example workspace
 * (`plandash init`), exactly as a person or an agent would use them from a shell.
 */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { runCli, type CliResult } from "../helpers/run-cli";
import { startPty } from "../helpers/pty";
import { tempDir } from "../helpers/workspace";

const PLAN = "ONBOARDING-DOCS";

interface Example {
  readonly dir: string;
  readonly root: string;
  readonly home: string;
  cli(args: readonly string[], env?: Record<string, string>): Promise<CliResult>;
}

async function example(): Promise<Example> {
  const dir = tempDir("plandash-actions-");
  const home = tempDir("plandash-home-");
  const init = await runCli(["init", dir], { home });
  expect(init.exitCode).toBe(0);
  // No editor or clipboard from the machine running the tests leaks in unless a test sets one.
  const base = { EDITOR: "", VISUAL: "" };
  return {
    dir,
    home,
    root: path.join(dir, "work-space", "plans"),
    cli: (args, env = {}) => runCli(args, { cwd: dir, home, env: { ...base, ...env } }),
  };
}

async function json(ex: Example, args: readonly string[]): Promise<any> {
  const r = await ex.cli([...args, "--json"]);
  if (r.exitCode !== 0) throw new Error(`plandash ${args.join(" ")} --json exited ${r.exitCode}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function achievementStatus(ex: Example, id: string): Promise<string> {
  const doc = await json(ex, ["status"]);
  const plan = doc.plans.find((p: { id: string }) => p.id === PLAN);
  return plan.achievements.find((a: { id: string }) => a.id === id).status;
}

function expectRefusal(r: CliResult, exitCode: number, ...says: string[]): void {
  expect(r.exitCode).toBe(exitCode);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  for (const s of says) expect(lines[0]).toContain(s);
}

function fakeTool(dir: string, name: string, body: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

describe("plandash actions, end to end", () => {
  test("one achievement from not-started to approved purely through the CLI", async () => {
    const ex = await example();
    const seen: string[] = [await achievementStatus(ex, "1.1")];
    const step = async () => (await json(ex, ["next", PLAN])) as { achievement: string; step: string; prompt: string; files: Record<string, string | null> };

    let next = await step();
    expect([seen[0], next.achievement, next.step]).toEqual(["not-started", "1.1", "create-subplan"]);
    expect(next.files.create).toBe(`${PLAN}/subplans/SUBPLAN_${PLAN}_11.md`);
    expect(next.prompt).toContain(path.join(ex.root, PLAN, "subplans", `SUBPLAN_${PLAN}_11.md`));

    const sub = await ex.cli(["new", "subplan", PLAN, "1.1"]);
    expect(sub.exitCode).toBe(0);
    expect(sub.stdout).toContain(`Created ${path.join(ex.root, PLAN, "subplans", `SUBPLAN_${PLAN}_11.md`)}`);
    expect(sub.stdout).toContain("is now planned");
    seen.push(await achievementStatus(ex, "1.1"));
    next = await step();
    expect(next.step).toBe("create-execution");
    expect(next.files.create).toBe(`${PLAN}/execution/EXECUTION_TASK_${PLAN}_11_01.md`);

    const exe = await json(ex, ["new", "execution", PLAN, "1.1"]);
    expect(exe).toMatchObject({ created: `${PLAN}/execution/EXECUTION_TASK_${PLAN}_11_01.md`, plan: PLAN, achievement: "1.1", status: "in-progress" });
    seen.push(await achievementStatus(ex, "1.1"));
    next = await step();
    expect(next.step).toBe("continue-execution");
    expect(next.files.execution).toBe(exe.created);

    // The agent finishes: it edits the header Status to Complete.
    const exeFile = path.join(ex.root, exe.created);
    const text = fs.readFileSync(exeFile, "utf8");
    expect(text).toContain("**Status**: In Progress");
    fs.writeFileSync(exeFile, text.replace("**Status**: In Progress", "**Status**: Complete"));
    seen.push(await achievementStatus(ex, "1.1"));
    next = await step();
    expect(next.step).toBe("review");

    const fix = await ex.cli(["review", PLAN, "1.1", "--fix", "--message", "Add a troubleshooting section.", "--reviewer", "Ada"]);
    expect(fix.exitCode).toBe(0);
    expect(fs.readFileSync(path.join(ex.root, PLAN, "execution/feedbacks/FIX_11.md"), "utf8")).toContain("Add a troubleshooting section.");
    seen.push(await achievementStatus(ex, "1.1"));
    next = await step();
    expect(next.step).toBe("address-fix");
    expect(next.files.create).toBe(`${PLAN}/execution/feedbacks/FIX_11_RESOLUTION.md`);

    fs.writeFileSync(path.join(ex.root, PLAN, "execution/feedbacks/FIX_11_RESOLUTION.md"), "# Resolution\n\nAdded the section.\n");
    seen.push(await achievementStatus(ex, "1.1"));
    next = await step();
    expect(next.step).toBe("review");
    expect(next.files.resolution).toBe(`${PLAN}/execution/feedbacks/FIX_11_RESOLUTION.md`);

    const ok = await ex.cli(["review", PLAN, "1.1", "--approve", "--reviewer", "Ada"]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain("is now approved");
    seen.push(await achievementStatus(ex, "1.1"));
    next = await step();
    expect([next.achievement, next.step]).toEqual(["1.2", "create-subplan"]);

    // SPEC §2.1, one rule after the other.
    expect(seen).toEqual(["not-started", "planned", "in-progress", "awaiting-review", "needs-fix", "awaiting-review", "approved"]);
    const approved = fs.readFileSync(path.join(ex.root, PLAN, "execution/feedbacks/APPROVED_11.md"), "utf8");
    expect(approved).toMatch(/\*\*Reviewer\*\*: Ada\n\*\*Date\*\*: \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    fs.rmSync(ex.dir, { recursive: true, force: true });
  });

  test("next without PLAN proposes the first open, non-paused plan; a complete plan has nothing to do", async () => {
    const ex = await example();
    const first = await json(ex, ["next"]);
    expect([first.plan, first.achievement, first.step]).toEqual(["AUTH-REFACTOR", "1.2", "address-fix"]);
    const printed = await ex.cli(["next"]);
    expect(printed.exitCode).toBe(0);
    expect(printed.stdout.startsWith("AUTH-REFACTOR — Achievement 1.2: Migrate login and logout\nStep: address-fix\n\n")).toBe(true);
    expect(printed.stdout).toContain(first.prompt.trimEnd());
    const done = await ex.cli(["next", "SEARCH-INDEX"]);
    expect([done.exitCode, done.stdout]).toEqual([0, "SEARCH-INDEX is complete: all 3 achievements are approved.\n"]);
    expect((await json(ex, ["next", "SEARCH-INDEX"])).step).toBeNull();
    fs.rmSync(ex.dir, { recursive: true, force: true });
  });

  test("every refusal exits 1 with one line that says why and what to do", async () => {
    const ex = await example();
    const outside = tempDir("plandash-outside-");
    fs.symlinkSync(outside, path.join(ex.root, "BILLING-EXPORT", "execution", "feedbacks"));
    const cases: [string[], string[]][] = [
      [["new", "subplan", PLAN, "9.9"], ["no achievement 9.9", "1.1, 1.2, 2.1"]],
      [["new", "execution", PLAN, "1.2"], ["no SUBPLAN", `plandash new subplan ${PLAN} 1.2`]],
      [["review", PLAN, "1.2", "--approve"], ["no EXECUTION_TASK to approve", `plandash new subplan ${PLAN} 1.2`]],
      [["review", "BILLING-EXPORT", "1.2", "--approve"], ["no EXECUTION_TASK to approve", "plandash new execution BILLING-EXPORT 1.2"]],
      [["new", "subplan", "BILLING-EXPORT", "1.2"], ["already has a SUBPLAN", "never overwrites"]],
      [["review", "AUTH-REFACTOR", "1.2", "--fix"], ["already has a FIX request", "plandash open AUTH-REFACTOR 1.2"]],
      [["review", "BILLING-EXPORT", "1.1", "--approve"], ["outside the plans root", outside]],
      [["open", PLAN, "1.1"], ["has no document yet", `plandash new subplan ${PLAN} 1.1`]],
      [["next", "SEARCH-INDEX", "--copy"], ["nothing to copy", "plandash next PLAN"]],
      [["next", PLAN, "--run"], ["no agentCommand", "agentCommand"]],
    ];
    for (const [args, says] of cases) expectRefusal(await ex.cli(args), 1, ...says);
    expect(fs.readdirSync(outside)).toEqual([]);
    // Usage errors are 2, as for every command.
    expectRefusal(await ex.cli(["review", PLAN, "1.1"]), 2, "exactly one of --approve or --fix");
    expectRefusal(await ex.cli(["new", "plan", PLAN, "1.1"]), 2, 'cannot create "plan"');
    fs.rmSync(ex.dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });
});

describe("next --copy", () => {
  test("a fake xclip on PATH receives exactly the prompt, and the output says xclip", async () => {
    const ex = await example();
    const bin = path.join(ex.dir, "fake-bin");
    const got = path.join(ex.dir, "xclip-stdin.txt");
    fakeTool(bin, "xclip", `printf '%s\\n' "$*" > "${got}.args"\n/bin/cat > "${got}"`);
    const expected = (await json(ex, ["next", PLAN])).prompt;
    const r = await ex.cli(["next", PLAN, "--copy"], { PATH: bin });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("with xclip.");
    expect(r.stdout).not.toContain(expected.split("\n")[0]);
    expect(fs.readFileSync(got, "utf8")).toBe(expected);
    expect(fs.readFileSync(`${got}.args`, "utf8")).toBe("-selection clipboard\n");
    fs.rmSync(ex.dir, { recursive: true, force: true });
  });

  test("no clipboard tool and no terminal: says none was found and prints the prompt", async () => {
    const ex = await example();
    const empty = path.join(ex.dir, "empty-bin");
    fs.mkdirSync(empty);
    const expected = (await json(ex, ["next", PLAN])).prompt;
    const r = await ex.cli(["next", PLAN, "--copy"], { PATH: empty });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("No clipboard found (OSC 52: stdout is not a terminal; wl-copy, xclip, xsel, pbcopy: not on PATH)");
    expect(r.stdout).toContain(expected.trimEnd());
    fs.rmSync(ex.dir, { recursive: true, force: true });
  });

  test("on a terminal the prompt goes out as OSC 52 and the output says so", async () => {
    const ex = await example();
    const empty = path.join(ex.dir, "empty-bin");
    fs.mkdirSync(empty);
    await using pty = startPty(["next", PLAN, "--copy"], { cwd: ex.dir, home: ex.home, env: { PATH: empty } });
    await pty.waitFor(/Copied the prompt \(\d+ lines\) with OSC 52\./, "the OSC 52 copy message");
    expect(await pty.exited).toBe(0);
    expect(pty.output()).not.toContain("You are working on");
    fs.rmSync(ex.dir, { recursive: true, force: true });
  });
});

describe("next --run and open", () => {
  test("agentCommand gets the prompt on stdin and its exit is reported", async () => {
    const ex = await example();
    const got = path.join(ex.dir, "agent-stdin.txt");
    fs.mkdirSync(path.join(ex.root, ".plandash"), { recursive: true });
    fs.writeFileSync(path.join(ex.root, ".plandash", "config.json"), JSON.stringify({ agentCommand: `/bin/cat > "${got}"` }));
    // A workspace config's agentCommand runs only once trusted (SPEC §8; test/e2e/trust.test.ts).
    expect((await ex.cli(["trust"])).exitCode).toBe(0);
    const expected = (await json(ex, ["next", PLAN])).prompt;
    const r = await ex.cli(["next", PLAN, "--run"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Agent finished (exit 0).");
    expect(fs.readFileSync(got, "utf8")).toBe(expected);

    fs.writeFileSync(path.join(ex.root, ".plandash", "config.json"), JSON.stringify({ agentCommand: "exit 4" }));
    expect((await ex.cli(["trust"])).exitCode).toBe(0);
    const failed = await ex.cli(["next", PLAN, "--run"]);
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toContain("the agent command exited with code 4");
    fs.rmSync(ex.dir, { recursive: true, force: true });
  });

  test("open hands the newest document to $EDITOR, waits for it, and reports a failing editor", async () => {
    const ex = await example();
    const bin = path.join(ex.dir, "fake-bin");
    const log = path.join(ex.dir, "editor-args.txt");
    fakeTool(bin, "ed.sh", `printf '%s\\n' "$@" >> "${log}"\nexit "\${EDITOR_EXIT:-0}"`);
    const editor = { EDITOR: path.join(bin, "ed.sh") };

    expect((await ex.cli(["open", "AUTH-REFACTOR", "1.2"], editor)).exitCode).toBe(0);
    expect((await ex.cli(["open", "@auth-refactor"], editor)).exitCode).toBe(0);
    expect((await ex.cli(["open", "2", "1.1"], { VISUAL: `${editor.EDITOR} --flag` })).exitCode).toBe(0);
    expect(fs.readFileSync(log, "utf8").split("\n")).toEqual([
      path.join(ex.root, "AUTH-REFACTOR/execution/feedbacks/FIX_12.md"),
      path.join(ex.root, "AUTH-REFACTOR/PLAN_AUTH-REFACTOR.md"),
      "--flag",
      path.join(ex.root, "BILLING-EXPORT/execution/EXECUTION_TASK_BILLING-EXPORT_11_01.md"),
      "",
    ]);

    const failing = await ex.cli(["open", "AUTH-REFACTOR"], { ...editor, EDITOR_EXIT: "3" });
    expect(failing.exitCode).toBe(1);
    expect(failing.stderr).toContain("exited with code 3");

    const none = await ex.cli(["open", "AUTH-REFACTOR", "1.1"]);
    expect(none.exitCode).toBe(0);
    expect(none.stdout).toBe(`${path.join(ex.root, "AUTH-REFACTOR/execution/feedbacks/APPROVED_11.md")}\n`);
    expect(none.stderr).toContain("no editor set");
    fs.rmSync(ex.dir, { recursive: true, force: true });
  });
});
