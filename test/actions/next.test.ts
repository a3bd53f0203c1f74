import { describe, expect, test } from "bun:test";
import { choosePlanForNext } from "../../src/actions/next";
import { planDir, tempWorkspace } from "../helpers/workspace";
import { loadPlans } from "./support";

async function workspace() {
  return tempWorkspace({
    DONE: planDir("DONE", { index: ["1.1 Only"], subplans: ["11"], executions: { "11": ["Complete"] }, approved: ["11"] }),
    EMPTY: planDir("EMPTY", {}),
    "a_paused/SLEEPY": planDir("SLEEPY", { index: ["1.1 Wait"] }),
    BRAVO: planDir("BRAVO", { index: ["1.1 First", "1.2 Second"], subplans: ["11"] }),
    "team-a/TWIN": planDir("TWIN", { index: ["1.1 A"] }),
    "team-b/TWIN": planDir("TWIN", { index: ["1.1 B"] }),
    ZULU: planDir("ZULU", { index: ["1.1 Later"] }),
  });
}

describe("PLAN for next, new, review and open", () => {
  test.each([
    ["by id", "team-a/TWIN", "team-a/TWIN"],
    ["by name, any case", "bravo", "BRAVO"],
    ["by @name", "@Zulu", "ZULU"],
    ["by row number (status order)", "1", "BRAVO"],
    ["a paused plan when named", "sleepy", "a_paused/SLEEPY"],
  ])("%s", async (_label, query, id) => {
    await using ws = await workspace();
    const r = choosePlanForNext(loadPlans(ws), query);
    expect(r.ok ? r.value.id : r.error.message).toBe(id);
  });

  test("the status order the row numbers refer to", async () => {
    await using ws = await workspace();
    expect(loadPlans(ws).map((p) => p.id)).toEqual(["BRAVO", "DONE", "EMPTY", "ZULU", "a_paused/SLEEPY", "team-a/TWIN", "team-b/TWIN"]);
  });

  test("an ambiguous name is an error that lists the candidates", async () => {
    await using ws = await workspace();
    const r = choosePlanForNext(loadPlans(ws), "@twin");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("EAMBIGUOUS");
    expect(r.error.message).toContain("team-a/TWIN, team-b/TWIN");
    expect(r.error.hint).toContain("plan id");
  });

  test("an unknown plan is ENOPLAN with a way to list them", async () => {
    await using ws = await workspace();
    const r = choosePlanForNext(loadPlans(ws), "nope");
    expect(r.ok ? null : [r.error.code, r.error.hint]).toEqual(["ENOPLAN", "run `plandash status` to list plan ids, names and row numbers"]);
  });

  test("without PLAN: the first plan in status order that is neither paused, complete nor empty", async () => {
    await using ws = await workspace();
    await ws.write("BRAVO/execution/feedbacks/APPROVED_11.md", "ok");
    await ws.write("BRAVO/execution/feedbacks/APPROVED_12.md", "ok");
    // BRAVO is now complete, DONE complete, EMPTY empty: ZULU comes before the paused and grouped plans.
    const r = choosePlanForNext(loadPlans(ws), undefined);
    expect(r.ok ? r.value.id : r.error.message).toBe("ZULU");
  });

  test("without PLAN and nothing left to do: ENOSTEP", async () => {
    await using ws = await tempWorkspace({
      DONE: planDir("DONE", { index: ["1.1 Only"], approved: ["11"] }),
      "paused/LATER": planDir("LATER", { index: ["1.1 Wait"] }),
    });
    const r = choosePlanForNext(loadPlans(ws), undefined);
    expect(r.ok ? null : r.error.code).toBe("ENOSTEP");
  });
});
