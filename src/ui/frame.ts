/**
 * Frames to bytes. The first frame (and any after a resize or a handover) is drawn whole; after
 * that only the lines that differ are rewritten, each addressed absolutely, so a redraw after a
 * one-file change costs a few lines whatever the number of plans, and nothing ever scrolls.
 */
const CSI = "\x1b[";

export const SCREEN = {
  enterAlt: `${CSI}?1049h`,
  leaveAlt: `${CSI}?1049l`,
  hideCursor: `${CSI}?25l`,
  showCursor: `${CSI}?25h`,
  clear: `${CSI}H${CSI}2J`,
  /** Stop the terminal from wrapping at the right margin (DECAWM off / on). */
  noWrap: `${CSI}?7l`,
  wrap: `${CSI}?7h`,
  resetStyle: `${CSI}0m`,
} as const;

const lineAt = (row: number, text: string): string => `${CSI}${row + 1};1H${CSI}2K${text}${SCREEN.resetStyle}`;

/** Bytes that turn `previous` (null: unknown, draw all) into `next`. */
export function frameBytes(previous: readonly string[] | null, next: readonly string[]): string {
  let out = "";
  if (previous === null || previous.length !== next.length) {
    out += SCREEN.clear;
    for (let i = 0; i < next.length; i++) if (next[i] !== "") out += lineAt(i, next[i] as string);
    return out;
  }
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) out += lineAt(i, next[i] as string);
  return out;
}
