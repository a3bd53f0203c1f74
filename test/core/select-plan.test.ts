import { expect, test } from "bun:test";
import { selectPlan } from "../../src/core/select-plan";
import type { Plan } from "../../src/core/types";

const plan = (id: string, name: string) => ({ id, name }) as unknown as Plan;
const plans = [plan("ALPHA", "ALPHA"), plan("team/BETA", "BETA"), plan("old/BETA", "BETA"), plan("x/Gamma", "Gamma")];

test.each([
  ["ALPHA", "ALPHA"],
  ["alpha", "ALPHA"],
  ["@alpha", "ALPHA"],
  ["team/BETA", "team/BETA"],
  ["@GAMMA", "x/Gamma"],
  ["1", "ALPHA"],
  ["4", "x/Gamma"],
])("%p selects %p", (query, id) => {
  const r = selectPlan(plans, query);
  expect(r.ok && r.value.id).toBe(id);
});

test("an ambiguous name lists the candidates", () => {
  const r = selectPlan(plans, "@beta");
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe("EAMBIGUOUS");
    expect(r.error.message).toContain("team/BETA, old/BETA");
  }
});

test("a number that is both a row and a plan's name is ambiguous, listing both", () => {
  const withNumberName = [...plans, plan("zz/3", "3")];
  const r = selectPlan(withNumberName, "3");
  expect(!r.ok && r.error.code).toBe("EAMBIGUOUS");
  if (!r.ok) expect(r.error.message).toContain("old/BETA (row 3), zz/3");
  const byId = selectPlan(withNumberName, "zz/3");
  expect(byId.ok && byId.value.id).toBe("zz/3");
});

test("no match and an out-of-range row are ENOPLAN", () => {
  for (const q of ["nope", "9", "0"]) {
    const r = selectPlan(plans, q);
    expect(!r.ok && r.error.code).toBe("ENOPLAN");
  }
});
