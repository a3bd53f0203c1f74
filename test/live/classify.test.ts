import { describe, expect, test } from "bun:test";
import { classifyHint, outermostScopes } from "../../src/live/classify";

const plans = new Set(["ALPHA", "grp/BETA", "ALPHA/nested"]);
const isPlan = (id: string) => plans.has(id);

describe("a hint path → the work it calls for", () => {
  test.each([
    ["ALPHA/execution/EXECUTION_TASK_ALPHA_11_01.md", { plan: "ALPHA", scope: null }],
    ["ALPHA/execution/feedbacks/APPROVED_11.md", { plan: "ALPHA", scope: null }],
    ["ALPHA/subplans", { plan: "ALPHA", scope: null }],
    ["ALPHA/parallel.json", { plan: "ALPHA", scope: null }],
    ["ALPHA/PLAN_ALPHA.md", { plan: "ALPHA", scope: "ALPHA" }],
    ["ALPHA", { plan: "ALPHA", scope: "ALPHA" }],
    ["ALPHA/newdir", { plan: "ALPHA", scope: "ALPHA/newdir" }],
    ["ALPHA/nested/execution/x.md", { plan: "ALPHA/nested", scope: null }],
    ["grp/BETA/subplans/SUBPLAN_BETA_11.md", { plan: "grp/BETA", scope: null }],
    ["NEW", { plan: null, scope: "NEW" }],
    ["NEW/PLAN_NEW.md", { plan: null, scope: "NEW" }],
    ["grp", { plan: null, scope: "grp" }],
    ["a/b/c/d/PLAN_D.md", { plan: null, scope: null }],
    ["", { plan: null, scope: "." }],
    ["PLAN_ROOT.md", { plan: null, scope: "." }],
  ])("%s", (p, expected) => {
    expect(classifyHint(p, isPlan, 3)).toEqual(expected);
  });

  test.each([".plandash/dashboard.lock", "ALPHA/.PLAN_ALPHA.md.swp", "node_modules/x/PLAN_X.md", "ALPHA/documentation/notes.md"])("%s is ignored", (p) => {
    expect(classifyHint(p, isPlan, 3)).toBeNull();
  });

  test("scopes inside other scopes are dropped", () => {
    expect(outermostScopes(["a/b", "a", "c/d", "c/d/e"]).sort()).toEqual(["a", "c/d"]);
    expect(outermostScopes(["a", "."])).toEqual(["."]);
  });
});
