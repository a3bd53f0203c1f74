/** Bad input in one place never hides the other plans (SPEC §1.4; non-negotiable 5). */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import { realFs } from "../../src/ports";
import { loadWorkspace } from "../../src/workspace/load";
import { planDir, tempWorkspace, type TempWorkspace } from "../helpers/workspace";

const GOOD = planDir("GOOD", { index: ["1.1 Works"], approved: ["11"] });

function load(ws: TempWorkspace, maxDepth = 3) {
  return loadWorkspace(realFs, ws.root, { nowMs: Date.now(), staleExecutionDays: 7, maxDepth });
}
function plan(ws: TempWorkspace, id: string) {
  return load(ws).state.plans.find((p) => p.id === id);
}
function goodStillShown(ws: TempWorkspace): void {
  expect(plan(ws, "GOOD")?.status).toBe("complete");
}

describe("bad input", () => {
  test("non-UTF-8 bytes: replaced, warned, achievements kept", async () => {
    await using ws = await tempWorkspace({ GOOD });
    await ws.write("BAD/PLAN_BAD.md", new Uint8Array([...new TextEncoder().encode("## Achievement Index\n- Achievement 1.1: ok \xff"), 0xc3, 0x28, 0x0a]));
    const bad = plan(ws, "BAD");
    expect(bad?.warnings.map((w) => w.code)).toEqual(["not-utf8"]);
    expect(bad?.progress.total).toBe(1);
    goodStillShown(ws);
  });

  test("a PLAN over 5 MiB is read up to 5 MiB with a warning", async () => {
    await using ws = await tempWorkspace({ GOOD });
    const head = "## Achievement Index\n- Achievement 1.1: early\n";
    const filler = "x".repeat(1023) + "\n";
    const tail = "- Achievement 9.9: beyond the cap\n";
    await ws.write("BIG/PLAN_BIG.md", head + filler.repeat(5 * 1024 + 10) + tail);
    const big = plan(ws, "BIG");
    expect(big?.warnings.map((w) => w.code)).toEqual(["file-too-large"]);
    expect(big?.achievements.map((a) => a.id)).toEqual(["1.1"]);
    goodStillShown(ws);
  });

  test("an entry named like a file that is a directory, and a dangling symlink: unreadable-file warnings", async () => {
    await using ws = await tempWorkspace({ GOOD, ODD: planDir("ODD", { index: ["1.1 One"], subplans: ["11"] }) });
    fs.mkdirSync(ws.path("ODD/execution/EXECUTION_TASK_ODD_11_01.md"), { recursive: true });
    fs.mkdirSync(ws.path("ODD/execution/feedbacks"), { recursive: true });
    fs.symlinkSync(ws.path("nowhere/APPROVED_11.md"), ws.path("ODD/execution/feedbacks/APPROVED_11.md"));
    const odd = plan(ws, "ODD");
    expect(odd?.warnings.map((w) => [w.code, w.file])).toEqual([
      ["unreadable-file", "ODD/execution/EXECUTION_TASK_ODD_11_01.md"],
      ["unreadable-file", "ODD/execution/feedbacks/APPROVED_11.md"],
    ]);
    expect(odd?.achievements[0]?.status).toBe("planned");
    goodStillShown(ws);
  });

  test("a PLAN file that is a dangling symlink does not make a plan; a readable sibling still does", async () => {
    await using ws = await tempWorkspace({ GOOD });
    fs.mkdirSync(ws.path("GHOST"), { recursive: true });
    fs.symlinkSync(ws.path("missing.md"), ws.path("GHOST/PLAN_GHOST.md"));
    expect(plan(ws, "GHOST")).toBeUndefined();
    goodStillShown(ws);
  });

  test("a symlink loop is walked once and does not hang", async () => {
    await using ws = await tempWorkspace({ GOOD, "cat/INNER": planDir("INNER", { index: ["1.1 x"] }) });
    fs.symlinkSync(ws.path("cat"), ws.path("cat/loop"));
    fs.symlinkSync(ws.root, ws.path("cat/INNER/up"));
    const ids = load(ws).state.plans.map((p) => p.id);
    expect(ids).toEqual(["GOOD", "cat/INNER"]);
  });

  test("a symlinked plan folder is a plan (once)", async () => {
    await using ws = await tempWorkspace({ GOOD });
    await using other = await tempWorkspace({ LINKED: planDir("LINKED", { index: ["1.1 x"], subplans: ["11"] }) });
    fs.symlinkSync(other.path("LINKED"), ws.path("LINKED"));
    expect(plan(ws, "LINKED")?.achievements[0]?.status).toBe("planned");
  });

  test("a folder reached directly and through a link sorting before it is shown under its own path", async () => {
    await using ws = await tempWorkspace({ REAL: planDir("REAL", { index: ["1.1 x"] }) });
    fs.symlinkSync(ws.path("REAL"), ws.path("L1"));
    expect(load(ws).state.plans.map((p) => p.id)).toEqual(["REAL"]);
  });

  test("a plan deeper than maxDepth is not found; at maxDepth it is", async () => {
    await using ws = await tempWorkspace({ GOOD, "a/b/AT3": planDir("AT3", { index: ["1.1 x"] }), "a/b/c/AT4": planDir("AT4", { index: ["1.1 x"] }) });
    expect(load(ws).state.plans.map((p) => p.id)).toEqual(["GOOD", "a/b/AT3"]);
    expect(load(ws, 4).state.plans.map((p) => p.id)).toEqual(["GOOD", "a/b/AT3", "a/b/c/AT4"]);
  });

  test("an empty PLAN file is an empty plan with a warning", async () => {
    await using ws = await tempWorkspace({ GOOD, EMPTY: { "PLAN_EMPTY.md": "" } });
    const empty = plan(ws, "EMPTY");
    expect(empty?.status).toBe("empty");
    expect(empty?.warnings.map((w) => w.code)).toEqual(["no-achievement-index"]);
    goodStillShown(ws);
  });

  test("a malformed and a cyclic parallel.json", async () => {
    await using ws = await tempWorkspace({
      GOOD,
      MAL: planDir("MAL", { index: ["1.1 a"], parallel: "{ nope" }),
      CYC: planDir("CYC", { index: ["1.1 a", "1.2 b"], parallel: { achievements: [{ id: "1.1", dependencies: ["1.2"] }, { id: "1.2", dependencies: ["1.1"] }] } }),
    });
    expect(plan(ws, "MAL")?.parallel).toBeNull();
    expect(plan(ws, "CYC")?.parallel).toEqual({ ready: [], levels: [] });
    expect(plan(ws, "CYC")?.warnings.map((w) => w.code)).toEqual(["parallel-cycle"]);
    goodStillShown(ws);
  });
});

describe("the walk (SPEC §1.2)", () => {
  test("skips dot folders, node_modules and a plan's own subplans/execution/documentation", async () => {
    await using ws = await tempWorkspace({
      GOOD,
      ".hidden/H": planDir("H", { index: ["1.1 x"] }),
      "node_modules/N": planDir("N", { index: ["1.1 x"] }),
      "GOOD/documentation/DOC": planDir("DOC", { index: ["1.1 x"] }),
      "GOOD/subplans/SUB": planDir("SUB", { index: ["1.1 x"] }),
      "GOOD/NESTED": planDir("NESTED", { index: ["1.1 x"] }),
    });
    expect(load(ws).state.plans.map((p) => p.id)).toEqual(["GOOD", "GOOD/NESTED"]);
  });

  test("a category folder with a stray PLAN file and plan folders: all are plans", async () => {
    await using ws = await tempWorkspace({
      cat: { "PLAN_STRAY.md": "### Achievement 1.1: x", ...Object.fromEntries(Object.entries(planDir("INNER", { index: ["1.1 x"] })).map(([k, v]) => [`INNER/${k}`, v])) },
    });
    const plans = load(ws).state.plans;
    expect(plans.map((p) => [p.id, p.name, p.group])).toEqual([
      ["cat", "STRAY", ""],
      ["cat/INNER", "INNER", "cat"],
    ]);
  });

  test("the plans root itself can be a plan (id '.')", async () => {
    await using ws = await tempWorkspace();
    await ws.write("PLAN_ROOT.md", "## Achievement Index\n- Achievement 1.1: x\n");
    expect(load(ws).state.plans.map((p) => [p.id, p.name, p.planFile])).toEqual([[".", "ROOT", "PLAN_ROOT.md"]]);
  });
});
