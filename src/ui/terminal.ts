/**
 * Owning the terminal: alternate screen, hidden cursor, no auto-wrap, raw mode — and giving all
 * of it back. `restore` is synchronous and idempotent so it can run from an exit hook, a signal,
 * or after a crash, and `suspend`/`resume` hand the real terminal to the editor or the agent.
 */
import type { TerminalPort } from "../ports";
import { SCREEN } from "./frame";

export interface ScreenSession {
  /** Takes the terminal (alternate screen, raw mode). */
  enter(): void;
  /** Gives it back; safe to call any number of times, from any exit path. */
  restore(): void;
  readonly active: boolean;
}

export function createScreenSession(term: TerminalPort): ScreenSession {
  let active = false;
  return {
    enter() {
      if (active) return;
      active = true;
      term.setRawMode(true);
      term.write(SCREEN.enterAlt + SCREEN.hideCursor + SCREEN.noWrap + SCREEN.clear);
    },
    restore() {
      if (!active) return;
      active = false;
      term.writeSync(SCREEN.resetStyle + SCREEN.wrap + SCREEN.showCursor + SCREEN.leaveAlt);
      try {
        term.setRawMode(false);
      } catch {
        // EIO/EBADF: the terminal is already gone (hang-up); there is nothing left to restore.
      }
    },
    get active() {
      return active;
    },
  };
}
