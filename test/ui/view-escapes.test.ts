/** SPEC §3.1: the pure views sanitize every piece of file text, so the dashboard gets it for free. */
import { expect, test } from "bun:test";
import { createTheme } from "../../src/ui/theme";
import { viewPlan } from "../../src/ui/view-plan";
import { viewWorkspace } from "../../src/ui/view-workspace";
import { stateOf, viewPlanOf } from "./plans";

const EVIL = "EVIL\x1b[2J\x1b]0;TITLE\x07";
const plan = viewPlanOf({
  id: `grp\x1b[31m/${EVIL}`,
  name: EVIL,
  index: ["1.1 Clip\x1b]52;c;aGk=\x07 me", "1.2 Del\x7f and C1\x9b2J"],
  subplans: ["SUBPLAN_X_11.md"],
  executions: { "EXECUTION_TASK_\x1b]0;orphan\x07_99_01.md": ["In Progress", 0] },
});
const controls = (lines: readonly string[]): string[] =>
  lines.flatMap((l) => [...l.replace(/\x1b\[[0-9;]*m/g, "").matchAll(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/g)].map(() => JSON.stringify(l)));

test.each([[40], [80], [120]])("at %p columns the plans table and the plan view carry no control character from files", (width) => {
  for (const colors of [false, true]) {
    const theme = createTheme(colors);
    expect(controls(viewWorkspace(stateOf([plan], "/plans/\x1b]0;root\x07"), width, theme))).toEqual([]);
    expect(controls(viewPlan(plan, width, theme))).toEqual([]);
    expect(controls(viewWorkspace(stateOf([], "/plans/\x1b]0;root\x07"), width, theme))).toEqual([]);
  }
});

test("names, titles, groups and warnings show the visible form", () => {
  const theme = createTheme(false);
  const table = viewWorkspace(stateOf([plan]), 160, theme).join("\n");
  expect(table).toContain("EVIL␛[2J␛]0;TITLE␇");
  expect(table).toContain("grp␛[31m");
  const view = viewPlan(plan, 200, theme).join("\n");
  expect(view).toContain("Clip␛]52;c;aGk=␇ me");
  expect(view).toContain("Del␡ and C1\\x9b2J");
  expect(view).toMatch(/warning orphan-file: .*␛]0;orphan␇/);
});

test("an ASCII terminal gets the \\xNN form", () => {
  const view = viewPlan(plan, 200, createTheme(false, false)).join("\n");
  expect(view).toContain("Clip\\x1b]52;c;aGk=\\x07 me");
});
