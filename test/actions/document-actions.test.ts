import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { formatUtc } from "../../src/actions/create-doc";
import { nextAttempt } from "../../src/actions/document-paths";
import { createExecution, createSubplan, writeReview, type WriteOutcome } from "../../src/actions/document-actions";
import type { Result } from "../../src/util/errors";
import { planDir, tempDir, tempWorkspace, writeFiles } from "../helpers/workspace";
import { depsFor } from "./support";

const REVIEW = { reviewer: "Ada", message: null };

function value(r: Result<WriteOutcome>): WriteOutcome {
  if (!r.ok) throw new Error(`expected success, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function refusal(r: Result<WriteOutcome>): { code: string; line: string; suggestion: unknown } {
  if (r.ok) throw new Error(`expected a refusal, wrote ${r.value.written.rel}`);
  return { code: r.error.code, line: `${r.error.message} — ${r.error.hint ?? ""}`, suggestion: r.error.suggestion ?? null };
}

/** Every file under a folder, relative, sorted: to show a refusal wrote nothing. */
function listing(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe("next attempt number", () => {
  test.each([
    [[], 1],
    [[1], 2],
    [[1, 4], 5],
    [[2, 1, 2], 3],
  ])("attempts %p → %p", (attempts, expected) => {
    expect(nextAttempt(attempts.map((attempt) => ({ attempt })))).toBe(expected);
  });

  test("_01 and _02_V2 on disk → the new execution is _03", async () => {
    await using ws = await tempWorkspace({
      ALPHA: planDir("ALPHA", {
        index: ["1.1 First"],
        subplans: ["11"],
        extra: {
          "execution/EXECUTION_TASK_ALPHA_11_01.md": "**Status**: Complete\n",
          "execution/EXECUTION_TASK_ALPHA_11_02_V2.md": "**Status**: In Progress\n",
        },
      }),
    });
    const out = value(createExecution(depsFor(ws), "ALPHA", "1.1"));
    expect(out.written.rel).toBe("ALPHA/execution/EXECUTION_TASK_ALPHA_11_03.md");
    expect(out.plan.achievements[0]?.executions.map((e) => e.attempt)).toEqual([1, 2, 3]);
  });

  test("gaps are kept: _01 and _04 → _05; attempt 100 gets three digits", async () => {
    await using ws = await tempWorkspace({
      ALPHA: planDir("ALPHA", {
        index: ["1.1 First", "1.2 Second"],
        subplans: ["11", "12"],
        extra: {
          "execution/EXECUTION_TASK_ALPHA_11_01.md": "x",
          "execution/EXECUTION_TASK_ALPHA_11_04.md": "x",
          "execution/EXECUTION_TASK_ALPHA_12_99.md": "x",
        },
      }),
    });
    expect(value(createExecution(depsFor(ws), "ALPHA", "1.1")).written.rel).toBe("ALPHA/execution/EXECUTION_TASK_ALPHA_11_05.md");
    expect(value(createExecution(depsFor(ws), "ALPHA", "1.2")).written.rel).toBe("ALPHA/execution/EXECUTION_TASK_ALPHA_12_100.md");
  });
});

describe("documents and read-your-writes", () => {
  test("new subplan: header fields, missing folder created, plan re-read shows planned", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First", "2.3 Deep thing"] }) });
    const out = value(createSubplan(depsFor(ws), "ALPHA", "2.3"));
    expect(out.written.rel).toBe("ALPHA/subplans/SUBPLAN_ALPHA_23.md");
    expect(out.written.createdDirs).toEqual(["ALPHA/subplans"]);
    const text = ws.read("ALPHA/subplans/SUBPLAN_ALPHA_23.md");
    expect(text.split("\n").slice(0, 9)).toEqual([
      "# SUBPLAN: ALPHA — Achievement 2.3: Deep thing",
      "",
      "**Type**: SUBPLAN",
      "**Plan**: ALPHA",
      "**Achievement**: 2.3 — Deep thing",
      "**Status**: Planned",
      `**Created**: ${formatUtc(Date.UTC(2026, 0, 2, 3, 4, 5))}`,
      "**File Location**: ALPHA/subplans/SUBPLAN_ALPHA_23.md",
      "",
    ]);
    expect(formatUtc(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe("2026-01-02 03:04 UTC");
    for (const section of ["## Goal", "## Approach", "## Verification"]) expect(text).toContain(section);
    expect(out.plan.achievements.find((a) => a.id === "2.3")?.status).toBe("planned");
    expect(out.plan.next).toEqual({ achievement: "1.1", title: "First", step: "create-subplan" });
  });

  test("new execution is in progress and not complete; the plan says so at once", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"] }) });
    const out = value(createExecution(depsFor(ws), "ALPHA", "1.1"));
    const text = ws.read(out.written.rel);
    expect(text).toContain("**Type**: EXECUTION_TASK");
    expect(text).toContain("**Status**: In Progress");
    expect(text).toContain("**Subplan**: ALPHA/subplans/SUBPLAN_ALPHA_11.md");
    expect(text).toContain(`**File Location**: ${out.written.rel}`);
    expect(out.plan.achievements[0]?.status).toBe("in-progress");
    expect(out.plan.next?.step).toBe("continue-execution");
  });

  test("review --fix then --approve: reviewer, UTC date, message, reviewed execution; statuses follow SPEC §2.1", async () => {
    await using ws = await tempWorkspace({
      ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"], executions: { "11": ["Complete"] } }),
    });
    const fix = value(writeReview(depsFor(ws), "ALPHA", "1.1", "fix", { reviewer: "Ada", message: "- the cache leaks" }));
    expect(fix.written.rel).toBe("ALPHA/execution/feedbacks/FIX_11.md");
    const fixText = ws.read(fix.written.rel);
    for (const s of ["**Type**: FIX", "**Reviewer**: Ada", "**Date**: 2026-01-02 03:04 UTC", "**Reviewed**: ALPHA/execution/EXECUTION_TASK_ALPHA_11_01.md", "- the cache leaks", "FIX_11_RESOLUTION.md"]) {
      expect(fixText).toContain(s);
    }
    expect(fix.plan.achievements[0]?.status).toBe("needs-fix");
    await ws.write("ALPHA/execution/feedbacks/FIX_11_RESOLUTION.md", "fixed");
    const ok = value(writeReview(depsFor(ws), "ALPHA", "1.1", "approve", REVIEW));
    expect(ok.written.rel).toBe("ALPHA/execution/feedbacks/APPROVED_11.md");
    expect(ws.read(ok.written.rel)).toContain("## Summary\n\nApproved.");
    expect(ok.plan.status).toBe("complete");
    expect(ok.plan.next).toBeNull();
  });

  test("a plan at the root itself (id .) writes next to its PLAN file", async () => {
    await using ws = await tempWorkspace();
    writeFiles(ws.root, planDir("ROOTY", { index: ["1.1 First"] }));
    const out = value(createSubplan(depsFor(ws), ".", "1.1"));
    expect(out.written.rel).toBe("subplans/SUBPLAN_ROOTY_11.md");
    expect(out.plan.achievements[0]?.status).toBe("planned");
  });
});

describe("refusals: each says why and what to do, and writes nothing", () => {
  type Deps = ReturnType<typeof depsFor>;
  test.each([
    ["unknown achievement id", (d: Deps) => createSubplan(d, "ALPHA", "9.9"), "ENOACH", ["no achievement 9.9", "1.1, 1.2, 1.3"], { action: "status", plan: "ALPHA" }],
    ["execution without its SUBPLAN", (d: Deps) => createExecution(d, "ALPHA", "1.2"), "ENOSUBPLAN", ["no SUBPLAN", "create it first"], { action: "create-subplan", plan: "ALPHA", achievement: "1.2" }],
    ["approve without any execution", (d: Deps) => writeReview(d, "ALPHA", "1.3", "approve", REVIEW), "ENOEXEC", ["no EXECUTION_TASK to approve"], { action: "create-execution", plan: "ALPHA", achievement: "1.3" }],
    ["fix without any execution", (d: Deps) => writeReview(d, "ALPHA", "1.2", "fix", REVIEW), "ENOEXEC", ["no EXECUTION_TASK"], { action: "create-subplan", plan: "ALPHA", achievement: "1.2" }],
    ["a SUBPLAN that exists", (d: Deps) => createSubplan(d, "ALPHA", "1.1"), "EEXIST", ["already has a SUBPLAN", "never overwrites"], { action: "open", plan: "ALPHA", achievement: "1.1" }],
    ["a FIX that waits for its resolution", (d: Deps) => writeReview(d, "ALPHA", "1.1", "fix", REVIEW), "EEXIST", ["already has a FIX request waiting for its resolution", "FIX_11.md"], { action: "open", plan: "ALPHA", achievement: "1.1" }],
    ["an empty fix note", (d: Deps) => writeReview(d, "ALPHA", "1.1", "fix", { reviewer: "Ada", message: "" }), "EUSAGE", ["note", "empty"], null],
    ["a fix note of spaces only", (d: Deps) => writeReview(d, "ALPHA", "1.1", "fix", { reviewer: "Ada", message: "  \t \n " }), "EUSAGE", ["empty"], null],
    ["an unknown plan", (d: Deps) => createSubplan(d, "NOPE", "1.1"), "ENOPLAN", ["NOPE"], null],
  ] as const)("%s", async (_label, act, code, says, suggestion) => {
    await using ws = await tempWorkspace({
      ALPHA: planDir("ALPHA", { index: ["1.1 First", "1.2 Second", "1.3 Third"], subplans: ["11", "13"], executions: { "11": ["Complete"] }, fixes: ["11"] }),
    });
    const before = listing(ws.root);
    const r = refusal(act(depsFor(ws)));
    expect(r.code).toBe(code);
    for (const s of says) expect(r.line).toContain(s);
    expect(r.line).not.toContain("\n");
    expect(r.suggestion).toEqual(suggestion);
    expect(listing(ws.root)).toEqual(before);
  });

  test("approving twice: the second is EEXIST and the first file is untouched", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"], executions: { "11": ["Complete"] } }) });
    value(writeReview(depsFor(ws), "ALPHA", "1.1", "approve", { reviewer: "Ada", message: "first" }));
    expect(refusal(writeReview(depsFor(ws), "ALPHA", "1.1", "approve", { reviewer: "Bob", message: "second" })).code).toBe("EEXIST");
    expect(ws.read("ALPHA/execution/feedbacks/APPROVED_11.md")).toContain("first");
  });

  test("asking for fixes on an approved achievement is refused and writes no FIX", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"], executions: { "11": ["Complete"] }, approved: ["11"] }) });
    const r = refusal(writeReview(depsFor(ws), "ALPHA", "1.1", "fix", { reviewer: "Bob", message: "late" }));
    expect(r.code).toBe("EEXIST");
    expect(r.line).toContain("already approved");
    expect(ws.exists("ALPHA/execution/feedbacks/FIX_11.md")).toBe(false);
  });

  test("something already at a name the rules chose is never overwritten: a SUBPLAN is refused, a numbered file takes the next number", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First", "1.2 Second"], subplans: ["11"] }) });
    // Stray folders (not role files) take the names the writer wants: exclusive create is the last guard.
    fs.mkdirSync(ws.path("ALPHA/subplans/SUBPLAN_ALPHA_12.md"), { recursive: true });
    fs.mkdirSync(ws.path("ALPHA/execution/EXECUTION_TASK_ALPHA_11_01.md"), { recursive: true });
    const r = refusal(createSubplan(depsFor(ws), "ALPHA", "1.2"));
    expect(r.code).toBe("EEXIST");
    expect(r.line).toContain("ALPHA/subplans/SUBPLAN_ALPHA_12.md already exists");
    expect(value(createExecution(depsFor(ws), "ALPHA", "1.1")).written.rel).toBe("ALPHA/execution/EXECUTION_TASK_ALPHA_11_02.md");
    expect(fs.statSync(ws.path("ALPHA/execution/EXECUTION_TASK_ALPHA_11_01.md")).isDirectory()).toBe(true);
  });
});

describe("no write can escape the plans root", () => {
  test("a crafted plan id pointing outside the root is refused (EESCAPE), nothing written outside", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"] }) });
    // A real plan just outside the root: reading it works, writing into it must not.
    writeFiles(path.join(ws.dir, "work-space", "OUTSIDE"), planDir("OUTSIDE", { index: ["1.1 First"] }));
    const before = listing(path.join(ws.dir, "work-space", "OUTSIDE"));
    const r = refusal(createSubplan(depsFor(ws), "../OUTSIDE", "1.1"));
    expect(r.code).toBe("EESCAPE");
    expect(r.line).toContain("plans root");
    expect(listing(path.join(ws.dir, "work-space", "OUTSIDE"))).toEqual(before);
  });

  test("a crafted plan name on disk (PLAN_..\\..\\evil.md) cannot steer a write: EESCAPE, nothing written", async () => {
    await using ws = await tempWorkspace({
      WEIRD: { "PLAN_..\\..\\evil.md": "# PLAN\n\n## Achievement Index\n\n- Achievement 1.1: First\n" },
    });
    const before = listing(ws.dir);
    const r = refusal(createSubplan(depsFor(ws), "WEIRD", "1.1"));
    expect(r.code).toBe("EESCAPE");
    expect(listing(ws.dir)).toEqual(before);
  });

  test("a plan whose subplans/ folder is a symlink to a folder outside the root is refused", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"] }) });
    const outside = tempDir();
    fs.symlinkSync(outside, ws.path("ALPHA/subplans"));
    const r = refusal(createSubplan(depsFor(ws), "ALPHA", "1.1"));
    expect(r.code).toBe("EESCAPE");
    expect(r.line).toContain(outside);
    expect(fs.readdirSync(outside)).toEqual([]);
    fs.rmSync(outside, { recursive: true });
  });

  test("a symlinked plan folder that lives outside the root is shown but not written to", async () => {
    await using ws = await tempWorkspace();
    const outside = tempDir();
    writeFiles(outside, planDir("LINKED", { index: ["1.1 First"] }));
    fs.symlinkSync(outside, ws.path("LINKED"));
    const before = listing(outside);
    const r = refusal(createSubplan(depsFor(ws), "LINKED", "1.1"));
    expect(r.code).toBe("EESCAPE");
    expect(listing(outside)).toEqual(before);
    fs.rmSync(outside, { recursive: true });
  });
});
