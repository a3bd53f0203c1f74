/**
 * The plan screen (SPEC §6): summary, the achievements table as a viewport with the selection
 * marked, ready-in-parallel and warnings, and the action menu for the selected achievement —
 * every action, the ones that do not apply shown disabled with the reason. Pure.
 */
import { actionAvailability } from "../actions/availability";
import { sanitize } from "../core/sanitize";
import type { Achievement, Plan } from "../core/types";
import type { AppState, Cursor } from "./app-state";
import { ACTION_BINDINGS } from "./keys";
import { MAX_PLAN_WARNINGS_SHOWN, type Layout } from "./layout";
import { readOnlyReason } from "./reduce";
import { markerColumn, viewportRows } from "./screen-workspace";
import { mapColumns, renderTable, type Column } from "./table";
import type { Theme } from "./theme";
import { shellCommand } from "../util/shell-quote";
import { truncate } from "./truncate";
import { achievementColumns, viewPlanSummary } from "./view-plan";


const MENU_LABEL_WIDTH = Math.max(...ACTION_BINDINGS.map((b) => b.help.length));

interface Row {
  readonly a: Achievement;
  readonly selected: boolean;
}

/** The summary in `rows` lines: the full four, or one (name, bar, status) on a short terminal. */
export function planHead(plan: Plan, state: AppState, theme: Theme, rows: number): string[] {
  const lines = viewPlanSummary(plan, state.size.cols, theme);
  if (rows >= lines.length) return lines;
  return [`${lines[0] ?? ""}  ${lines[1] ?? ""}`];
}

export function planBody(plan: Plan, cursor: Cursor, layout: Layout, state: AppState, theme: Theme): string[] {
  if (plan.achievements.length === 0) return ["", theme.muted("No achievements defined.")];
  const { rows } = viewportRows(plan.achievements, cursor, layout.body);
  const columns: Column<Row>[] = [
    markerColumn<Row>(theme),
    ...mapColumns<Achievement, Row>(achievementColumns(plan, theme, cursor.id), (r) => r.a),
  ];
  return renderTable(
    columns,
    rows.map((a) => ({ a, selected: a.id === cursor.id })),
    { width: state.size.cols, ellipsis: theme.glyphs.ellipsis, headerPaint: theme.muted, measure: plan.achievements.map((a) => ({ a, selected: false })) },
  );
}

export function planExtras(plan: Plan, state: AppState, theme: Theme): string[] {
  const width = state.size.cols;
  const cut = (s: string): string => truncate(s, width, theme.glyphs.ellipsis);
  const lines: string[] = [];
  if (plan.parallel !== null && plan.parallel.ready.length > 0) lines.push(cut(`ready in parallel: ${plan.parallel.ready.join(", ")}`));
  for (const w of plan.warnings.slice(0, MAX_PLAN_WARNINGS_SHOWN)) {
    lines.push(theme.warn(cut(`${theme.glyphs.stale} ${w.code}: ${sanitize(w.message)}${w.file === undefined ? "" : ` (${sanitize(w.file)})`}`)));
  }
  if (plan.warnings.length > MAX_PLAN_WARNINGS_SHOWN) lines.push(theme.muted(cut(`…and ${plan.warnings.length - MAX_PLAN_WARNINGS_SHOWN} more warnings (${shellCommand("plandash", "status", plan.id, "--json")})`)));
  return lines;
}

export function planMenu(plan: Plan, a: Achievement | undefined, layout: Layout, state: AppState, theme: Theme): string[] {
  if (layout.menu === 0) return [];
  const width = state.size.cols;
  const cut = (s: string): string => truncate(s, width, theme.glyphs.ellipsis);
  if (a === undefined) return [theme.muted(cut("Actions: select an achievement"))];
  const facts = { readOnly: readOnlyReason(state), hasAgentCommand: state.facts.hasAgentCommand };
  const available = actionAvailability(plan, a, facts, state.now);
  if (layout.menu === 1) {
    const items = ACTION_BINDINGS.map((b) => (available[b.action.kind] === null ? `${b.label} ${b.action.short}` : `(${b.label} ${b.action.short})`));
    return [cut(`${a.id}: ${items.join(" ")}  Enter: menu`)];
  }
  const lines = [theme.muted(cut(`Actions for ${a.id} ${sanitize(a.title)} (Enter opens them as a menu)`))];
  for (const b of ACTION_BINDINGS) {
    const reason = available[b.action.kind];
    const text = `  ${b.label}  ${reason === null ? b.help : `${b.help.padEnd(MENU_LABEL_WIDTH)} — ${reason}`}`;
    lines.push(reason === null ? cut(text) : theme.muted(cut(text)));
  }
  return lines;
}
