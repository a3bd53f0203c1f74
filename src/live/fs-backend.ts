/**
 * The `fs` backend: ONE recursive fs.watch on the plans root (plus one per folder reached
 * through a symlink, which a recursive watch does not follow). Every event becomes a path hint;
 * an event without a name (the root itself changed) asks for a check. Errors are failures: the
 * engine falls back to polling.
 */
import { joinRel } from "../core/plan";
import type { Clock, FsPort, WatcherHandle } from "../ports";
import { failureOf, type BackendFailure, type BackendHandlers, type LinkedDir, type WatchBackend } from "./backend";

/** Errors that mean "out of watch resources": the whole backend is no longer trustworthy. */
const RESOURCE_ERRORS = new Set(["ENOSPC", "EMFILE", "ENFILE", "EPERM", "EACCES"]);

export function createFsBackend(root: string, fs: Pick<FsPort, "watchTree">): WatchBackend {
  let handlers: BackendHandlers | null = null;
  let main: WatcherHandle | null = null;
  const linked = new Map<string, { rel: string; handle: WatcherHandle }>();
  let stopped: Promise<void> | null = null;
  let failed = false;

  const fail = (error: unknown): void => {
    if (failed || stopped !== null || handlers === null) return;
    failed = true;
    handlers.onFailure(failureOf(error));
  };

  const closeQuietly = (handle: WatcherHandle): void => {
    try {
      handle.close();
    } catch {
      // Closing a watcher whose folder is gone may throw ENOENT; it is closed either way.
    }
  };

  return {
    kind: "fs",
    intervalMs: null,
    start(h) {
      handlers = h;
      main = fs.watchTree(root, (name) => {
        if (stopped !== null || failed) return;
        h.onHint(name === null ? { kind: "check" } : { kind: "path", path: name });
      });
      main.on("error", fail);
    },
    setLinkedDirs(dirs: readonly LinkedDir[]) {
      if (handlers === null || stopped !== null || failed) return;
      const h = handlers;
      const wanted = new Map(dirs.map((d) => [d.abs, d.rel] as const));
      for (const [abs, w] of linked) {
        if (wanted.get(abs) !== w.rel) {
          closeQuietly(w.handle);
          linked.delete(abs);
        }
      }
      for (const [abs, rel] of wanted) {
        if (linked.has(abs)) continue;
        try {
          const handle = fs.watchTree(abs, (name) => {
            if (stopped === null && !failed) h.onHint({ kind: "path", path: name === null ? rel : joinRel(rel, name) });
          });
          handle.on("error", (error) => {
            if (RESOURCE_ERRORS.has(failureOf(error).code)) fail(error);
            else h.onHint({ kind: "path", path: rel });
          });
          linked.set(abs, { rel, handle });
        } catch (error) {
          // ENOENT: the link's target vanished meanwhile; the scan that follows the hint sees it.
          if (RESOURCE_ERRORS.has(failureOf(error).code)) fail(error);
          else h.onHint({ kind: "path", path: rel });
        }
      }
    },
    stop() {
      if (stopped === null) {
        if (main !== null) closeQuietly(main);
        for (const w of linked.values()) closeQuietly(w.handle);
        linked.clear();
        stopped = Promise.resolve();
      }
      return stopped;
    },
  };
}

/** How long `tryFsWatch` holds its watch: Bun reports a subfolder it could not watch (ENOSPC) just after the start. */
export const WATCH_TRIAL_MS = 50;

/**
 * What the fs backend would meet on `root` (for `doctor`): a watch is started and held for a
 * moment, so a failure reported right after the start counts as it does for `watch`.
 */
export async function tryFsWatch(fs: Pick<FsPort, "watchTree">, clock: Clock, root: string): Promise<BackendFailure | null> {
  let failure: BackendFailure | null = null;
  let handle: WatcherHandle;
  try {
    handle = fs.watchTree(root, () => {});
  } catch (error) {
    return failureOf(error);
  }
  handle.on("error", (error) => {
    failure ??= failureOf(error);
  });
  await new Promise<void>((resolve) => clock.setTimeout(resolve, WATCH_TRIAL_MS));
  try {
    handle.close();
  } catch {
    // Closing a watch whose folder is gone may throw ENOENT; it is closed either way.
  }
  return failure;
}
