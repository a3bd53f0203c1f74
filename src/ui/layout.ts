/**
 * How many rows each part of a screen gets. The reducer needs the list's height to keep the
 * selection inside the viewport, the renderers need all of them; both ask here, so they agree.
 */
import type { Plan } from "../core/types";
import type { AppState, Screen } from "./app-state";

export const FOOTER_ROWS = 2;
export const MAX_PLAN_WARNINGS_SHOWN = 2;
export const MENU_ITEMS = 8;

export interface Layout {
  /** Lines above the list (titles, summary, banner, blank, table header). */
  readonly head: number;
  /** Rows of the list / scrolled text. */
  readonly body: number;
  /** Lines below the list, before the footer (recent changes; extras and menu on the plan screen). */
  readonly tail: number;
  readonly recent: number;
  readonly extras: number;
  /** 0: no menu; 1: a compact one-line menu; else a title + one line per action. */
  readonly menu: number;
}

/** Below this many rows the screens drop their blank lines and the plan summary is one line, so rows stay for the list. */
export const COMPACT_BELOW_ROWS = 16;

export function summaryRows(rows: number): number {
  return rows >= COMPACT_BELOW_ROWS ? 4 : 1;
}

export function gapRows(rows: number): number {
  return rows >= COMPACT_BELOW_ROWS ? 1 : 0;
}

export function bannerRows(state: AppState): number {
  return state.lock.role === "read-only" ? 1 : 0;
}

export function recentRows(rows: number): number {
  if (rows >= 20) return 4;
  if (rows >= 14) return 2;
  return 0;
}

export function extrasRows(plan: Plan | undefined): number {
  if (plan === undefined) return 0;
  const ready = plan.parallel !== null && plan.parallel.ready.length > 0 ? 1 : 0;
  const warnings = plan.warnings.length === 0 ? 0 : Math.min(plan.warnings.length, MAX_PLAN_WARNINGS_SHOWN) + (plan.warnings.length > MAX_PLAN_WARNINGS_SHOWN ? 1 : 0);
  return ready + warnings;
}

export function menuRows(rows: number): number {
  if (rows >= 30) return MENU_ITEMS + 1;
  if (rows >= 12) return 1;
  return 0;
}

function fit(rows: number, head: number, tail: number): number {
  return Math.max(1, rows - head - tail - FOOTER_ROWS);
}

export function layoutOf(state: AppState, screen: Screen): Layout {
  const rows = state.size.rows;
  const banner = bannerRows(state);
  switch (screen.kind) {
    case "workspace": {
      const head = 1 + banner + gapRows(rows) + 1;
      const recent = recentRows(rows);
      return { head, body: fit(rows, head, recent), tail: recent, recent, extras: 0, menu: 0 };
    }
    case "plan": {
      const plan = state.data.plans.find((p) => p.id === screen.planId);
      const head = summaryRows(rows) + banner + gapRows(rows) + 1;
      const extras = rows >= COMPACT_BELOW_ROWS ? extrasRows(plan) : 0;
      const menu = menuRows(rows);
      const tail = extras + menu + (extras + menu > 0 ? 1 : 0);
      return { head, body: fit(rows, head, tail), tail, recent: 0, extras, menu };
    }
    case "prompt":
    case "help": {
      const head = 1 + banner + 1;
      return { head, body: fit(rows, head, 0), tail: 0, recent: 0, extras: 0, menu: 0 };
    }
  }
}
