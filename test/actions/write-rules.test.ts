/**
 * The write rules of SPEC §7 that issue 9 added: review rounds, racing writers, numbers past
 * counting, ambiguous keys, and the one read-only switch.
 */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import { createExecution, createSubplan, writeReview, type ActionDeps, type WriteOutcome } from "../../src/actions/document-actions";
import { realFs, type FsPort } from "../../src/ports";
import type { Result } from "../../src/util/errors";
import { planDir, tempWorkspace, type TempWorkspace } from "../helpers/workspace";
import { depsFor } from "./support";

const REVIEW = { reviewer: "Ada", message: "- tighten the test" };

function value(r: Result<WriteOutcome>): WriteOutcome {
  if (!r.ok) throw new Error(`expected success, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function refused(r: Result<WriteOutcome>): { code: string; message: string } {
  if (r.ok) throw new Error(`expected a refusal, wrote ${r.value.written.rel}`);
  return { code: r.error.code, message: r.error.message };
}

function listing(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe("review rounds (SPEC §1.4, §7)", () => {
  test("--fix after FIX_12 + its resolution writes FIX_12_02; after round 2 is resolved, FIX_12_03", async () => {
    await using ws = await tempWorkspace({
      ALPHA: planDir("ALPHA", { index: ["1.2 Cache"], subplans: ["12"], executions: { "12": ["Complete"] }, fixes: ["12"], resolutions: ["12"] }),
    });
    const round2 = value(writeReview(depsFor(ws), "ALPHA", "1.2", "fix", REVIEW));
    expect(round2.written.rel).toBe("ALPHA/execution/feedbacks/FIX_12_02.md");
    const text = ws.read(round2.written.rel);
    expect(text).toContain("**Round**: 2");
    expect(text).toContain("Write ALPHA/execution/feedbacks/FIX_12_02_RESOLUTION.md");
    expect(round2.plan.achievements[0]).toMatchObject({ status: "needs-fix", feedback: { fix: round2.written.rel, resolution: null, round: 2 } });

    const open = refused(writeReview(depsFor(ws), "ALPHA", "1.2", "fix", REVIEW));
    expect(open).toEqual({ code: "EEXIST", message: expect.stringContaining("FIX_12_02.md") });

    await ws.write("ALPHA/execution/feedbacks/FIX_12_02_RESOLUTION.md", "done\n");
    const round3 = value(writeReview(depsFor(ws), "ALPHA", "1.2", "fix", REVIEW));
    expect(round3.written.rel).toBe("ALPHA/execution/feedbacks/FIX_12_03.md");
    expect(round3.plan.achievements[0]?.feedback.round).toBe(3);
  });
});

/** A real fs where another writer creates each target a moment before we do, `times` times. */
function racingFs(ws: TempWorkspace, times: number): { fs: FsPort; theirs: string[] } {
  const theirs: string[] = [];
  const fs: FsPort = {
    ...realFs,
    writeExclusive(file, data) {
      if (theirs.length < times) {
        realFs.writeExclusive(file, `theirs ${theirs.length + 1}\n`);
        theirs.push(file);
      }
      realFs.writeExclusive(file, data);
    },
  };
  return { fs, theirs };
}

describe("two writers racing for the next number (SPEC §7)", () => {
  test("new execution: the loser takes the next free attempt, and the winner's file is untouched", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"] }) });
    const race = racingFs(ws, 2);
    const out = value(createExecution({ ...depsFor(ws), fs: race.fs }, "ALPHA", "1.1"));
    expect(out.written.rel).toBe("ALPHA/execution/EXECUTION_TASK_ALPHA_11_03.md");
    expect(ws.read(out.written.rel)).toContain("**Attempt**: 03");
    expect(ws.read("ALPHA/execution/EXECUTION_TASK_ALPHA_11_01.md")).toBe("theirs 1\n");
    expect(ws.read("ALPHA/execution/EXECUTION_TASK_ALPHA_11_02.md")).toBe("theirs 2\n");
  });

  test("review --fix: the loser takes the next free round", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"], executions: { "11": ["Complete"] } }) });
    const race = racingFs(ws, 1);
    const out = value(writeReview({ ...depsFor(ws), fs: race.fs }, "ALPHA", "1.1", "fix", REVIEW));
    expect(out.written.rel).toBe("ALPHA/execution/feedbacks/FIX_11_02.md");
    expect(ws.read("ALPHA/execution/feedbacks/FIX_11.md")).toBe("theirs 1\n");
  });

  test("the retries are bounded: a name taken every time ends in EEXIST", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"] }) });
    const race = racingFs(ws, 1000);
    expect(refused(createExecution({ ...depsFor(ws), fs: race.fs }, "ALPHA", "1.1")).code).toBe("EEXIST");
    expect(race.theirs.length).toBeLessThan(100);
  });

  test("an un-numbered document (SUBPLAN, APPROVED) is not renamed: the loser gets EEXIST", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"] }) });
    const race = racingFs(ws, 1);
    expect(refused(createSubplan({ ...depsFor(ws), fs: race.fs }, "ALPHA", "1.1")).code).toBe("EEXIST");
    expect(ws.read("ALPHA/subplans/SUBPLAN_ALPHA_11.md")).toBe("theirs 1\n");
  });
});

describe("numbers past counting are refused, never written as 1e+…", () => {
  test.each([
    ["an attempt", "execution/EXECUTION_TASK_ALPHA_11_99999999999999999999999.md", (d: ActionDeps) => createExecution(d, "ALPHA", "1.1")],
    ["an attempt of exactly 2^53 - 1", "execution/EXECUTION_TASK_ALPHA_11_9007199254740991.md", (d: ActionDeps) => createExecution(d, "ALPHA", "1.1")],
    ["a review round", "execution/feedbacks/FIX_11_99999999999999999999999_RESOLUTION.md", (d: ActionDeps) => writeReview(d, "ALPHA", "1.1", "fix", REVIEW)],
  ])("%s", async (_label, file, act) => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"], executions: { "11": ["Complete"] }, extra: { [file]: "**Status**: Complete\n" } }) });
    const before = listing(ws.root);
    const r = refused(act(depsFor(ws)));
    expect(r.code).toBe("EREFUSED");
    expect(r.message).toContain(String(Number.MAX_SAFE_INTEGER));
    expect(r.message).not.toContain("e+");
    expect(listing(ws.root)).toEqual(before);
  });
});

describe("an id whose key another id shares is refused for every write (SPEC §7)", () => {
  test.each([
    ["new subplan", (d: ActionDeps) => createSubplan(d, "ALPHA", "11.1")],
    ["new subplan for the other id", (d: ActionDeps) => createSubplan(d, "ALPHA", "1.11")],
    ["new execution", (d: ActionDeps) => createExecution(d, "ALPHA", "11.1")],
    ["approve", (d: ActionDeps) => writeReview(d, "ALPHA", "11.1", "approve", REVIEW)],
    ["fix", (d: ActionDeps) => writeReview(d, "ALPHA", "1.11", "fix", REVIEW)],
  ])("%s", async (_label, act) => {
    await using ws = await tempWorkspace({
      ALPHA: planDir("ALPHA", { index: ["1.11 One-eleven", "11.1 Eleven-one", "1.2 Fine"], subplans: ["111"], executions: { "111": ["Complete"] } }),
    });
    const before = listing(ws.root);
    const r = act(depsFor(ws));
    if (r.ok) throw new Error(`expected a refusal, wrote ${r.value.written.rel}`);
    expect(r.error.code).toBe("EAMBIGUOUSKEY");
    expect(r.error.message).toContain("1.11 and 11.1");
    expect(r.error.message).toContain("key 111");
    expect(r.error.suggestion).toEqual({ action: "open", plan: "ALPHA" });
    expect(listing(ws.root)).toEqual(before);
    expect(value(createSubplan(depsFor(ws), "ALPHA", "1.2")).written.rel).toBe("ALPHA/subplans/SUBPLAN_ALPHA_12.md");
  });
});

describe("the read-only switch refuses every write in one place", () => {
  const REASON = "the dashboard lock is held by pid 123 on host";
  test.each([
    ["new subplan", (d: ActionDeps) => createSubplan(d, "ALPHA", "1.2")],
    ["new execution", (d: ActionDeps) => createExecution(d, "ALPHA", "1.1")],
    ["approve", (d: ActionDeps) => writeReview(d, "ALPHA", "1.1", "approve", REVIEW)],
    ["fix", (d: ActionDeps) => writeReview(d, "ALPHA", "1.1", "fix", REVIEW)],
  ])("%s is refused with EREADONLY and the reason, and writes nothing", async (_label, act) => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First", "1.2 Second"], subplans: ["11"], executions: { "11": ["Complete"] } }) });
    const before = listing(ws.root);
    const r = refused(act({ ...depsFor(ws), readOnly: REASON }));
    expect(r.code).toBe("EREADONLY");
    expect(r.message).toContain(REASON);
    expect(listing(ws.root)).toEqual(before);
    // The same action with the switch off writes: the refusal came from the switch alone.
    expect(act(depsFor(ws)).ok).toBe(true);
  });
});
