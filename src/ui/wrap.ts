/** Soft-wrapping of plain text that we lay out ourselves (the prompt view), by display width. */
import { displayWidth } from "./truncate";

/** Each line of `text` cut into pieces of at most `width` cells, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  const w = Math.max(1, width);
  for (const line of text.split("\n")) {
    if (displayWidth(line) <= w) {
      out.push(line);
      continue;
    }
    let rest = line;
    while (displayWidth(rest) > w) {
      let cut = 0;
      let used = 0;
      let lastSpace = -1;
      for (const ch of rest) {
        const cw = displayWidth(ch);
        if (used + cw > w) break;
        used += cw;
        cut += ch.length;
        if (ch === " ") lastSpace = cut;
      }
      const at = lastSpace > 0 ? lastSpace : Math.max(cut, 1);
      out.push(rest.slice(0, at).trimEnd());
      rest = rest.slice(at);
    }
    out.push(rest);
  }
  return out;
}
