/**
 * What is on the terminal, and how to change it: the last frame drawn, the bytes to turn it into
 * the next one, the footer alone while a prompt owns the rows above it, and forgetting it all when
 * something else drew (a prompt, the editor, a resize, Ctrl-L).
 */
import { frameBytes } from "./frame";
import { FOOTER_ROWS } from "./layout";

export interface Painter {
  paint(next: readonly string[]): void;
  /** Only the footer rows, the cursor left where the prompt has it. */
  paintFooter(next: readonly string[]): void;
  /** The next paint draws everything. */
  invalidate(): void;
}

export function createPainter(write: (bytes: string) => void): Painter {
  let frame: readonly string[] | null = null;
  return {
    paint(next) {
      const bytes = frameBytes(frame, next);
      if (bytes !== "") write(bytes);
      frame = next;
    },
    paintFooter(next) {
      if (frame === null || frame.length !== next.length) return;
      let bytes = "";
      for (let i = next.length - FOOTER_ROWS; i < next.length; i++) {
        if (frame[i] !== next[i]) bytes += `\x1b[${i + 1};1H\x1b[2K${next[i]}\x1b[0m`;
      }
      if (bytes === "") return;
      // Save and restore the cursor: the prompt's input goes on where it was.
      write(`\x1b7${bytes}\x1b8`);
      frame = [...frame.slice(0, next.length - FOOTER_ROWS), ...next.slice(next.length - FOOTER_ROWS)];
    },
    invalidate() {
      frame = null;
    },
  };
}
