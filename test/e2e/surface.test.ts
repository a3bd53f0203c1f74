/** End-to-end: init, colour switches, usage errors, the human tables' markers and the terminal, on the compiled binary. */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { CORPUS_ROOT } from "../helpers/binary";
import { ICANON, startPty } from "../helpers/pty";
import { runCli } from "../helpers/run-cli";
import { planDir, tempDir, tempWorkspace, type TempWorkspace } from "../helpers/workspace";
import { documentNames } from "../../src/core/file-roles";

describe("init", () => {
  test("writes the example workspace, which status then reads, and refuses to overwrite it", async () => {
    const dir = tempDir();
    const first = await runCli(["init", dir]);
    expect(first.exitCode).toBe(0);
    const plans = path.join(dir, "work-space", "plans");
    expect(first.stdout).toContain(plans);
    const status = await runCli(["status", "--json"], { cwd: dir });
    const doc = JSON.parse(status.stdout);
    expect(new Set(doc.plans.map((p: { status: string }) => p.status))).toEqual(
      new Set(["complete", "needs-attention", "awaiting-review", "in-progress", "ready", "in-progress"]),
    );
    expect(doc.plans.some((p: { paused: boolean }) => p.paused)).toBe(true);
    const planFile = path.join(plans, "SEARCH-INDEX", "PLAN_SEARCH-INDEX.md");
    fs.writeFileSync(planFile, "my own words");
    const again = await runCli(["init", dir]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain("already exists");
    expect(fs.readFileSync(planFile, "utf8")).toBe("my own words");
  });
});

describe("colour", () => {
  test("NO_COLOR removes colour, FORCE_COLOR forces it on a pipe, --no-color wins", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 a"], fixes: ["11"] }) });
    const plain = await runCli(["status", "--root", ws.root]);
    expect(plain.stdout).not.toContain("\x1b[");
    const forced = await runCli(["status", "--root", ws.root], { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(forced.stdout).toContain("\x1b[31m");
    const flag = await runCli(["status", "--no-color", "--root", ws.root], { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(flag.stdout).not.toContain("\x1b[");
  });
});

describe("errors", () => {
  test("a usage error is one line on stderr with exit 2 and no stack", async () => {
    const r = await runCli(["status", "--bogus"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("--bogus");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test("an OS refusal (init into a file) is one line naming the path, exit 1, not an internal error", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "afile"), "x");
    const r = await runCli(["init", path.join(dir, "afile")]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("ENOTDIR");
    expect(r.stderr).toContain(path.join(dir, "afile"));
    expect(r.stderr).not.toContain("internal error");
  });

  test("an empty --root is a usage error, not a silent walk up", async () => {
    const r = await runCli(["status", "--root="]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--root needs a folder");
  });

  test("an unknown plan is exit 2 and says how to list plans", async () => {
    const r = await runCli(["status", "@nope", "--root", CORPUS_ROOT]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('no plan matches "@nope"');
  });

  test("status PLAN shows that plan's achievements", async () => {
    const r = await runCli(["status", "@llm-dashboard-cli", "--root", CORPUS_ROOT]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/1\.1\s+Plan-Specific Dashboard\s+needs-fix/);
    expect(r.stdout).toContain("next: address-fix 1.1");
  });
});

describe("what --check sees is visible in the human tables (issue 9 item 11)", () => {
  const DAY_MS = 86_400_000;
  /** STALE's in-progress execution is 8 days old (staleExecutionDays defaults to 7); FRESH's was written now. */
  async function markedWorkspace(): Promise<TempWorkspace> {
    const inProgress = { index: ["1.1 First", "1.2 Second"], subplans: ["11"], executions: { "11": ["In Progress"] } };
    const ws = await tempWorkspace({
      STALE: planDir("STALE", inProgress),
      FRESH: planDir("FRESH", inProgress),
      "a_paused/BETA": planDir("BETA", { index: ["1.1 Only"] }),
      HELD: planDir("HELD", { index: ["1.1 Only"], status: "⏸ On hold" }),
    });
    const eightDaysAgo = new Date(Date.now() - 8 * DAY_MS);
    fs.utimesSync(ws.path(`STALE/execution/${documentNames.execution("STALE", "11", 1)}`), eightDaysAgo, eightDaysAgo);
    return ws;
  }
  const rowOf = (stdout: string, name: string): string => stdout.split("\n").find((l) => new RegExp(`\\b${name}\\b`).test(l)) ?? `(no row for ${name})`;
  /** An achievements-table row: up to two marker columns (▶ next, ⚠ stale), then the id. */
  const achievementRow = (stdout: string, id: string): string =>
    stdout.split("\n").find((l) => new RegExp(`^\\S{0,2}\\s+${id.replace(".", "\\.")}\\s`).test(l)) ?? `(no row for ${id})`;
  const widest = (stdout: string): number => Math.max(...stdout.trimEnd().split("\n").map((l) => Bun.stringWidth(l)));

  test.each([["the default width", {}], ["COLUMNS=40", { COLUMNS: "40" }]])("status at %s: ⚠ on the stale plan only, ⏸ paused on both paused plans; --check fails on the stale one", async (_width, env: Record<string, string>) => {
    await using ws = await markedWorkspace();
    const r = await runCli(["status", "--root", ws.root], { env });
    expect(r.exitCode).toBe(0);
    expect(rowOf(r.stdout, "STALE")).toContain("⚠");
    expect(rowOf(r.stdout, "FRESH")).not.toContain("⚠");
    expect(rowOf(r.stdout, "BETA")).toContain("⏸ paused");
    expect(rowOf(r.stdout, "HELD")).toContain("⏸ paused");
    if (env.COLUMNS !== undefined) expect(widest(r.stdout)).toBeLessThanOrEqual(40);
    const check = await runCli(["status", "--check", "--root", ws.root], { env });
    expect(check.exitCode).toBe(1);
    expect(check.stderr).toContain("STALE (stale work)");
  });

  test.each([["the default width", {}], ["COLUMNS=40", { COLUMNS: "40" }]])("status PLAN at %s: the next achievement shows ▶ and ⚠ together when its work is stale, ▶ alone when it is not", async (_width, env: Record<string, string>) => {
    await using ws = await markedWorkspace();
    const stale = await runCli(["status", "STALE", "--root", ws.root], { env });
    expect(stale.exitCode).toBe(0);
    expect(achievementRow(stale.stdout, "1.1")).toMatch(/^▶⚠\s+1\.1\s+First\s+in-progress \(stale\)/);
    expect(achievementRow(stale.stdout, "1.2")).not.toContain("⚠");
    const fresh = await runCli(["status", "FRESH", "--root", ws.root], { env });
    expect(achievementRow(fresh.stdout, "1.1")).toMatch(/^▶ +1\.1\s+First\s+in-progress(\s|$)/);
    if (env.COLUMNS !== undefined) expect(Math.max(widest(stale.stdout), widest(fresh.stdout))).toBeLessThanOrEqual(40);
  });
});
