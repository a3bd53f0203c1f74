/** What the dashboard footer says about how current the data is (SPEC §4 "Freshness"). Pure. */
import type { BackendKind } from "./backend";

export interface EngineError {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  readonly at: number;
}

export interface PollStretch {
  /** Files (and folders) one poll check stats. */
  readonly files: number;
  /** What a check costs: the shortest of the last few. */
  readonly tickMs: number;
}

export interface Freshness {
  readonly backend: BackendKind;
  readonly intervalMs: number | null;
  /** Why this backend ("plans root is on nfs…", "fs.watch failed (ENOSPC)…"). */
  readonly reason: string;
  /** Filesystem type of the plans root, null when unknown. */
  readonly fsType: string | null;
  /** Set while the poll interval is stretched past pollInterval (SPEC §4 budget): what a check looks at and costs. */
  readonly stretch: PollStretch | null;
  /** The fs watcher failed and polling took over. */
  readonly watcherFailed: boolean;
  /** Last time the state was reconciled with the disk (any event batch, poll tick, safety net, refresh). */
  readonly lastUpdateAt: number | null;
  /** Last time a change was published. */
  readonly lastChangeAt: number | null;
  /** A full rescan (refresh, safety net) is running. */
  readonly scanning: boolean;
  /** The most recent error still in effect (scan failures, the root gone), else null. */
  readonly lastError: EngineError | null;
}

/** Why the data may be old, or null when it is current. */
export function staleDataReason(f: Freshness, nowMs: number, staleAfterMinutes: number): string | null {
  if (f.lastError !== null) return `${f.lastError.message} (${f.lastError.code})`;
  if (f.watcherFailed) return "the file watcher failed; polling instead";
  if (f.backend === "off" && (f.lastUpdateAt === null || nowMs - f.lastUpdateAt > staleAfterMinutes * 60_000)) {
    return `not refreshed for over ${staleAfterMinutes} min; press r`;
  }
  return null;
}

/** `250ms`, `1s`, `2.9s`: under a second in ms, else seconds to one decimal (a stretched interval is rarely round). */
export function formatInterval(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  return `${Number((ms / 1000).toFixed(1))}s`;
}

/** `● live` / `◌ polling every 1s (nfs)` / `○ manual` */
export function freshnessLabel(f: Freshness): string {
  if (f.backend === "fs") return "● live";
  if (f.backend === "off") return "○ manual";
  const every = f.intervalMs === null ? "" : ` every ${formatInterval(f.intervalMs)}`;
  const why = f.watcherFailed ? "watcher failed" : f.fsType !== null && f.reason.includes(f.fsType) ? f.fsType : null;
  // SPEC §4: a stretched interval says why, so a slow tree is not mistaken for a slow machine.
  const stretched = f.stretch === null ? null : `stretched: ${f.stretch.files.toLocaleString("en-US")} files`;
  const notes = [why, stretched].filter((n): n is string => n !== null);
  return `◌ polling${every}${notes.length === 0 ? "" : ` (${notes.join("; ")})`}`;
}
