/**
 * What every watch backend is: something that, once started, reports hints ("something under
 * this path may have changed") until stopped. Hints are never trusted as facts: the store
 * re-reads what they point at (SPEC §4 "Reconcile, don't trust events").
 */

export type BackendKind = "fs" | "poll" | "off";

export type ChangeHint =
  /** Something at or under `path` (relative to the plans root, `/`-separated; "." the root) may have changed. */
  | { readonly kind: "path"; readonly path: string }
  /** The backend cannot say where: compare every plan's stat signature (poll ticks, the safety net). */
  | { readonly kind: "check" }
  /** The plans root itself vanished or was replaced. */
  | { readonly kind: "root" };

export interface BackendFailure {
  /** OS code (ENOSPC, EMFILE, EPERM…) or EWATCH when there is none. */
  readonly code: string;
  readonly message: string;
}

export interface BackendHandlers {
  onHint(hint: ChangeHint): void;
  /** The backend can no longer be trusted; the engine replaces it. */
  onFailure(failure: BackendFailure): void;
}

export interface WatchBackend {
  readonly kind: BackendKind;
  readonly intervalMs: number | null;
  /** Throws (with an OS `code`) when the backend cannot start. */
  start(handlers: BackendHandlers): void;
  /** Extra directories to watch, e.g. plan folders reached through a symlink (the fs backend does not follow links). */
  setLinkedDirs?(dirs: readonly LinkedDir[]): void;
  /** Idempotent. */
  stop(): Promise<void>;
}

export interface LinkedDir {
  /** Absolute path through the link. */
  readonly abs: string;
  /** The same folder relative to the plans root. */
  readonly rel: string;
}

export function failureOf(error: unknown): BackendFailure {
  const code = typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string" ? (error as { code: string }).code : "EWATCH";
  const message = error instanceof Error ? error.message : String(error);
  return { code, message };
}
