/**
 * One contract for both backends (as chokidar runs its suite for fs.watch and for polling):
 * real files, real watching, deadlines instead of sleeps. Every case ends with the published
 * state equal to a fresh full scan.
 */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { planDir, tempDir, tempWorkspace, type Tree } from "../helpers/workspace";
import { waitFor } from "../helpers/wait-for";
import { startEngine, type Kind } from "./engine-harness";

const exec = (status: string) => `# EXECUTION\n\n**Status**: ${status}\n`;
const planText = (name: string, ids: readonly string[]) =>
  `# PLAN ${name}\n\n**Status**: In Progress\n\n## Achievement Index\n\n${ids.map((id) => `- Achievement ${id}: Item ${id}`).join("\n")}\n`;

const base = () => ({
  ALPHA: planDir("ALPHA", { index: ["1.1 First", "1.2 Second"], subplans: ["11"], executions: { "11": ["In Progress"] } }),
  "grp/BETA": planDir("BETA", { index: ["2.1 Only"] }),
});

describe.each([["fs"], ["poll"]] as [Kind][])("live engine, %s backend", (kind) => {
  test("creating SUBPLAN, EXECUTION_TASK, FIX, FIX_RESOLUTION and APPROVED files walks an achievement through its states", async () => {
    await using ws = await tempWorkspace(base());
    await using h = await startEngine(ws.root, kind);
    await ws.write("ALPHA/subplans/SUBPLAN_ALPHA_12.md", "# S\n");
    await h.settled("subplan 1.2", () => h.transitions("ALPHA").some((t) => t.achievement === "1.2" && t.to === "planned"));
    await ws.write("ALPHA/execution/EXECUTION_TASK_ALPHA_12_01.md", exec("In Progress"));
    await h.settled("execution 1.2", () => h.transitions("ALPHA").some((t) => t.achievement === "1.2" && t.to === "in-progress"));
    await ws.write("ALPHA/execution/feedbacks/FIX_12.md", "fix\n");
    await h.settled("fix 1.2", () => h.transitions("ALPHA").some((t) => t.achievement === "1.2" && t.to === "needs-fix"));
    await ws.write("ALPHA/execution/feedbacks/FIX_12_RESOLUTION.md", "done\n");
    await h.settled("resolution 1.2", () => h.transitions("ALPHA").some((t) => t.achievement === "1.2" && t.from === "needs-fix" && t.to === "awaiting-review"));
    await ws.write("ALPHA/execution/feedbacks/APPROVED_12.md", "ok\n");
    await h.settled("approval 1.2", () => h.transitions("ALPHA").some((t) => t.achievement === "1.2" && t.to === "approved"));
  });

  test("an EXECUTION_TASK's Status edited to Complete is awaiting review", async () => {
    await using ws = await tempWorkspace(base());
    await using h = await startEngine(ws.root, kind);
    fs.writeFileSync(ws.path("ALPHA/execution/EXECUTION_TASK_ALPHA_11_01.md"), exec("Complete"));
    await h.settled("1.1 awaiting review", () => h.transitions("ALPHA").some((t) => t.achievement === "1.1" && t.from === "in-progress" && t.to === "awaiting-review"));
  });

  test("an achievement added to the PLAN file appears as not started", async () => {
    await using ws = await tempWorkspace(base());
    await using h = await startEngine(ws.root, kind);
    fs.writeFileSync(ws.path("ALPHA/PLAN_ALPHA.md"), planText("ALPHA", ["1.1", "1.2", "1.3"]));
    await h.settled("1.3 added", () => h.transitions("ALPHA").some((t) => t.achievement === "1.3" && t.from === null && t.to === "not-started"));
  });

  test("20 atomic saves of the PLAN file in a row: the last version wins", async () => {
    await using ws = await tempWorkspace(base());
    await using h = await startEngine(ws.root, kind);
    const ids: string[] = ["1.1", "1.2"];
    for (let i = 3; i <= 22; i++) {
      ids.push(`1.${i}`);
      const tmp = ws.path(`ALPHA/.PLAN_ALPHA.md.tmp${i}`);
      fs.writeFileSync(tmp, planText("ALPHA", ids));
      fs.renameSync(tmp, ws.path("ALPHA/PLAN_ALPHA.md"));
    }
    await h.settled("22 achievements", () => h.engine.state.plans.find((p) => p.id === "ALPHA")?.achievements.length === 22);
    expect(h.events.some((e) => e.type === "update" && e.diff.removed.some((p) => p.id === "ALPHA"))).toBe(false);
  });

  test("deleting a file", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"], approved: ["11"] }) });
    await using h = await startEngine(ws.root, kind);
    fs.unlinkSync(ws.path("ALPHA/execution/feedbacks/APPROVED_11.md"));
    await h.settled("1.1 back to planned", () => h.transitions("ALPHA").some((t) => t.from === "approved" && t.to === "planned"));
  });

  test("a new plan directory: mkdir, then the PLAN file a moment later", async () => {
    await using ws = await tempWorkspace(base());
    await using h = await startEngine(ws.root, kind);
    fs.mkdirSync(ws.path("grp/GAMMA"));
    await h.nextReconcile();
    expect(h.engine.state.plans.map((p) => p.id)).not.toContain("grp/GAMMA");
    fs.writeFileSync(ws.path("grp/GAMMA/PLAN_GAMMA.md"), planText("GAMMA", ["1.1"]));
    await h.settled("GAMMA added", () => h.events.some((e) => e.type === "update" && e.diff.added.some((p) => p.id === "grp/GAMMA")));
  });

  test("a plan directory moved out of the root, back in, and renamed", async () => {
    await using ws = await tempWorkspace(base());
    await using h = await startEngine(ws.root, kind);
    const outside = path.join(ws.dir, "outside-ALPHA");
    fs.renameSync(ws.path("ALPHA"), outside);
    await h.settled("ALPHA gone", () => !h.engine.state.plans.some((p) => p.id === "ALPHA"));
    // Written while outside: must not be reported, and must be seen once it is back.
    fs.mkdirSync(path.join(outside, "execution", "feedbacks"), { recursive: true });
    fs.writeFileSync(path.join(outside, "execution", "feedbacks", "APPROVED_11.md"), "ok\n");
    fs.renameSync(outside, ws.path("ALPHA"));
    await h.settled("ALPHA back, 1.1 approved", () => h.engine.state.plans.find((p) => p.id === "ALPHA")?.achievements[0]?.status === "approved");
    fs.renameSync(ws.path("ALPHA"), ws.path("grp/ALPHA"));
    await h.settled("ALPHA renamed into grp", () => h.engine.state.plans.some((p) => p.id === "grp/ALPHA") && !h.engine.state.plans.some((p) => p.id === "ALPHA"));
    fs.writeFileSync(ws.path("grp/ALPHA/execution/EXECUTION_TASK_ALPHA_12_01.md"), exec("Done"));
    await h.settled("the moved plan is still watched", () => h.engine.state.plans.find((p) => p.id === "grp/ALPHA")?.achievements[1]?.status === "awaiting-review");
  });

  test("the whole plans root deleted and recreated: an error, then recovery", async () => {
    await using ws = await tempWorkspace(base());
    await using h = await startEngine(ws.root, kind);
    fs.rmSync(ws.root, { recursive: true, force: true });
    await h.settled("no plans while the root is gone", () => h.engine.state.plans.length === 0 && h.events.some((e) => e.type === "error" && e.code === "ENOENT"));
    expect(h.engine.freshness().lastError?.code).toBe("ENOENT");
    fs.mkdirSync(ws.path("DELTA"), { recursive: true });
    fs.writeFileSync(ws.path("DELTA/PLAN_DELTA.md"), planText("DELTA", ["1.1"]));
    await h.settled("DELTA after the root came back", () => h.engine.state.plans.some((p) => p.id === "DELTA"));
    expect(h.engine.freshness().lastError).toBeNull();
    h.mark();
    fs.mkdirSync(ws.path("DELTA/execution/feedbacks"), { recursive: true });
    fs.writeFileSync(ws.path("DELTA/execution/feedbacks/APPROVED_11.md"), "ok\n");
    await h.settled("watching again after recovery", () => h.transitions("DELTA").some((t) => t.to === "approved"));
  });

  test("the root deleted and made again a dozen times in a row: the engine follows the new root and keeps reporting", async () => {
    await using ws = await tempWorkspace(base());
    await using h = await startEngine(ws.root, kind);
    for (let i = 1; i <= 12; i++) {
      fs.rmSync(ws.root, { recursive: true, force: true });
      fs.mkdirSync(ws.path(`X${i}`), { recursive: true });
      fs.writeFileSync(ws.path(`X${i}/PLAN_X${i}.md`), planText(`X${i}`, ["1.1"]));
    }
    await h.settled("only the last root's plan", () => h.engine.state.plans.map((p) => p.id).join() === "X12");
    fs.mkdirSync(ws.path("LATE/execution/feedbacks"), { recursive: true });
    fs.writeFileSync(ws.path("LATE/PLAN_LATE.md"), planText("LATE", ["1.1"]));
    await h.settled("a plan written afterwards", () => h.engine.state.plans.some((p) => p.id === "LATE"));
    h.mark();
    fs.writeFileSync(ws.path("LATE/execution/feedbacks/APPROVED_11.md"), "ok\n");
    await h.settled("a change inside it", () => h.transitions("LATE").some((t) => t.to === "approved"));
    expect(h.engine.freshness().backend).toBe(kind);
  });

  test("a burst of 1,000 files over 20 plans settles to the fresh scan with few publications per plan", async () => {
    const plans: Record<string, Tree> = {};
    for (let p = 0; p < 20; p++) plans[`P${p}`] = planDir(`P${p}`, { index: Array.from({ length: 50 }, (_, i) => `${1 + Math.floor(i / 9)}.${1 + (i % 9)} Item`) });
    await using ws = await tempWorkspace(plans);
    await using h = await startEngine(ws.root, kind);
    for (let p = 0; p < 20; p++) {
      fs.mkdirSync(ws.path(`P${p}/execution/feedbacks`), { recursive: true });
      fs.mkdirSync(ws.path(`P${p}/subplans`), { recursive: true });
    }
    for (let i = 0; i < 1000; i++) {
      const p = i % 20;
      const a = Math.floor(i / 20);
      const key = `${1 + Math.floor(a / 9)}${1 + (a % 9)}`;
      fs.writeFileSync(ws.path(`P${p}/${i % 2 === 0 ? `subplans/SUBPLAN_P${p}_${key}.md` : `execution/feedbacks/APPROVED_${key}.md`}`), "x\n");
    }
    await h.settled("burst settled", () => true, 15_000);
    // Coalesced: fewer publications than files, and never two for one plan inside one debounce
    // window (poll publishes once per tick). Both hold however slowly the burst is written.
    const windowMs = kind === "poll" ? 40 : 10;
    for (let p = 0; p < 20; p++) {
      const times = h.changeTimes(`P${p}`);
      expect(times.length).toBeLessThan(50);
      const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
      expect(gaps.filter((g) => g < windowMs - 1)).toEqual([]);
    }
  });

  test("a plan folder that is a symlink is read and watched through the link", async () => {
    await using ws = await tempWorkspace(base());
    const outside = tempDir("plandash-linked-");
    fs.mkdirSync(path.join(outside, "LINKED", "execution", "feedbacks"), { recursive: true });
    fs.writeFileSync(path.join(outside, "LINKED", "PLAN_LINKED.md"), planText("LINKED", ["1.1"]));
    try {
      await using h = await startEngine(ws.root, kind);
      fs.symlinkSync(path.join(outside, "LINKED"), ws.path("LINKED"));
      await h.settled("linked plan added", () => h.engine.state.plans.some((p) => p.id === "LINKED"));
      fs.writeFileSync(path.join(outside, "LINKED", "execution", "feedbacks", "APPROVED_11.md"), "ok\n");
      await h.settled("write behind the link seen", () => h.transitions("LINKED").some((t) => t.to === "approved"));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
