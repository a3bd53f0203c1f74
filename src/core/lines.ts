/** Line-level reading shared by every markdown rule: fenced code and header fields. */

export interface Line {
  /** 0-based line number in the document. */
  readonly index: number;
  readonly text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * SPEC §1.3: a line ends at LF, CRLF or a lone CR (as in CommonMark) and nowhere else. Regexes
 * with the `m` flag or `.` must not decide this: JS also treats U+2028/U+2029 as line ends there.
 */
const LINE_END = /\r\n|\r|\n/;

/**
 * The lines of a document that are outside fenced code blocks (SPEC §1.3). A fence closes only
 * with the same character and at least the same length, as in CommonMark; an unclosed fence
 * runs to the end of the document.
 */
export function linesOutsideFences(text: string): Line[] {
  const out: Line[] = [];
  const all = text.split(LINE_END);
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

const STATUS_PREFIX = /^[^\S\r\n]*\*\*Status(?:\*\*:|:\*\*)/;

/**
 * SPEC §1.4: the value after the first line of the first 40 (trimmed) that starts with
 * `**Status**:` or `**Status:**`; null when there is none. This runs for every EXECUTION_TASK on
 * every scan, so a text without the field is rejected with one indexOf, and only the first 40
 * lines are ever cut out.
 */
export function headerStatus(text: string): string | null {
  if (!text.includes("**Status")) return null;
  let start = 0;
  for (let line = 0; line < HEADER_LINES; line++) {
    const end = lineEnd(text, start);
    const prefix = STATUS_PREFIX.exec(text.slice(start, end));
    if (prefix !== null) return text.slice(start + prefix[0].length, end).trim();
    if (end >= text.length) return null;
    start = end + (text.startsWith("\r\n", end) ? 2 : 1);
  }
  return null;
}

/** Index of the first CR or LF at or after `from`, or the text's length. */
function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}
