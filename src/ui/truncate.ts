/** Width-aware layout helpers: cut with an ellipsis, pad to a column. Never wrap. */

/** Display width in terminal cells (wide characters count 2, escape codes 0). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function displayWidth(text: string): number {
  // Most cells (ids, names, statuses) are plain ASCII: one cell per character, no table lookup.
  return PRINTABLE_ASCII.test(text) ? text.length : Bun.stringWidth(text);
}

/** Cuts `text` (plain, no escape codes) to at most `width` cells, ending with `ellipsis` when cut. */
export function truncate(text: string, width: number, ellipsis = "…"): string {
  if (width <= 0) return "";
  if (displayWidth(text) <= width) return text;
  const room = width - displayWidth(ellipsis);
  if (room <= 0) return ellipsis.slice(0, width);
  let out = "";
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > room) break;
    out += ch;
    used += w;
  }
  return out + ellipsis;
}

/** Pads plain text to exactly `width` cells, truncating when longer. */
export function fit(text: string, width: number, ellipsis = "…"): string {
  const cut = truncate(text, width, ellipsis);
  return cut + " ".repeat(Math.max(0, width - displayWidth(cut)));
}

// SGR and other CSI sequences, which take no cells.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]/g;

/**
 * The last guard before the terminal: a painted line wider than `width` (which the views never
 * produce on purpose) loses its colour and is cut, so it can never wrap.
 */
export function clipAnsi(line: string, width: number, ellipsis = "…"): string {
  if (displayWidth(line) <= width) return line;
  return truncate(line.replace(ANSI, ""), width, ellipsis);
}
