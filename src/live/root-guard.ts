/**
 * Keeps an eye on the plans root itself. A watch is tied to a folder, not to a path: once the
 * root is deleted (or deleted and made again, `rm -rf R; mkdir R`, however fast) the watch is
 * dead, and Bun's recursive fs.watch does not always say so. The guard pins the folder it
 * watches (FsPort.pinDir) and tells the engine when the path no longer leads to it: on demand
 * (every event batch, poll tick and safety-net run), on a timer while on `fs`, and, while the
 * root is gone, by looking for it until a folder is there again.
 */
import type { Clock, DirPin, FsPort } from "../ports";
import { timerSlot } from "./timers";

export type RootState = "same" | "gone" | "replaced";

export interface RootGuard {
  /** Pins the folder now at the root's path; false when there is none. */
  pin(): boolean;
  /** The folder at the path against the pinned one ("gone" when nothing is pinned). */
  state(): RootState;
  /** Checks every `ms` (the first time after `firstMs`) until released; `onMoved` once the root is not the pinned folder. */
  checkEvery(ms: number, onMoved: (state: "gone" | "replaced") => void, firstMs?: number): void;
  /** Looks every `ms` until a folder is at the path, then calls `onBack` (which pins it again). */
  waitForRoot(ms: number, onBack: () => void): void;
  /** Unpins and stops every timer. Idempotent. */
  release(): void;
}

export function createRootGuard(fs: Pick<FsPort, "pinDir" | "statOrNull">, clock: Clock, root: string): RootGuard {
  let pinned: DirPin | null = null;
  const timer = timerSlot(clock);
  const state = (): RootState => (pinned === null ? "gone" : pinned.check());
  const release = (): void => {
    timer.clear();
    pinned?.close();
    pinned = null;
  };
  return {
    pin() {
      release();
      pinned = fs.pinDir(root);
      return pinned !== null;
    },
    state,
    checkEvery(ms, onMoved, firstMs = ms) {
      const tick = (): void => {
        const now = state();
        if (now === "same") timer.set(ms, tick);
        else onMoved(now);
      };
      timer.set(firstMs, tick);
    },
    waitForRoot(ms, onBack) {
      const look = (): void => {
        if (fs.statOrNull(root)?.kind === "dir") onBack();
        else timer.set(ms, look);
      };
      timer.set(ms, look);
    },
    release,
  };
}
