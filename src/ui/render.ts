/**
 * One frame: exactly `rows` lines, none wider than `cols`, for whatever screen is on top. Pure:
 * (state, theme) → lines. frame.ts turns the difference between two frames into bytes.
 */
import { sanitize } from "../core/sanitize";
import { currentScreen, type AppState, type Screen } from "./app-state";
import { footerLines } from "./footer";
import { NO_CACHE, type RenderCache } from "./render-cache";
import { holderWhoSince } from "./lock-text";
import { gapRows, layoutOf, summaryRows, type Layout } from "./layout";
import { planOf, textLines } from "./reduce";
import { planBody, planExtras, planHead, planMenu } from "./screen-plan";
import { recentLines, workspaceBody, workspaceTitle } from "./screen-workspace";
import type { Theme } from "./theme";
import { clipAnsi, truncate } from "./truncate";

export function bannerLine(state: AppState, theme: Theme): string[] {
  if (state.lock.role !== "read-only") return [];
  const text = state.lock.free
    ? "READ-ONLY — the lock is free now: press t to take it and turn actions on"
    : `READ-ONLY — ${holderWhoSince(state.lock.holder, state.now)} holds the lock; actions are off (quit it, or restart with --takeover)`;
  return [theme.warn(truncate(text, state.size.cols, theme.glyphs.ellipsis))];
}

/** Pads or cuts `lines` to exactly `n`. */
function exactly(lines: readonly string[], n: number): string[] {
  const out = lines.slice(0, n);
  while (out.length < n) out.push("");
  return out;
}

function textScreen(state: AppState, screen: Screen & { readonly top: number }, title: string, layout: Layout, theme: Theme): string[] {
  const lines = textLines(state, screen);
  const shown = lines.slice(screen.top, screen.top + layout.body);
  const more = lines.length > layout.body ? `  (${screen.top + 1}–${Math.min(lines.length, screen.top + layout.body)} of ${lines.length}; ↑/↓ scroll)` : "";
  return [theme.strong(truncate(title + more, state.size.cols, theme.glyphs.ellipsis)), ...bannerLine(state, theme), "", ...exactly(shown, layout.body)];
}

function screenLines(state: AppState, theme: Theme, cache: RenderCache): string[] {
  const screen = currentScreen(state);
  const layout = layoutOf(state, screen);
  switch (screen.kind) {
    case "workspace":
      return [
        workspaceTitle(state, theme, cache),
        ...bannerLine(state, theme),
        ...(gapRows(state.size.rows) === 0 ? [] : [""]),
        ...exactly(workspaceBody(state, screen.cursor, layout, theme, cache), layout.body + 1),
        ...exactly(recentLines(state, layout, theme), layout.recent),
      ];
    case "plan": {
      const plan = planOf(state, screen.planId);
      if (plan === undefined) return [theme.muted("This plan is gone.")];
      const a = plan.achievements.find((x) => x.id === screen.cursor.id);
      const tail = [...(layout.extras === 0 ? [] : planExtras(plan, state, theme)), ...planMenu(plan, a, layout, state, theme)];
      return [
        ...planHead(plan, state, theme, summaryRows(state.size.rows)),
        ...bannerLine(state, theme),
        ...(gapRows(state.size.rows) === 0 ? [] : [""]),
        ...exactly(planBody(plan, screen.cursor, layout, state, theme), layout.body + 1),
        ...(tail.length === 0 ? [] : ["", ...tail]),
      ];
    }
    case "prompt": {
      const plan = planOf(state, screen.planId);
      const title = `Next step: ${sanitize(plan?.name ?? screen.planId)} ${screen.achievementId} — ${screen.step}   c copy · x run agent · q back`;
      return textScreen(state, screen, title, layout, theme);
    }
    case "help":
      return textScreen(state, screen, "Keys   (q or Esc: back)", layout, theme);
  }
}

/** `cache`: what the dashboard may reuse between frames of the same data (render-cache.ts). */
export function renderFrame(state: AppState, theme: Theme, cache: RenderCache = NO_CACHE): string[] {
  const { rows, cols } = state.size;
  const footer = footerLines(state, theme);
  const body = exactly(screenLines(state, theme, cache), Math.max(0, rows - footer.length));
  return [...body, ...footer].slice(0, rows).map((line) => clipAnsi(line, cols));
}
