import { describe, expect, test } from "bun:test";
import * as path from "node:path";
import { realFs } from "../../src/ports";
import { DEFAULT_CONFIG, envLayer, mergeConfig, readConfigFile, validateConfig } from "../../src/workspace/config";
import { findRoot } from "../../src/workspace/find-root";
import { runCli } from "../helpers/run-cli";
import { planDir, tempDir, tempWorkspace, writeFiles } from "../helpers/workspace";

describe("config validation (SPEC §8)", () => {
  test.each([
    [{ watch: "poll", pollInterval: 250, maxDepth: 4, agentCommand: "claude -p", editor: "vim" }],
    [{ debounce: 0, staleExecutionDays: 0 }],
    [{}],
  ])("accepts %p", (raw) => {
    expect(validateConfig(raw, "c.json").values as unknown).toEqual(raw);
  });

  test.each([
    [{ watch: "sometimes" }, /"watch" must be one of "auto", "fs", "poll", "off"/],
    [{ pollInterval: "1000" }, /"pollInterval" must be a number of milliseconds from 1 to 2147483647, got "1000"/],
    [{ pollInterval: 0 }, /"pollInterval" must be a number of milliseconds from 1 to 2147483647, got 0/],
    [{ pollInterval: 1e12 }, /"pollInterval" must be a number of milliseconds from 1 to 2147483647, got 1000000000000/],
    [{ rescanInterval: 2 ** 31 }, /"rescanInterval" must be a number of milliseconds from 1 to 2147483647, got 2147483648/],
    [{ debounce: -1 }, /"debounce" must be a number of milliseconds from 0 to 2147483647/],
    [{ debounce: 1e300 }, /"debounce" must be a number of milliseconds from 0 to 2147483647, got 1e\+300/],
    [{ staleAfterMinutes: 0 }, /"staleAfterMinutes" must be a number of minutes greater than 0 and at most 35791/],
    [{ staleAfterMinutes: 1e9 }, /"staleAfterMinutes" must be a number of minutes greater than 0 and at most 35791/],
    [{ staleExecutionDays: 1e6 }, /"staleExecutionDays" must be a number of days from 0 to 3650/],
    [{ editor: 3 }, /"editor" must be a non-empty string/],
    [{ agentCommand: "  " }, /"agentCommand" must be a non-empty string/],
    [{ maxDepth: 1.5 }, /"maxDepth" must be a whole number of folder levels from 0 to 16/],
    [{ maxDepth: 1e9 }, /"maxDepth" must be a whole number of folder levels from 0 to 16, got 1000000000/],
    [{ maxDepth: Number.POSITIVE_INFINITY }, /"maxDepth" must be .*, got a number too large to represent/],
    [[1, 2], /must be a JSON object/],
    ["text", /must be a JSON object/],
  ])("rejects %p naming the key and the type", (raw, message) => {
    expect(() => validateConfig(raw, "/x/c.json")).toThrow(message);
    try {
      validateConfig(raw, "/x/c.json");
    } catch (error) {
      expect((error as { code: string; where: string }).code).toBe("ECONFIG");
      expect((error as { where: string }).where).toBe("/x/c.json");
    }
  });

  test("an unknown key is a warning, not an error", () => {
    const layer = validateConfig({ wacth: "fs", debounce: 5 }, "c.json");
    expect(layer.values).toEqual({ debounce: 5 });
    expect(layer.warnings).toHaveLength(1);
    expect(layer.warnings[0]).toContain('"wacth"');
  });

  test("later layers win and defaults fill the rest", () => {
    const merged = mergeConfig([{ watch: "fs", pollInterval: 5 }, { watch: "poll" }, envLayer({ PLANDASH_POLL: "1" })]);
    expect(merged).toEqual({ ...DEFAULT_CONFIG, watch: "poll", pollInterval: 5 });
  });

  test("the largest accepted values are the bounds themselves", () => {
    const raw = { pollInterval: 2 ** 31 - 1, rescanInterval: 1, debounce: 0, staleAfterMinutes: 35_791, staleExecutionDays: 3650, maxDepth: 16 };
    expect(validateConfig(raw, "c.json").values as unknown).toEqual(raw);
  });

  test("a number JSON cannot hold (1e400) is named as such, not as null", () => {
    const dir = tempDir();
    writeFiles(dir, { "c.json": '{ "maxDepth": 1e400 }' });
    let message = "";
    try {
      readConfigFile(realFs, path.join(dir, "c.json"));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('"maxDepth" must be a whole number of folder levels from 0 to 16, got a number too large to represent');
    expect(message).not.toContain("null");
  });

  test("a missing file is no layer; invalid JSON is ECONFIG naming the file", () => {
    const dir = tempDir();
    expect(readConfigFile(realFs, path.join(dir, "none.json"))).toBeNull();
    writeFiles(dir, { "bad.json": "{ watch: fs }" });
    expect(() => readConfigFile(realFs, path.join(dir, "bad.json"))).toThrow(/not valid JSON/);
  });
});

describe("finding the plans root (SPEC §1.1)", () => {
  test("flag, then env, then config, then walking up", async () => {
    await using a = await tempWorkspace();
    await using b = await tempWorkspace();
    await using c = await tempWorkspace();
    const deep = path.join(c.dir, "src", "deep");
    writeFiles(deep, { "x.txt": "" });
    expect(findRoot(realFs, { cwd: deep, flag: a.dir, env: b.dir, config: b.dir })).toEqual({ root: a.root, source: "flag" });
    expect(findRoot(realFs, { cwd: deep, env: b.dir, config: a.dir })).toEqual({ root: b.root, source: "env" });
    expect(findRoot(realFs, { cwd: deep, config: a.root })).toEqual({ root: a.root, source: "config" });
    expect(findRoot(realFs, { cwd: deep })).toEqual({ root: c.root, source: "walk-up" });
  });

  test("a given folder without work-space/plans is taken as the plans folder itself", async () => {
    const dir = tempDir();
    expect(findRoot(realFs, { cwd: "/", flag: dir }).root).toBe(dir);
  });

  test("a given folder that does not exist is ENOROOT", () => {
    expect(() => findRoot(realFs, { cwd: "/", flag: "/definitely/not/here" })).toThrow(/not a directory/);
  });
});

describe("config through the binary", () => {
  test("an unknown key warns on stderr and the command still runs", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 a"] }) });
    await ws.write(".plandash/config.json", JSON.stringify({ colour: "never" }));
    const r = await runCli(["status", "--root", ws.root]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("ALPHA");
    expect(r.stderr).toContain('unknown config key "colour"');
  });

  test("a wrong type exits 2 with one line naming the file, the key and the expected type", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 a"] }) });
    await ws.write(".plandash/config.json", JSON.stringify({ staleExecutionDays: "seven" }));
    const r = await runCli(["status", "--root", ws.root]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(ws.path(".plandash/config.json"));
    expect(r.stderr).toContain('"staleExecutionDays" must be a number of days from 0 to 3650, got "seven"');
  });

  test("the user config's root is used when there is no flag or env", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 a"] }) });
    const home = tempDir();
    writeFiles(home, { ".config/plandash/config.json": JSON.stringify({ root: ws.dir }) });
    const r = await runCli(["status", "--json"], { home, cwd: tempDir() });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).root).toBe(ws.root);
  });

  test("staleExecutionDays from the workspace config changes what is stale", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 a"], subplans: ["11"], executions: { "11": ["In Progress"] } }) });
    const file = ws.path("ALPHA/execution/EXECUTION_TASK_ALPHA_11_01.md");
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    (await import("node:fs")).utimesSync(file, twoDaysAgo, twoDaysAgo);
    expect((await runCli(["status", "--check", "--root", ws.root])).exitCode).toBe(0);
    await ws.write(".plandash/config.json", JSON.stringify({ staleExecutionDays: 1 }));
    const r = await runCli(["status", "--check", "--json", "--root", ws.root]);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).plans[0].achievements[0].stale).toBe(true);
  });
});
