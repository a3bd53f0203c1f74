/**
 * The workspace screen (SPEC §6): a title with the counts by status, the plans table as a
 * viewport (only the visible rows are laid out, so 1,000 plans cost what 10 do), the recent
 * changes strip. Pure: state + theme → lines.
 */
import { sanitize } from "../core/sanitize";
import type { Plan, PlanStatus } from "../core/types";
import { CHANGE_MARK_MS, type AppState, type Cursor } from "./app-state";
import type { Layout } from "./layout";
import { visiblePlans } from "./reduce";
import { clockTime } from "./time";
import { NO_CACHE, type RenderCache } from "./render-cache";
import { contentWidths, renderTable, type Column } from "./table";
import type { Theme } from "./theme";
import { truncate } from "./truncate";
import { hasStaleWork, planColumns } from "./view-workspace";

const NEXT_FLOOR = "continue-execution 1.10".length;
const STATUS_FLOOR = "needs-attention".length;

const STATUS_ORDER: readonly PlanStatus[] = ["needs-attention", "awaiting-review", "in-progress", "ready", "complete", "empty"];

export function workspaceTitle(state: AppState, theme: Theme, cache: RenderCache = NO_CACHE): string {
  const plans = state.data.plans;
  if (state.loading !== null) {
    // The first screenful is shown while the rest is read: counts would be of that screenful only.
    const reading = `plandash  reading ${state.loading} ${state.loading === 1 ? "plan" : "plans"}${theme.glyphs.ellipsis}`;
    return theme.strong(truncate(`${reading}  ${sanitize(state.data.root)}`, state.size.cols, theme.glyphs.ellipsis));
  }
  const counts = cache.memo(plans, "counts", () => STATUS_ORDER.map((s) => [s, plans.filter((p) => p.status === s).length] as const).filter(([, n]) => n > 0));
  const shown = visibleOf(state, cache).length;
  // The root goes last: it is the longest part and the one a narrow screen can best lose.
  const parts = [
    `plandash  ${plans.length} ${plans.length === 1 ? "plan" : "plans"}`,
    state.filter === "" ? "" : `filter "${sanitize(state.filter)}": ${shown} of ${plans.length}`,
    counts.map(([s, n]) => `${n} ${s}`).join(` ${theme.glyphs.dot} `),
    sanitize(state.data.root),
  ];
  return theme.strong(truncate(parts.filter((p) => p !== "").join("  "), state.size.cols, theme.glyphs.ellipsis));
}

interface Row {
  readonly index: number;
  readonly plan: Plan;
  readonly selected: boolean;
  readonly changed: boolean;
}

/** `›` marks the selection (readable without colour), `•` a row changed in the last seconds. */
export function markerColumn<R extends { readonly selected: boolean; readonly changed?: boolean }>(theme: Theme): Column<R> {
  const select = theme.glyphs.ellipsis === "…" ? "›" : ">";
  const changed = theme.glyphs.ellipsis === "…" ? "•" : "*";
  return {
    header: "  ",
    cell: (r) => `${r.selected ? select : " "}${r.changed === true ? changed : " "}`,
    paint: (t, r) => (r.changed === true ? theme.good(t) : t),
  };
}

export function viewportRows<T>(items: readonly T[], cursor: Cursor, height: number): { start: number; rows: readonly T[] } {
  const start = Math.max(0, Math.min(cursor.top, Math.max(0, items.length - height)));
  return { start, rows: items.slice(start, start + height) };
}

function visibleOf(state: AppState, cache: RenderCache): readonly Plan[] {
  return cache.memo(state.data.plans, `visible\0${state.filter}`, () => visiblePlans(state));
}

export function workspaceBody(state: AppState, cursor: Cursor, layout: Layout, theme: Theme, cache: RenderCache = NO_CACHE): string[] {
  const plans = visibleOf(state, cache);
  if (plans.length === 0) {
    const why = state.filter === "" ? `No plans under ${sanitize(state.data.root)}` : `No plan matches "${sanitize(state.filter)}" — Esc clears the filter`;
    return ["", theme.muted(truncate(why, state.size.cols, theme.glyphs.ellipsis))];
  }
  const { start, rows } = viewportRows(plans, cursor, layout.body);
  const table: Row[] = rows.map((plan, i) => ({
    index: start + i,
    plan,
    selected: plan.id === cursor.id,
    changed: state.now - (state.changedAt.get(plan.id) ?? Number.NEGATIVE_INFINITY) < CHANGE_MARK_MS,
  }));
  // The selected plan's name is also inverted when colour is on.
  const columns: Column<Row>[] = [
    markerColumn<Row>(theme),
    ...planColumns(theme, cache.memo(state.data.plans, "marks", () => state.data.plans.some(hasStaleWork))).map((c): Column<Row> => {
      if (c.header === "PLAN") return { ...c, paint: (t, r) => (r.selected ? theme.highlight(t) : theme.strong(t)) };
      // Room for any step and status, so one plan moving on does not shift every row.
      if (c.header === "NEXT") return { ...c, floor: NEXT_FLOOR };
      if (c.header === "STATUS") return { ...c, floor: STATUS_FLOOR };
      return c;
    }),
  ];
  // Widths over the whole list, measured once per data change: a frame costs the rows it draws.
  const widths = cache.memo(state.data.plans, `widths\0${state.filter}`, () =>
    contentWidths(columns, plans.map((plan, index): Row => ({ index, plan, selected: false, changed: false })), theme.unicode),
  );
  return renderTable(columns, table, { width: state.size.cols, ellipsis: theme.glyphs.ellipsis, headerPaint: theme.muted, contentWidths: widths });
}

export function recentLines(state: AppState, layout: Layout, theme: Theme): string[] {
  if (layout.recent === 0) return [];
  const width = state.size.cols;
  const shown = state.recent.slice(0, layout.recent - 1);
  const lines = [theme.muted(truncate(shown.length === 0 ? "Recent changes: none yet — they appear here as files change" : "Recent changes", width, theme.glyphs.ellipsis))];
  for (const r of shown) lines.push(truncate(`${clockTime(r.at)}  ${sanitize(r.text)}`, width, theme.glyphs.ellipsis));
  return lines;
}
