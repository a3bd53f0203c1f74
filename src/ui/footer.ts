/**
 * The footer, always two lines (SPEC §4 "Freshness", §6): how the data stays current, when it
 * was last updated, a spinner while a scan runs, the lock, pending updates; then a warning when
 * the data may be old, the last action's result, or the key hint.
 */
import { sanitize } from "../core/sanitize";
import { freshnessLabel, staleDataReason } from "../live/freshness";
import { liveMessage, type AppState } from "./app-state";
import { holderWho } from "./lock-text";
import { clockTime } from "./time";
import type { Theme } from "./theme";
import { displayWidth, truncate } from "./truncate";

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const ASCII_SPINNER = ["|", "/", "-", "\\"];
export const SPINNER_FRAME_MS = 100;

function spinnerFrame(theme: Theme, now: number): string {
  const frames = theme.glyphs.ellipsis === "…" ? SPINNER : ASCII_SPINNER;
  return frames[Math.floor(now / SPINNER_FRAME_MS) % frames.length] as string;
}

export function lockText(state: AppState): string {
  if (state.lock.role === "holder") return "lock: this dashboard";
  if (state.lock.free) return "lock: free — press t to take it";
  return `read-only: lock held by ${holderWho(state.lock.holder)}`;
}

export function footerLines(state: AppState, theme: Theme): string[] {
  const width = state.size.cols;
  const f = state.freshness;
  const dot = ` ${theme.glyphs.dot} `;
  const parts = [
    // Not "● live" before the watcher is armed, which happens once the first read is done.
    state.loading === null ? freshnessLabel(f) : `starting${theme.glyphs.ellipsis}`,
    `Last updated ${f.lastUpdateAt === null ? "never" : clockTime(f.lastUpdateAt)}${f.scanning ? ` ${spinnerFrame(theme, state.now)}` : ""}`,
    lockText(state),
  ];
  if (state.pending) parts.push("updates pending");
  if (state.facts.demoDir !== null) parts.push(`demo in ${sanitize(state.facts.demoDir)}`);
  const first = truncate(parts.join(dot), width, theme.glyphs.ellipsis);

  const old = staleDataReason(f, state.now, state.facts.staleAfterMinutes);
  const second: string[] = [];
  if (old !== null) second.push(theme.warn(truncate(`${theme.glyphs.stale} data may be old: ${sanitize(old)}`, width, theme.glyphs.ellipsis)));
  const room = () => Math.max(0, width - (second.length === 0 ? 0 : displayWidth(second.join(dot)) + 3));
  const m = liveMessage(state);
  if (m !== null && room() > 8) {
    const paint = m.tone === "good" ? theme.good : m.tone === "warn" ? theme.warn : m.tone === "error" ? theme.error : (t: string) => t;
    second.push(paint(truncate(sanitize(m.text), room(), theme.glyphs.ellipsis)));
  } else if (state.warnings.length > 0 && room() > 8) {
    // The first warning is cut, not the count of the others: it says there is more to read.
    const more = state.warnings.length > 1 ? ` (+${state.warnings.length - 1} more)` : "";
    const first = `${theme.glyphs.stale} ${sanitize(state.warnings[0] as string)}`;
    const keep = room() - displayWidth(more) > 8;
    second.push(theme.warn(keep ? truncate(first, room() - displayWidth(more), theme.glyphs.ellipsis) + more : truncate(first + more, room(), theme.glyphs.ellipsis)));
  } else if (second.length === 0) {
    second.push(theme.muted(truncate(["? keys", "/ filter", "r refresh", "q quit"].join(dot), width, theme.glyphs.ellipsis)));
  }
  return [theme.muted(first), second.join(dot)];
}
