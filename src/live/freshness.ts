/** What the dashboard footer says about how current the data is (SPEC §4 "Freshness"). Pure. */
import type { BackendKind } from "./backend";

export interface EngineError {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  readonly at: number;
}

export interface Freshness {
  readonly backend: BackendKind;
  readonly intervalMs: number | null;
  /** Why this backend ("plans root is on nfs…", "fs.watch failed (ENOSPC)…"). */
  readonly reason: string;
  /** Filesystem type of the plans root, null when unknown. */
  readonly fsType: string | null;
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

/** `● live` / `◌ polling every 1s (nfs)` / `○ manual` */
export function freshnessLabel(f: Freshness): string {
  if (f.backend === "fs") return "● live";
  if (f.backend === "off") return "○ manual";
  const every = f.intervalMs === null ? "" : f.intervalMs % 1000 === 0 ? ` every ${f.intervalMs / 1000}s` : ` every ${f.intervalMs}ms`;
  const why = f.watcherFailed ? " (watcher failed)" : f.fsType !== null && f.reason.includes(f.fsType) ? ` (${f.fsType})` : "";
  return `◌ polling${every}${why}`;
}
