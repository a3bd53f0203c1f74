/** Pure: workspace state + width → the plans table (SPEC §3.1 human form). Cells are sanitized by the table. */
import { sanitize } from "../core/sanitize";
import type { Plan, WorkspaceState } from "../core/types";
import { renderTable, type Column } from "./table";
import type { Theme } from "./theme";
import { displayWidth } from "./truncate";

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

/** SPEC §2.1 stale work, which `status --check` fails on. */
export function hasStaleWork(plan: Plan): boolean {
  return plan.achievements.some((a) => a.stale);
}

function pausedLabel(theme: Theme): string {
  return `${theme.glyphs.paused} paused`;
}

/** The paused mark comes first, so a narrow GROUP column cuts the group, never the mark. */
export function groupText(plan: Plan, theme: Theme): string {
  const parts = [plan.paused ? pausedLabel(theme) : "", plan.group].filter((p) => p !== "");
  return parts.join(` ${theme.glyphs.dot} `);
}

/**
 * What --check sees stays visible at any width (issue 9 item 11): the ⚠ of stale work leads the
 * PLAN cell, which shrinks but is never dropped; GROUP keeps room for "⏸ paused" and is dropped
 * only after PROGRESS and NEXT. `marks`: some plan is stale, so every name leaves room for the ⚠.
 */
export function planColumns(theme: Theme, marks = false): Column<Row>[] {
  const g = theme.glyphs;
  const mark = `${g.stale} `;
  return [
    { header: "#", cell: (r) => String(r.index + 1), align: "right" },
    {
      header: "PLAN",
      cell: (r) => (!marks ? r.plan.name : `${hasStaleWork(r.plan) ? mark : " ".repeat(displayWidth(mark))}${r.plan.name}`),
      min: 8,
      paint: (t) => (t.startsWith(mark) ? theme.warn(g.stale) + " " + theme.strong(t.slice(mark.length)) : theme.strong(t)),
    },
    // +1 leaves room for the ellipsis after the whole "⏸ paused".
    { header: "GROUP", cell: (r) => groupText(r.plan, theme), min: displayWidth(pausedLabel(theme)) + 1, max: 28, dropOrder: 3 },
    {
      header: "PROGRESS",
      cell: (r) => progressText(r.plan),
      dropOrder: 1,
      // The bar is drawn over the reserved blanks so its glyphs never count twice toward width.
      paint: (t, r) => theme.bar(r.plan.progress.approved, r.plan.progress.total, BAR_WIDTH) + t.slice(BAR_WIDTH),
    },
    { header: "NEXT", cell: (r) => nextText(r.plan), min: 6, dropOrder: 2 },
    { header: "STATUS", cell: (r) => r.plan.status, paint: (t, r) => theme.status(r.plan.status, t) },
  ];
}

export function viewWorkspace(state: WorkspaceState, width: number, theme: Theme): string[] {
  if (state.plans.length === 0) return [theme.muted(sanitize(`No plans under ${state.root}`, theme.unicode))];
  const rows = state.plans.map((plan, index) => ({ index, plan }));
  return renderTable(planColumns(theme, state.plans.some(hasStaleWork)), rows, {
    width,
    ellipsis: theme.glyphs.ellipsis,
    unicode: theme.unicode,
    headerPaint: theme.muted,
  });
}
