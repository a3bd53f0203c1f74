/** Pure: workspace state + width → the plans table (SPEC §3.1 human form). Cells are sanitized by the table. */
import { sanitize } from "../core/sanitize";
import type { Plan, WorkspaceState } from "../core/types";
import { renderTable, type Column } from "./table";
import type { Theme } from "./theme";

export const BAR_WIDTH = 10;

interface Row {
  readonly index: number;
  readonly plan: Plan;
}

/** Blanks where the bar goes (painted later), then a/t. */
function progressText(plan: Plan): string {
  return `${" ".repeat(BAR_WIDTH)} ${plan.progress.approved}/${plan.progress.total}`;
}

export function nextText(plan: Plan): string {
  return plan.next === null ? "—" : `${plan.next.step} ${plan.next.achievement}`;
}

export function groupText(plan: Plan, theme: Theme): string {
  const parts = [plan.group, plan.paused ? `${theme.glyphs.paused} paused` : ""].filter((p) => p !== "");
  return parts.join(" ");
}

export function planColumns(theme: Theme): Column<Row>[] {
  return [
    { header: "#", cell: (r) => String(r.index + 1), align: "right" },
    { header: "PLAN", cell: (r) => r.plan.name, min: 8, paint: (t) => theme.strong(t) },
    { header: "GROUP", cell: (r) => groupText(r.plan, theme), min: 5, max: 24, dropOrder: 2 },
    {
      header: "PROGRESS",
      cell: (r) => progressText(r.plan),
      dropOrder: 1,
      // The bar is drawn over the reserved blanks so its glyphs never count twice toward width.
      paint: (t, r) => theme.bar(r.plan.progress.approved, r.plan.progress.total, BAR_WIDTH) + t.slice(BAR_WIDTH),
    },
    { header: "NEXT", cell: (r) => nextText(r.plan), min: 6, dropOrder: 3 },
    { header: "STATUS", cell: (r) => r.plan.status, paint: (t, r) => theme.status(r.plan.status, t) },
  ];
}

export function viewWorkspace(state: WorkspaceState, width: number, theme: Theme): string[] {
  if (state.plans.length === 0) return [theme.muted(sanitize(`No plans under ${state.root}`, theme.unicode))];
  const rows = state.plans.map((plan, index) => ({ index, plan }));
  return renderTable(planColumns(theme), rows, { width, ellipsis: theme.glyphs.ellipsis, unicode: theme.unicode, headerPaint: theme.muted });
}
