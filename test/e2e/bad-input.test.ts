/**
 * End-to-end: things in the workspace that are not regular files (SPEC §1.2, §1.4, §5, §8). A FIFO
 * blocks open(2) forever and a blocked process hears no signal, so every run has a deadline: a hang
 * fails the test (and the child is killed) instead of hanging the suite.
 */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { binaryPath } from "../helpers/binary";
import { childEnv } from "../helpers/child-env";
import { withTimeout } from "../helpers/wait-for";
import { planDir, tempDir, tempWorkspace, type TempWorkspace } from "../helpers/workspace";

const DEADLINE_MS = 10_000;
/** Above the deadline, so a hang fails with the deadline's message, naming the command. */
const TEST_TIMEOUT_MS = 3 * DEADLINE_MS;
const it = (name: string, fn: () => Promise<void>): void => test(name, fn, TEST_TIMEOUT_MS);

interface Run {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the binary; fails naming the command when it has not exited within the deadline. */
async function run(args: readonly string[], options: { home?: string; cwd?: string } = {}): Promise<Run> {
  const home = options.home ?? tempDir("plandash-home-");
  const proc = Bun.spawn([binaryPath(), ...args], { cwd: options.cwd ?? home, env: childEnv(home), stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const all = Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  try {
    const [stdout, stderr, exitCode] = await withTimeout(all, `plandash ${args.join(" ")} to exit (it hangs)`, DEADLINE_MS);
    return { exitCode, stdout, stderr };
  } finally {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
  }
}

function mkfifo(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const made = Bun.spawnSync(["mkfifo", file]);
  if (made.exitCode !== 0) throw new Error(`mkfifo ${file} failed: ${made.stderr.toString()}`);
}

const GOOD = planDir("GOOD", { index: ["1.1 Works"], approved: ["11"] });
const ODD = planDir("ODD", { index: ["1.1 One", "1.2 Two"], subplans: ["11", "12"] });

async function statusJson(ws: TempWorkspace, home?: string): Promise<any> {
  const r = await run(["status", "--json", "--root", ws.dir], home === undefined ? {} : { home });
  expect(r.stderr).toBe("");
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout);
}

function planOf(doc: any, id: string): any {
  return doc.plans.find((p: { id: string }) => p.id === id);
}

function warningsOf(doc: any, id: string): [string, string][] {
  return planOf(doc, id).warnings.map((w: { code: string; file?: string }) => [w.code, w.file ?? ""]);
}

describe("a FIFO or a device named like a plan's file is never opened", () => {
  it("an EXECUTION_TASK that is a FIFO: unreadable-file naming it, counted as absent", async () => {
    await using ws = await tempWorkspace({ GOOD, ODD });
    mkfifo(ws.path("ODD/execution/EXECUTION_TASK_ODD_11_01.md"));
    const doc = await statusJson(ws);
    expect(warningsOf(doc, "ODD")).toEqual([["unreadable-file", "ODD/execution/EXECUTION_TASK_ODD_11_01.md"]]);
    expect(planOf(doc, "ODD").achievements[0]).toMatchObject({ status: "planned", executions: [] });
    expect(planOf(doc, "GOOD").status).toBe("complete");
  });

  it("a SUBPLAN and an APPROVED that are FIFOs, and an EXECUTION_TASK that is a link to a FIFO", async () => {
    await using ws = await tempWorkspace({ GOOD, ODD: planDir("ODD", { index: ["1.1 One", "1.2 Two"], subplans: ["11"] }) });
    mkfifo(ws.path("ODD/subplans/SUBPLAN_ODD_12.md"));
    mkfifo(ws.path("ODD/execution/feedbacks/APPROVED_11.md"));
    mkfifo(ws.path("elsewhere.fifo"));
    fs.symlinkSync(ws.path("elsewhere.fifo"), ws.path("ODD/execution/EXECUTION_TASK_ODD_11_01.md"));
    const doc = await statusJson(ws);
    expect(warningsOf(doc, "ODD")).toEqual([
      ["unreadable-file", "ODD/subplans/SUBPLAN_ODD_12.md"],
      ["unreadable-file", "ODD/execution/EXECUTION_TASK_ODD_11_01.md"],
      ["unreadable-file", "ODD/execution/feedbacks/APPROVED_11.md"],
    ]);
    expect(planOf(doc, "ODD").achievements.map((a: { status: string }) => a.status)).toEqual(["planned", "not-started"]);
  });

  it("devices linked in as files: /dev/null as a SUBPLAN, /dev/zero as an EXECUTION_TASK, /dev/null as a PLAN", async () => {
    await using ws = await tempWorkspace({ GOOD, ODD: planDir("ODD", { index: ["1.1 One", "1.2 Two"], subplans: ["11"] }) });
    fs.symlinkSync("/dev/null", ws.path("ODD/subplans/SUBPLAN_ODD_12.md"));
    fs.mkdirSync(ws.path("ODD/execution"));
    fs.symlinkSync("/dev/zero", ws.path("ODD/execution/EXECUTION_TASK_ODD_11_01.md"));
    fs.mkdirSync(ws.path("DEV"));
    fs.symlinkSync("/dev/null", ws.path("DEV/PLAN_DEV.md"));
    const doc = await statusJson(ws);
    expect(doc.plans.map((p: { id: string }) => p.id)).toEqual(["GOOD", "ODD"]);
    expect(warningsOf(doc, "ODD")).toEqual([
      ["unreadable-file", "ODD/subplans/SUBPLAN_ODD_12.md"],
      ["unreadable-file", "ODD/execution/EXECUTION_TASK_ODD_11_01.md"],
    ]);
    const messages = planOf(doc, "ODD").warnings.map((w: { message: string }) => w.message).join("\n");
    expect(messages).toContain("not a regular file");
    expect(planOf(doc, "ODD").achievements.map((a: { status: string }) => a.status)).toEqual(["planned", "not-started"]);
  });

  it("a PLAN file that is a FIFO is not a plan (SPEC §1.2: a regular file); the others are shown", async () => {
    await using ws = await tempWorkspace({ GOOD });
    mkfifo(ws.path("PIPE/PLAN_PIPE.md"));
    const doc = await statusJson(ws);
    expect(doc.plans.map((p: { id: string }) => p.id)).toEqual(["GOOD"]);
    const human = await run(["status", "--root", ws.dir]);
    expect([human.exitCode, human.stderr]).toEqual([0, ""]);
    expect(human.stdout).toContain("GOOD");
  });

  it("a parallel.json that is a FIFO: unreadable-file naming it, parallel null", async () => {
    await using ws = await tempWorkspace({ GOOD, ODD });
    mkfifo(ws.path("ODD/parallel.json"));
    const doc = await statusJson(ws);
    expect(warningsOf(doc, "ODD")).toEqual([["unreadable-file", "ODD/parallel.json"]]);
    expect(planOf(doc, "ODD").parallel).toBeNull();
  });

  it("watch --ndjson starts on a workspace full of FIFOs and ends on SIGTERM", async () => {
    await using ws = await tempWorkspace({ GOOD, ODD });
    mkfifo(ws.path("ODD/execution/EXECUTION_TASK_ODD_11_01.md"));
    mkfifo(ws.path("ODD/parallel.json"));
    mkfifo(ws.path("PIPE/PLAN_PIPE.md"));
    mkfifo(ws.path(".plandash/dashboard.lock"));
    const home = tempDir("plandash-home-");
    const proc = Bun.spawn([binaryPath(), "watch", "--ndjson", "--root", ws.dir], { cwd: home, env: childEnv(home), stdout: "pipe", stderr: "pipe" });
    try {
      const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
      let text = "";
      const firstLine = (async () => {
        while (!text.includes("\n")) {
          const { value, done } = await reader.read();
          if (done) throw new Error("watch ended before its snapshot");
          text += new TextDecoder().decode(value);
        }
        return JSON.parse(text.slice(0, text.indexOf("\n")));
      })();
      const snapshot = await withTimeout(firstLine, "the watch snapshot (watch hangs)", DEADLINE_MS);
      expect(snapshot.type).toBe("snapshot");
      expect(snapshot.plans.map((p: { id: string }) => p.id)).toEqual(["GOOD", "ODD"]);
      expect(snapshot.lock).toMatchObject({ pid: null, problem: "not-a-file" });
      proc.kill("SIGTERM");
      expect(await withTimeout(proc.exited, "watch to exit after SIGTERM", DEADLINE_MS)).toBe(143);
    } finally {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
    }
  });
});

describe("config and templates that are not regular files", () => {
  it("a workspace config.json that is a FIFO: exit 2, one line naming it", async () => {
    await using ws = await tempWorkspace({ GOOD });
    const file = ws.path(".plandash/config.json");
    mkfifo(file);
    const r = await run(["status", "--root", ws.dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toContain("not a regular file");
  });

  it("a user config.json that is a FIFO: exit 2, one line naming it", async () => {
    await using ws = await tempWorkspace({ GOOD });
    const home = tempDir("plandash-home-");
    const file = path.join(home, ".config", "plandash", "config.json");
    mkfifo(file);
    const r = await run(["status", "--root", ws.dir], { home });
    expect(r.exitCode).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toContain("not a regular file");
  });

  it("a prompt template that is a FIFO: a warning naming it, and the built-in template", async () => {
    await using ws = await tempWorkspace({ GOOD, ODD });
    const file = ws.path(".plandash/prompts/create-execution.md");
    mkfifo(file);
    const r = await run(["next", "ODD", "--root", ws.dir]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Step: create-execution");
    expect(r.stdout).toContain("Next step: carry out the SUBPLAN");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toContain("built-in");
  });
});

describe("a lock file that is not a lock record", () => {
  const lockOf = (ws: TempWorkspace): string => ws.path(".plandash/dashboard.lock");

  it("a FIFO: status and lock report it, and lock --clear removes it", async () => {
    await using ws = await tempWorkspace({ GOOD });
    mkfifo(lockOf(ws));
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockOf(ws), old, old);
    expect((await statusJson(ws)).lock).toMatchObject({ held: false, alive: false, pid: null, problem: "not-a-file" });
    const human = await run(["lock", "--root", ws.dir]);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain("not a regular file");
    expect(human.stdout).toContain("plandash lock --clear");
    const cleared = await run(["lock", "--clear", "--root", ws.dir]);
    expect([cleared.exitCode, cleared.stderr]).toEqual([0, ""]);
    expect(fs.existsSync(lockOf(ws))).toBe(false);
    expect((await statusJson(ws)).lock).toBeNull();
  });

  it("a 50 GB lock file counts as corrupt, not as an I/O error: reported and cleared", async () => {
    await using ws = await tempWorkspace({ GOOD });
    fs.mkdirSync(path.dirname(lockOf(ws)), { recursive: true });
    fs.writeFileSync(lockOf(ws), "");
    fs.truncateSync(lockOf(ws), 50 * 1024 ** 3);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockOf(ws), old, old);
    expect((await statusJson(ws)).lock).toMatchObject({ held: false, alive: false, pid: null, problem: "too-large" });
    const json = await run(["lock", "--json", "--root", ws.dir]);
    expect([json.exitCode, json.stderr]).toEqual([0, ""]);
    expect(JSON.parse(json.stdout).lock).toMatchObject({ problem: "too-large", reason: "corrupt" });
    const cleared = await run(["lock", "--clear", "--root", ws.dir]);
    expect([cleared.exitCode, cleared.stderr]).toEqual([0, ""]);
    expect(fs.existsSync(lockOf(ws))).toBe(false);
  });
});
