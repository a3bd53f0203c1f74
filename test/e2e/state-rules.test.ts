/**
 * End-to-end: the SPEC's edge rules for reading a workspace (§1.2 paused, §1.3 line ends, §1.4
 * review rounds), as `status --json` on the compiled binary reports them.
 */
import { describe, expect, test } from "bun:test";
import { runCli } from "../helpers/run-cli";
import { planDir, tempWorkspace } from "../helpers/workspace";

interface PlanJson {
  id: string;
  paused: boolean;
  warnings: { code: string; message: string; file?: string }[];
  achievements: { id: string; title: string; status: string; feedback: Record<string, unknown> }[];
}

async function statusJson(root: string): Promise<PlanJson[]> {
  const r = await runCli(["status", "--json", "--root", root]);
  if (r.exitCode !== 0) throw new Error(`status --json exited ${r.exitCode}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { plans: PlanJson[] }).plans;
}

describe("line ends (SPEC §1.3)", () => {
  test("a CR-only plan file, a lone CR and U+2028 in a title lose no achievement", async () => {
    const index = ["# PLAN: CR", "", "## Achievement Index", "- Achievement 1.1: one", "- Achievement 1.2: two"];
    await using ws = await tempWorkspace({
      CR: { "PLAN_CR.md": index.join("\r") },
      MIXED: { "PLAN_MIXED.md": "## Achievement Index\n- Achievement 1.1: one\r- Achievement 1.2: two\r\n- Achievement 1.3: three" },
      LSEP: { "PLAN_LSEP.md": "## Achievement Index\n- Achievement 1.1: first\u2028half\n- Achievement 1.2: next\n" },
    });
    const plans = await statusJson(ws.root);
    const ids = (id: string) => plans.find((p) => p.id === id)?.achievements.map((a) => a.id);
    expect(ids("CR")).toEqual(["1.1", "1.2"]);
    expect(ids("MIXED")).toEqual(["1.1", "1.2", "1.3"]);
    expect(plans.find((p) => p.id === "LSEP")?.achievements.map((a) => a.title)).toEqual(["first\u2028half", "next"]);
  });

  test("an execution whose header uses lone CRs is complete when it says so", async () => {
    await using ws = await tempWorkspace({
      ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"], extra: { "execution/EXECUTION_TASK_ALPHA_11_01.md": "# E\r**Type**: X\r**Status**: Complete\r" } }),
    });
    expect((await statusJson(ws.root))[0]?.achievements[0]?.status).toBe("awaiting-review");
  });
});

describe("paused is a word (SPEC §1.2)", () => {
  test.each([
    ["a_paused/ALPHA", "Active", true],
    ["paused-2025/ALPHA", "Active", true],
    ["UNPAUSED-FEATURE", "Active", false],
    ["PAUSEDETECTION", "Active", false],
    ["HELD", "⏸ On hold (paused by owner)", true],
    ["RESUMED", "Not paused anymore", false],
  ])("%s with header %p → paused %p", async (id, status, paused) => {
    const name = id.split("/").pop() ?? id;
    await using ws = await tempWorkspace({ [id]: planDir(name, { index: ["1.1 First"], status }) });
    expect((await statusJson(ws.root)).map((p) => [p.id, p.paused])).toEqual([[id, paused]]);
  });
});

describe("parallel.json entries (SPEC §2.2)", () => {
  test("bad entries are warned by index and the rest still give the ready set", async () => {
    const parallel = { achievements: [42, { id: "1.2", dependencies: "1.1" }, { id: "1.3", dependencies: ["1.1"] }] };
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 A", "1.2 B", "1.3 C"], parallel }) });
    const r = await runCli(["status", "--json", "--root", ws.root]);
    const plan = JSON.parse(r.stdout).plans[0];
    expect(plan.warnings.map((w: { code: string; message: string }) => [w.code, w.message])).toEqual([
      ["parallel-invalid", "parallel.json achievements[0] is not an object; ignored"],
      ["parallel-invalid", "parallel.json achievements[1] (1.2): dependencies is not a list; ignored"],
    ]);
    expect(plan.parallel).toEqual({ ready: ["1.1", "1.2"], levels: [["1.1", "1.2"], ["1.3"]] });
  });
});
