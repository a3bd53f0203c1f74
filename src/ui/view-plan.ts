/**
 * Pure: one plan + width → its summary, achievements table, parallel set and warnings. Every
 * line is sanitized before colour is added (SPEC §3.1): names, titles and warnings come from files.
 */
import { sanitize } from "../core/sanitize";
import type { Achievement, Plan } from "../core/types";
import { renderTable, type Column } from "./table";
import type { Theme } from "./theme";
import { truncate } from "./truncate";
import { BAR_WIDTH, groupText, nextText } from "./view-workspace";

/** S = subplan, E<n> = executions, A / F / R = approved, fix, fix resolution. */
export function markersText(a: Achievement): string {
  const parts: string[] = [];
  if (a.subplan !== null) parts.push("S");
  if (a.executions.length > 0) parts.push(`E${a.executions.length}`);
  if (a.feedback.approved !== null) parts.push("A");
  if (a.feedback.fix !== null) parts.push("F");
  if (a.feedback.resolution !== null) parts.push("R");
  return parts.join(" ");
}

/** Sanitized, then cut to the width. */
function cutter(width: number, theme: Theme): (text: string) => string {
  return (text) => truncate(sanitize(text, theme.unicode), width, theme.glyphs.ellipsis);
}

export function viewPlanSummary(plan: Plan, width: number, theme: Theme): string[] {
  const cut = cutter(width, theme);
  const c = plan.counts;
  const group = groupText(plan, theme);
  return [
    theme.strong(cut(group === "" ? plan.name : `${plan.name}  ${group}`)),
    `${theme.bar(plan.progress.approved, plan.progress.total, BAR_WIDTH)} ${plan.progress.approved}/${plan.progress.total} (${plan.progress.percent}%)  ${theme.status(plan.status)}`,
    cut(
      `approved ${c.approved} · needs-fix ${c["needs-fix"]} · awaiting-review ${c["awaiting-review"]} · in-progress ${c["in-progress"]} · planned ${c.planned} · not-started ${c["not-started"]}`,
    ),
    cut(`next: ${nextText(plan)}${plan.next === null ? "" : ` — ${plan.next.title}`}`),
  ];
}

export function achievementColumns(plan: Plan, theme: Theme, selectedId: string | null = null): Column<Achievement>[] {
  const nextId = plan.next?.achievement ?? null;
  const g = theme.glyphs;
  return [
    {
      // ▶ and ⚠ side by side: the next achievement may itself be stale (issue 9 item 11).
      header: " ",
      cell: (a: Achievement) => `${a.id === nextId ? g.next : " "}${a.stale ? g.stale : ""}`,
      paint: (t, a) => (a.stale ? t.replace(g.stale, theme.warn(g.stale)) : t),
    },
    { header: "ID", cell: (a) => a.id },
    { header: "TITLE", cell: (a) => a.title, min: 8, paint: (t, a) => (a.id === selectedId ? theme.highlight(t) : t) },
    { header: "STATUS", cell: (a) => (a.stale ? `${a.status} (stale)` : a.status), paint: (t, a) => theme.status(a.status, t) },
    { header: "FILES", cell: (a) => markersText(a), dropOrder: 1 },
  ];
}

export function viewAchievements(plan: Plan, width: number, theme: Theme, selectedId: string | null = null): string[] {
  return renderTable(achievementColumns(plan, theme, selectedId), plan.achievements, {
    width,
    ellipsis: theme.glyphs.ellipsis,
    unicode: theme.unicode,
    headerPaint: theme.muted,
  });
}

export function viewPlanExtras(plan: Plan, width: number, theme: Theme): string[] {
  const cut = cutter(width, theme);
  const lines: string[] = [];
  if (plan.parallel !== null && plan.parallel.ready.length > 0) lines.push(cut(`ready in parallel: ${plan.parallel.ready.join(", ")}`));
  for (const w of plan.warnings) lines.push(theme.warn(cut(`warning ${w.code}: ${w.message}${w.file === undefined ? "" : ` (${w.file})`}`)));
  return lines;
}

export function viewPlan(plan: Plan, width: number, theme: Theme): string[] {
  const achievements = plan.achievements.length === 0 ? [theme.muted("No achievements defined.")] : viewAchievements(plan, width, theme);
  const extras = viewPlanExtras(plan, width, theme);
  return [...viewPlanSummary(plan, width, theme), "", ...achievements, ...(extras.length === 0 ? [] : ["", ...extras])];
}
