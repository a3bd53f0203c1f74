/**
 * End-to-end: the write rules of SPEC §7 on the compiled binary — review rounds, racing writers,
 * numbers past counting, ambiguous keys, empty notes, unsafe names, and suggested commands.
 */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import { runCli, type CliResult } from "../helpers/run-cli";
import { planDir, tempWorkspace, type TempWorkspace } from "../helpers/workspace";

function cli(ws: TempWorkspace, args: readonly string[]): Promise<CliResult> {
  return runCli([...args, "--root", ws.root], { env: { EDITOR: "", VISUAL: "" } });
}

function listing(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

/** Exit 1, nothing on stdout, one line on stderr holding every piece of `says`. */
function expectRefusal(r: CliResult, ...says: string[]): void {
  expect({ exitCode: r.exitCode, stdout: r.stdout, lines: r.stderr.trimEnd().split("\n").length }).toEqual({ exitCode: 1, stdout: "", lines: 1 });
  for (const s of says) expect(r.stderr).toContain(s);
  expect(r.stderr).not.toContain("    at ");
}

describe("review rounds", () => {
  test("review --fix opens round 2, then round 3; status and next follow the latest round", async () => {
    await using ws = await tempWorkspace({
      ALPHA: planDir("ALPHA", { index: ["1.2 Cache"], subplans: ["12"], executions: { "12": ["Complete"] }, fixes: ["12"], resolutions: ["12"] }),
    });
    const fix2 = await cli(ws, ["review", "ALPHA", "1.2", "--fix", "--message", "- still leaks", "--json"]);
    expect(fix2.exitCode).toBe(0);
    expect(JSON.parse(fix2.stdout)).toMatchObject({ created: "ALPHA/execution/feedbacks/FIX_12_02.md", status: "needs-fix" });

    const status = JSON.parse((await cli(ws, ["status", "--json"])).stdout);
    expect(status.plans[0].achievements[0].feedback).toEqual({
      approved: null,
      fix: "ALPHA/execution/feedbacks/FIX_12_02.md",
      resolution: null,
      round: 2,
    });
    const next = JSON.parse((await cli(ws, ["next", "ALPHA", "--json"])).stdout);
    expect(next).toMatchObject({ step: "address-fix", files: { fix: "ALPHA/execution/feedbacks/FIX_12_02.md", create: "ALPHA/execution/feedbacks/FIX_12_02_RESOLUTION.md" } });

    expectRefusal(await cli(ws, ["review", "ALPHA", "1.2", "--fix", "-m", "more"]), "FIX_12_02.md", "waiting for its resolution", "plandash open ALPHA 1.2");

    await ws.write("ALPHA/execution/feedbacks/FIX_12_02_RESOLUTION.md", "fixed\n");
    const fix3 = await cli(ws, ["review", "ALPHA", "1.2", "--fix", "-m", "one more", "--json"]);
    expect(JSON.parse(fix3.stdout).created).toBe("ALPHA/execution/feedbacks/FIX_12_03.md");
  });

  test.each([["an empty note", ""], ["a note of spaces", "   "]])("review --fix with %s is refused and writes nothing", async (_label, note) => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"], executions: { "11": ["Complete"] } }) });
    const before = listing(ws.root);
    const r = await cli(ws, ["review", "ALPHA", "1.1", "--fix", "--message", note]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("empty");
    expect(listing(ws.root)).toEqual(before);
  });
});

describe("racing writers and numbers", () => {
  test("six `new execution` at once: all succeed, each with its own attempt", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"] }) });
    const results = await Promise.all(Array.from({ length: 6 }, () => cli(ws, ["new", "execution", "ALPHA", "1.1", "--json"])));
    expect(results.map((r) => [r.exitCode, r.stderr])).toEqual(results.map(() => [0, ""]));
    const created = results.map((r) => JSON.parse(r.stdout).created as string).sort();
    expect(created).toEqual([1, 2, 3, 4, 5, 6].map((n) => `ALPHA/execution/EXECUTION_TASK_ALPHA_11_0${n}.md`));
    // Each file is the one its writer wrote: its header names its own attempt and path.
    created.forEach((file, i) => expect(ws.read(file)).toContain(`**Attempt**: 0${i + 1}\n**Subplan**: ALPHA/subplans/SUBPLAN_ALPHA_11.md\n`));
    for (const file of created) expect(ws.read(file)).toContain(`**File Location**: ${file}\n`);
  });

  test("two `review --fix` started together on a resolved round, ten times over: neither is lost or overwritten — both open rounds 2 and 3, or the later one is refused naming round 2", async () => {
    for (let i = 0; i < 10; i++) {
      await using ws = await tempWorkspace({
        ALPHA: planDir("ALPHA", { index: ["1.2 Cache"], subplans: ["12"], executions: { "12": ["Complete"] }, fixes: ["12"], resolutions: ["12"] }),
      });
      const notes = [`- writer A, race ${i}`, `- writer B, race ${i}`];
      // Spawned back to back, before either is awaited.
      const results = await Promise.all(notes.map((note) => cli(ws, ["review", "ALPHA", "1.2", "--fix", "--message", note, "--json"])));
      const won = results.flatMap((r, w) => (r.exitCode === 0 ? [{ file: JSON.parse(r.stdout).created as string, note: notes[w] as string }] : []));
      // SPEC §7: writers that both read round 1 resolved race, and the loser takes round 3; one that
      // starts reading after round 2 exists sees it waiting for its resolution and is refused.
      const refused = results.filter((r) => r.exitCode !== 0);
      for (const r of refused) expectRefusal(r, "already has a FIX request waiting for its resolution: ALPHA/execution/feedbacks/FIX_12_02.md");
      expect(won.map((w) => w.file).sort()).toEqual(["ALPHA/execution/feedbacks/FIX_12_02.md", "ALPHA/execution/feedbacks/FIX_12_03.md"].slice(0, won.length));
      expect(won.length + refused.length).toBe(2);
      expect(won.length).toBeGreaterThan(0);
      for (const w of won) {
        const text = ws.read(w.file);
        expect(text).toContain(w.note);
        expect(text).toContain(`**Round**: ${w.file.endsWith("_02.md") ? 2 : 3}`);
        for (const other of notes) if (other !== w.note) expect(text).not.toContain(other);
      }
      const feedbacks = ["FIX_12.md", "FIX_12_02.md", ...(won.length === 2 ? ["FIX_12_03.md"] : []), "FIX_12_RESOLUTION.md"];
      expect(listing(ws.path("ALPHA/execution/feedbacks"))).toEqual(feedbacks);
      const feedback = JSON.parse((await cli(ws, ["status", "--json"])).stdout).plans[0].achievements[0].feedback;
      expect(feedback).toMatchObject({ fix: `ALPHA/execution/feedbacks/${feedbacks.at(-2)}`, resolution: null, round: won.length + 1 });
    }
  }, 30_000);

  test("an absurd attempt number on disk: refused in one line, no file named 1e+…", async () => {
    await using ws = await tempWorkspace({
      ALPHA: planDir("ALPHA", { index: ["1.1 First"], subplans: ["11"], extra: { "execution/EXECUTION_TASK_ALPHA_11_99999999999999999999999.md": "x" } }),
    });
    expectRefusal(await cli(ws, ["new", "execution", "ALPHA", "1.1"]), "9007199254740991", "EXECUTION_TASK_ALPHA_11_99999999999999999999999.md", "rename");
    expect(listing(ws.path("ALPHA/execution"))).toEqual(["EXECUTION_TASK_ALPHA_11_99999999999999999999999.md"]);
  });
});

describe("refusals name the way forward", () => {
  test("new subplan on an id whose key another id shares: refused naming both (exit 1)", async () => {
    await using ws = await tempWorkspace({ P: planDir("P", { index: ["1.11 One-eleven", "11.1 Eleven-one"] }) });
    const before = listing(ws.root);
    expectRefusal(await cli(ws, ["new", "subplan", "P", "11.1"]), "1.11 and 11.1", "key 111", "plandash open P");
    expect(listing(ws.root)).toEqual(before);
  });

  test("the suggested command shell-quotes a plan id that needs it", async () => {
    await using ws = await tempWorkspace({ "my plan": planDir("my plan", { index: ["1.1 First"] }) });
    expectRefusal(await cli(ws, ["new", "execution", "my plan", "1.1"]), "has no SUBPLAN yet", "create it first: plandash new subplan 'my plan' 1.1");
  });

  test("a plan that cannot be written to is warned about in status (unsafe-name), and its refusal says why", async () => {
    await using ws = await tempWorkspace({ WEIRD: { "PLAN_a\\b.md": "## Achievement Index\n- Achievement 1.1: First\n" } });
    const doc = JSON.parse((await cli(ws, ["status", "--json"])).stdout);
    expect(doc.plans[0].warnings).toEqual([expect.objectContaining({ code: "unsafe-name", file: "WEIRD/PLAN_a\\b.md" })]);
    const before = listing(ws.root);
    expectRefusal(await cli(ws, ["new", "subplan", "WEIRD", "1.1"]), "backslash");
    expect(listing(ws.root)).toEqual(before);
  });
});
