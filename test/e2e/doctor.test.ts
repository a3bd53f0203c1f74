/**
 * End-to-end: `plandash doctor` keeps going past what is wrong and reports each problem (issue 9):
 * exit 0, and with --check exit 1 when it found one.
 */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "../helpers/run-cli";
import { planDir, tempDir, tempWorkspace } from "../helpers/workspace";

function writeConfig(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe("plandash doctor", () => {
  test("a healthy workspace: no problems, and --check exits 0", async () => {
    await using ws = await tempWorkspace({ A: planDir("A", { index: ["1.1 x"] }) });
    const human = await runCli(["doctor", "--root", ws.dir]);
    expect([human.exitCode, human.stderr]).toEqual([0, ""]);
    expect(human.stdout).toContain("problems     none");
    const json = JSON.parse((await runCli(["doctor", "--json", "--root", ws.dir])).stdout);
    expect(json.problems).toEqual([]);
    expect((await runCli(["doctor", "--check", "--root", ws.dir])).exitCode).toBe(0);
  });

  test("a broken workspace config and a broken user config: both reported, the rest still explained", async () => {
    await using ws = await tempWorkspace({ A: planDir("A", { index: ["1.1 x"] }) });
    const home = tempDir("plandash-home-");
    const userFile = path.join(home, ".config", "plandash", "config.json");
    const wsFile = ws.path(".plandash/config.json");
    writeConfig(userFile, '{"pollInterval": "fast"}');
    writeConfig(wsFile, "{ not json");
    const human = await runCli(["doctor", "--root", ws.dir], { home });
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain(`plans root   ${ws.root}`);
    expect(human.stdout).toMatch(/^backend {6}\S/m);
    expect(human.stdout).toMatch(/^terminal {5}/m);
    const problems = human.stdout.split("\n").filter((l) => l.startsWith("problem "));
    expect(problems).toHaveLength(2);
    expect(problems.some((l) => l.includes(userFile) && l.includes("pollInterval"))).toBe(true);
    expect(problems.some((l) => l.includes(wsFile) && l.includes("not valid JSON"))).toBe(true);

    const json = JSON.parse((await runCli(["doctor", "--json", "--root", ws.dir], { home })).stdout);
    expect(json.problems.map((p: { code: string; where: string }) => [p.code, p.where])).toEqual([
      ["ECONFIG", userFile],
      ["ECONFIG", wsFile],
    ]);
    expect(json.root).toBe(ws.root);
    expect((await runCli(["doctor", "--check", "--root", ws.dir], { home })).exitCode).toBe(1);
  });

  test("no workspace at all: says where it looked, still shows the terminal, exit 0 (--check: 1)", async () => {
    const nowhere = tempDir("plandash-nowhere-");
    const human = await runCli(["doctor"], { cwd: nowhere });
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/^plans root {3}none/m);
    expect(human.stdout).toMatch(/^problem .*no work-space\/plans\/ found in .*plandash init/m);
    expect(human.stdout).toMatch(/^terminal {5}/m);
    const json = JSON.parse((await runCli(["doctor", "--json"], { cwd: nowhere })).stdout);
    expect([json.root, json.problems.map((p: { code: string }) => p.code)]).toEqual([null, ["ENOROOT"]]);
    expect((await runCli(["doctor", "--check"], { cwd: nowhere })).exitCode).toBe(1);
  });

  test("polling a tree whose check takes over 5 % of pollInterval: the effective interval and why (SPEC §4 budget)", async () => {
    const plans = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`P${i}`, planDir(`P${i}`, { index: ["1.1 a", "1.2 b"], subplans: ["11", "12"], executions: { "11": ["Complete"], "12": ["In Progress"] } })]),
    );
    await using ws = await tempWorkspace(plans);
    // 1 ms: any real check of 20 plans costs more than 5 % of it, on any machine.
    writeConfig(ws.path(".plandash/config.json"), '{"pollInterval": 1}');
    const human = await runCli(["doctor", "--root", ws.dir], { env: { PLANDASH_POLL: "1" } });
    expect([human.exitCode, human.stderr]).toEqual([0, ""]);
    const line = /^backend {6}poll every (\d+) ms — polling forced \(PLANDASH_POLL=1\); stretched: ([\d,]+) files take [\d.]+ ms a check, so every \1 ms/m.exec(human.stdout);
    expect(line, human.stdout).not.toBeNull();
    expect(Number(line?.[1])).toBeGreaterThan(1);
    const json = JSON.parse((await runCli(["doctor", "--json", "--root", ws.dir], { env: { PLANDASH_POLL: "1" } })).stdout);
    expect(json.backend.backend).toBe("poll");
    expect(json.backend.intervalMs).toBeGreaterThan(1);
    expect(json.backend.reason).toContain(`so every ${json.backend.intervalMs} ms`);
    // Every plan's PLAN file, its three document folders, parallel.json and two executions, and every walked folder.
    expect(json.backend.stretch).toEqual({ files: 20 * 7 + 21, tickMs: expect.any(Number) });
  });

  test("a --root that is not a folder is a problem, not an exit 2", async () => {
    const r = await runCli(["doctor", "--root", "/definitely/not/here"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^problem .*\/definitely\/not\/here/m);
  });
});
