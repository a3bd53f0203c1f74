/** End-to-end: the compiled binary's status surface, as a script or a person would use it. */
import { describe, expect, test } from "bun:test";
import { CORPUS_PLANS, CORPUS_ROOT } from "../helpers/binary";
import { goldenDifference } from "../helpers/golden";
import { runCli } from "../helpers/run-cli";
import { planDir, tempDir, tempWorkspace } from "../helpers/workspace";
import packageJson from "../../package.json";

describe("plandash binary", () => {
  test("--version prints the package version", async () => {
    const r = await runCli(["--version"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(packageJson.version);
  });

  test("--help lists the commands and every command has its own --help", async () => {
    const r = await runCli(["--help"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("status");
    expect(r.stdout).toContain("init");
    const names = [...r.stdout.matchAll(/^  ([a-z-]+) {2,}/gm)].map((m) => m[1] ?? "");
    expect(names.length).toBeGreaterThan(2);
    for (const name of names) {
      const help = await runCli([name, "--help"]);
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toContain(`Usage: plandash`);
    }
  });

  test("status --json on the shared corpus equals the golden file", async () => {
    const r = await runCli(["status", "--json", "--root", CORPUS_ROOT]);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe("plandash.status/1");
    expect(doc.root).toBe(CORPUS_PLANS);
    expect(Date.parse(doc.generatedAt)).toBeGreaterThan(0);
    expect(goldenDifference(doc)).toBeNull();
  });

  test("status with no workspace exits 2 with one line that names where it looked", async () => {
    const cwd = tempDir();
    const r = await runCli(["status"], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(cwd);
    expect(lines[0]).toContain("--root");
    expect(r.stderr).not.toContain("    at ");
  });

  test("status --check exits 1 on a workspace with an open FIX and 0 once it is resolved", async () => {
    await using ws = await tempWorkspace({
      ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"], executions: { "11": ["Complete"] }, fixes: ["11"] }),
    });
    const failing = await runCli(["status", "--check", "--root", ws.root]);
    expect(failing.exitCode).toBe(1);
    expect(failing.stdout).toMatch(/ALPHA .*needs-attention/);
    await ws.write("ALPHA/execution/feedbacks/FIX_11_RESOLUTION.md", "done");
    const passing = await runCli(["status", "--check", "--root", ws.root]);
    expect(passing.exitCode).toBe(0);
    expect(passing.stdout).toMatch(/ALPHA .*awaiting-review/);
  });

  test("plandash without a terminal prints status and exits 0 at once", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First", "1.2 Second"], approved: ["11"] }) });
    const r = await runCli([], { cwd: ws.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/ALPHA .* 1\/2 .*in-progress/);
  });

  test("plandash with no workspace shows the demo workspace and says so on the first line", async () => {
    const r = await runCli([], { cwd: tempDir() });
    expect(r.exitCode).toBe(0);
    const [first, ...rest] = r.stdout.split("\n");
    expect(first).toContain("demo workspace");
    const table = rest.join("\n");
    for (const status of ["complete", "needs-attention", "awaiting-review", "in-progress", "ready"]) expect(table).toContain(status);
    expect(table).toContain("paused");
  });
});
