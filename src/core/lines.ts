/** Line-level reading shared by every markdown rule: fenced code and header fields. */

export interface Line {
  /** 0-based line number in the document. */
  readonly index: number;
  readonly text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The lines of a document that are outside fenced code blocks (SPEC §1.3). A fence closes only
 * with the same character and at least the same length, as in CommonMark; an unclosed fence
 * runs to the end of the document.
 */
export function linesOutsideFences(text: string): Line[] {
  const out: Line[] = [];
  const all = text.split(/\r?\n/);
  let open: { char: string; length: number } | null = null;
  for (let index = 0; index < all.length; index++) {
    const line = all[index] ?? "";
    const fence = FENCE.exec(line);
    if (open === null) {
      if (fence !== null) {
        const run = fence[1] ?? "";
        open = { char: run[0] ?? "`", length: run.length };
        continue;
      }
      out.push({ index, text: line });
    } else if (fence !== null) {
      const run = fence[1] ?? "";
      const rest = line.slice(fence[0].length);
      if (run[0] === open.char && run.length >= open.length && rest.trim() === "") open = null;
    }
  }
  return out;
}

export const HEADER_LINES = 40;

const STATUS_FIELD = /^[^\S\r\n]*\*\*Status(?:\*\*:|:\*\*)(.*)$/m;

/**
 * SPEC §1.4: the value after the first line of the first 40 (trimmed) that starts with
 * `**Status**:` or `**Status:**`; null when there is none. One regex pass over the text, then a
 * count of the line breaks before the match: this runs for every EXECUTION_TASK on every scan.
 */
export function headerStatus(text: string): string | null {
  const match = STATUS_FIELD.exec(text);
  if (match === null) return null;
  let breaks = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < match.index; i = text.indexOf("\n", i + 1)) {
    breaks += 1;
    if (breaks >= HEADER_LINES) return null;
  }
  return (match[1] ?? "").trim();
}
