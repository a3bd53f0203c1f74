import { describe, expect, test } from "bun:test";
import { buildPlan, choosePlanFile, type PlanInput } from "../../src/core/plan";
import { MS_PER_DAY } from "../../src/core/status";

const NOW = 1_000 * MS_PER_DAY;
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function input(planText: string, more: Partial<PlanInput> = {}): PlanInput {
  return {
    id: "grp/ALPHA",
    dirName: "ALPHA",
    planFiles: ["PLAN_ALPHA.md"],
    planFile: { name: "PLAN_ALPHA.md", bytes: encode(planText), size: encode(planText).length, errorCode: null },
    subplans: [],
    executions: [],
    feedbacks: [],
    parallelJson: null,
    unreadable: [],
    ...more,
  };
}
const names = (...list: string[]) => list.map((name) => ({ name, errorCode: null }));
const exec = (name: string, status: string, mtimeMs = NOW) => ({
  name,
  bytes: encode(`# E\n**Status**: ${status}\n`),
  size: 30,
  errorCode: null,
  mtimeMs,
});
const INDEX = "## Achievement Index\n- Achievement 1.1: First\n- Achievement 1.2: Second\n- Achievement 1.3: Third\n- Achievement 2.1: Fourth\n";
const build = (i: PlanInput) => buildPlan(i, { nowMs: NOW, staleExecutionDays: 7 });

describe("buildPlan", () => {
  test("id, name, group and paths relative to the root", () => {
    const plan = build(input(INDEX, { subplans: names("SUBPLAN_ALPHA_11.md") }));
    expect(plan).toMatchObject({ id: "grp/ALPHA", name: "ALPHA", group: "grp", planFile: "grp/ALPHA/PLAN_ALPHA.md", paused: false });
    expect(plan.achievements[0]?.subplan).toBe("grp/ALPHA/subplans/SUBPLAN_ALPHA_11.md");
  });

  test.each([
    ["a_paused/ALPHA", "Active", true],
    ["a_Paused/ALPHA", "Active", true],
    ["paused-2025/ALPHA", "Active", true],
    ["grp/PAUSED", "Active", true],
    ["x.paused.y/ALPHA", "Active", true],
    ["UNPAUSED-FEATURE", "Active", false],
    ["PAUSEDETECTION", "Active", false],
    ["pausedd/ALPHA", "Active", false],
    ["paused2/ALPHA", "Active", false],
    ["grp/ALPHA", "⏸ on hold", true],
    ["grp/ALPHA", "PAUSED", true],
    ["grp/ALPHA", "⏸ On hold (paused by owner)", true],
    ["grp/ALPHA", "Paused until Q3", true],
    ["grp/ALPHA", "Not paused anymore", false],
    ["grp/ALPHA", "not  paused, ⏸ removed", false],
    ["grp/ALPHA", "Unpaused", false],
    ["grp/ALPHA", "Active", false],
  ])("paused (SPEC §1.2): id %p, header status %p → %p", (id, status, expected) => {
    expect(build(input(`**Status**: ${status}\n${INDEX}`, { id })).paused).toBe(expected);
  });

  test("next, upcoming, counts and progress follow the achievement order", () => {
    const plan = build(
      input(INDEX, {
        subplans: names("SUBPLAN_ALPHA_12.md", "SUBPLAN_ALPHA_13.md"),
        executions: [exec("EXECUTION_TASK_ALPHA_13_01.md", "In Progress")],
        feedbacks: names("APPROVED_11.md"),
      }),
    );
    expect(plan.achievements.map((a) => a.status)).toEqual(["approved", "planned", "in-progress", "not-started"]);
    expect(plan.status).toBe("in-progress");
    expect(plan.next).toEqual({ achievement: "1.2", title: "Second", step: "create-execution" });
    expect(plan.upcoming).toEqual(["1.2", "1.3", "2.1"]);
    expect(plan.progress).toEqual({ approved: 1, total: 4, percent: 25 });
    expect(plan.counts).toEqual({ approved: 1, "needs-fix": 0, "awaiting-review": 0, "in-progress": 1, planned: 1, "not-started": 1 });
  });

  test("a complete or an empty plan has no next step", () => {
    const complete = build(input("## Achievement Index\n- Achievement 1.1: only", { feedbacks: names("APPROVED_11.md") }));
    expect(complete.status).toBe("complete");
    expect(complete.next).toBeNull();
    expect(complete.upcoming).toEqual([]);
    const empty = build(input(""));
    expect(empty.status).toBe("empty");
    expect(empty.next).toBeNull();
    expect(empty.progress).toEqual({ approved: 0, total: 0, percent: 0 });
  });

  test("the latest attempt is the highest number, then the suffix that sorts last", () => {
    const plan = build(
      input(INDEX, {
        executions: [
          exec("EXECUTION_TASK_ALPHA_11_02_B.md", "Complete"),
          exec("EXECUTION_TASK_ALPHA_11_02.md", "In Progress"),
          exec("EXECUTION_TASK_ALPHA_11_01.md", "In Progress"),
          exec("EXECUTION_TASK_ALPHA_12_02.md", "In Progress"),
          exec("EXECUTION_TASK_ALPHA_12_01_Z.md", "Complete"),
        ],
      }),
    );
    const [a11, a12] = plan.achievements;
    expect(a11?.executions.map((e) => [e.attempt, e.suffix])).toEqual([[1, null], [2, null], [2, "B"]]);
    expect(a11?.status).toBe("awaiting-review");
    expect(a12?.status).toBe("in-progress");
  });

  test("stale work: in progress with every execution older than staleExecutionDays", () => {
    const plan = build(input(INDEX, { executions: [exec("EXECUTION_TASK_ALPHA_11_01.md", "In Progress", NOW - 8 * MS_PER_DAY)] }));
    expect(plan.achievements[0]?.stale).toBe(true);
    expect(buildPlan(input(INDEX, { executions: [exec("EXECUTION_TASK_ALPHA_11_01.md", "x", NOW - 8 * MS_PER_DAY)] }), { nowMs: NOW, staleExecutionDays: 10 }).achievements[0]?.stale).toBe(false);
  });

  test("files with a key no achievement has are orphans that count for nothing", () => {
    const plan = build(input(INDEX, { feedbacks: names("APPROVED_99.md"), subplans: names("SUBPLAN_ALPHA_77.md") }));
    expect(plan.progress.approved).toBe(0);
    expect(plan.warnings.filter((w) => w.code === "orphan-file").map((w) => w.file)).toEqual([
      "grp/ALPHA/subplans/SUBPLAN_ALPHA_77.md",
      "grp/ALPHA/execution/feedbacks/APPROVED_99.md",
    ]);
  });

  test("two ids with one key: a warning, and the files go to the first in achievement order", () => {
    const plan = build(input("## Achievement Index\n- Achievement 11.1: eleven-one\n- Achievement 1.11: one-eleven\n", { feedbacks: names("APPROVED_111.md") }));
    expect(plan.warnings.map((w) => w.code)).toEqual(["ambiguous-key"]);
    expect(plan.achievements.map((a) => a.status)).toEqual(["approved", "not-started"]);
  });

  describe("review rounds (SPEC §1.4, §2.1): the latest round decides", () => {
    const ONE = "## Achievement Index\n- Achievement 1.2: only\n";
    const F = "grp/ALPHA/execution/feedbacks/";
    test.each([
      ["no feedback", [], "in-progress", { fix: null, resolution: null, round: null }],
      ["round 1 open", ["FIX_12.md"], "needs-fix", { fix: `${F}FIX_12.md`, resolution: null, round: 1 }],
      ["round 1 resolved", ["FIX_12.md", "FIX_12_RESOLUTION.md"], "awaiting-review", { fix: `${F}FIX_12.md`, resolution: `${F}FIX_12_RESOLUTION.md`, round: 1 }],
      ["round 2 opened after round 1 resolved", ["FIX_12.md", "FIX_12_RESOLUTION.md", "FIX_12_02.md"], "needs-fix", { fix: `${F}FIX_12_02.md`, resolution: null, round: 2 }],
      ["round 2 resolved", ["FIX_12.md", "FIX_12_RESOLUTION.md", "FIX_12_02.md", "FIX_12_02_RESOLUTION.md"], "awaiting-review", { fix: `${F}FIX_12_02.md`, resolution: `${F}FIX_12_02_RESOLUTION.md`, round: 2 }],
      ["round 3 open, rounds counted as numbers", ["FIX_12.md", "FIX_12_RESOLUTION.md", "FIX_12_02.md", "FIX_12_02_RESOLUTION.md", "FIX_12_3.md"], "needs-fix", { fix: `${F}FIX_12_3.md`, resolution: null, round: 3 }],
      ["round 10 is later than round 9", ["FIX_12_09.md", "FIX_12_09_RESOLUTION.md", "FIX_12_10.md"], "needs-fix", { fix: `${F}FIX_12_10.md`, resolution: null, round: 10 }],
      ["a later resolution without its FIX does not end an open round", ["FIX_12.md", "FIX_12_02_RESOLUTION.md"], "needs-fix", { fix: `${F}FIX_12.md`, resolution: null, round: 1 }],
      ["only resolutions: the highest decides", ["FIX_12_RESOLUTION.md", "FIX_12_02_RESOLUTION.md"], "awaiting-review", { fix: null, resolution: `${F}FIX_12_02_RESOLUTION.md`, round: 2 }],
      ["an unresolved earlier round under a later resolved one", ["FIX_12.md", "FIX_12_02.md", "FIX_12_02_RESOLUTION.md"], "awaiting-review", { fix: `${F}FIX_12_02.md`, resolution: `${F}FIX_12_02_RESOLUTION.md`, round: 2 }],
      ["FIX_12_01.md is no role file", ["FIX_12_01.md"], "in-progress", { fix: null, resolution: null, round: null }],
    ])("%s", (_label, files, status, feedback) => {
      const plan = build(input(ONE, { executions: [exec("EXECUTION_TASK_ALPHA_12_01.md", "In Progress")], feedbacks: names(...files) }));
      expect(plan.achievements[0]?.status).toBe(status as never);
      expect(plan.achievements[0]?.feedback).toEqual({ approved: null, ...feedback });
    });

    test("APPROVED still wins over an open round", () => {
      const plan = build(input(ONE, { feedbacks: names("FIX_12.md", "FIX_12_RESOLUTION.md", "FIX_12_02.md", "APPROVED_12.md") }));
      expect(plan.achievements[0]?.status).toBe("approved");
    });

    test("a round file of an unknown key is an orphan", () => {
      const plan = build(input(ONE, { feedbacks: names("FIX_99_02.md", "FIX_99_02_RESOLUTION.md") }));
      expect(plan.warnings.filter((w) => w.code === "orphan-file").map((w) => w.file)).toEqual([`${F}FIX_99_02.md`, `${F}FIX_99_02_RESOLUTION.md`]);
    });
  });

  test.each([
    ["a backslash in the PLAN file name", "WEIRD", "PLAN_..\\..\\evil.md", "a backslash"],
    ["a newline in the PLAN file name", "NL", "PLAN_two\nlines.md", "a control character (U+000A)"],
    ["an escape in the folder name", "bad\u001b[2J", "PLAN_OK.md", "a control character (U+001B)"],
    ["a backslash in a category folder", "grp\\x/PLAN", "PLAN_PLAN.md", "a backslash"],
  ])("a plan that cannot be written to is warned about at once (unsafe-name): %s", (_label, id, file, reason) => {
    const plan = build(input(INDEX, { id, dirName: id.split("/").pop() ?? id, planFiles: [file], planFile: { name: file, bytes: encode(INDEX), size: INDEX.length, errorCode: null } }));
    const warning = plan.warnings.find((w) => w.code === "unsafe-name");
    expect(warning?.message).toContain(reason);
    expect(warning?.message).toContain("rename");
    expect(plan.achievements).toHaveLength(4);
  });

  test("ordinary names with spaces, dots, dashes and non-ASCII letters are not unsafe", () => {
    const file = "PLAN_my plan.v2-é.md";
    const plan = build(input(INDEX, { id: "team a/my plan.v2-é", dirName: "my plan.v2-é", planFiles: [file], planFile: { name: file, bytes: encode(INDEX), size: INDEX.length, errorCode: null } }));
    expect(plan.warnings.map((w) => w.code)).toEqual([]);
  });

  test("no Achievement Index: fallback mode with a warning", () => {
    const plan = build(input("### Achievement 2.1: b\n### Achievement 1.1: a\n"));
    expect(plan.achievements.map((a) => a.id)).toEqual(["1.1", "2.1"]);
    expect(plan.warnings.map((w) => w.code)).toEqual(["no-achievement-index"]);
  });

  test("invalid UTF-8 is replaced and reported; the achievements still parse", () => {
    const bytes = new Uint8Array([...encode("## Achievement Index\n- Achievement 1.1: caf"), 0xff, 0xfe, ...encode("\n")]);
    const plan = build(input("", { planFile: { name: "PLAN_ALPHA.md", bytes, size: bytes.length, errorCode: null } }));
    expect(plan.warnings.map((w) => w.code)).toEqual(["not-utf8"]);
    expect(plan.achievements[0]?.title).toBe("caf\uFFFD\uFFFD");
  });

  test("a plan file read only in part is reported as too large", () => {
    const bytes = encode(INDEX);
    const plan = build(input("", { planFile: { name: "PLAN_ALPHA.md", bytes, size: 6 * 1024 * 1024, errorCode: null } }));
    expect(plan.warnings.map((w) => w.code)).toEqual(["file-too-large"]);
    expect(plan.progress.total).toBe(4);
  });

  test("an unreadable plan file, execution or folder is a warning, not a failure", () => {
    const plan = build(
      input("", {
        planFile: { name: "PLAN_ALPHA.md", bytes: null, size: 0, errorCode: "EACCES" },
        unreadable: [{ file: "execution/feedbacks", code: "EACCES" }],
      }),
    );
    expect(plan.status).toBe("empty");
    expect(plan.warnings.filter((w) => w.code === "unreadable-file").map((w) => w.message)).toEqual([
      "cannot read the plan file (EACCES)",
      "cannot read this file (EACCES)",
    ]);
    const withExec = build(input(INDEX, { executions: [{ name: "EXECUTION_TASK_ALPHA_11_01.md", bytes: null, size: 0, errorCode: "EISDIR", mtimeMs: 0 }] }));
    expect(withExec.achievements[0]?.status).toBe("not-started");
    expect(withExec.warnings.map((w) => w.code)).toEqual(["unreadable-file"]);
  });

  test("the plan file is the one named after the folder, else the first in code-point order with a warning", () => {
    expect(choosePlanFile("alpha", ["PLAN_B.md", "PLAN_ALPHA.md"])).toBe("PLAN_ALPHA.md");
    expect(choosePlanFile("folder", ["PLAN_b.md", "PLAN_B.md", "PLAN_a.md"])).toBe("PLAN_B.md");
    const named = build(input(INDEX, { planFiles: ["PLAN_ALPHA.md", "PLAN_SUMMARY.md"] }));
    expect(named.warnings).toEqual([]);
    const guessed = build(input(INDEX, { dirName: "OTHER", planFiles: ["PLAN_ALPHA.md", "PLAN_SUMMARY.md"] }));
    expect(guessed.warnings.map((w) => w.code)).toEqual(["multiple-plan-files"]);
  });

  test("parallel.json is read into ready and levels; malformed gives null", () => {
    const parallel = JSON.stringify({ achievements: [{ id: "1.2", dependencies: ["1.1"] }] });
    expect(build(input(INDEX, { parallelJson: parallel })).parallel?.ready).toEqual(["1.1", "1.3", "2.1"]);
    expect(build(input(INDEX, { parallelJson: "{" })).parallel).toBeNull();
    expect(build(input(INDEX)).parallel).toBeNull();
  });
});
