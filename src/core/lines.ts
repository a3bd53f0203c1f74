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
  forEachLineOutsideFences(text, (line, index) => {
    out.push({ index, text: line });
    return true;
  });
  return out;
}

/**
 * The same lines, one at a time, until `visit` returns false: a reader that needs only the top of
 * a document (the Achievement Index) stops there instead of scanning a long plan to its end.
 */
export function forEachLineOutsideFences(text: string, visit: (line: string, index: number) => boolean): void {
  const all = text.split(LINE_END);
  let open: { char: string; length: number } | null = null;
  for (let index = 0; index < all.length; index++) {
    const line = all[index] ?? "";
    // A fence starts with ``` or ~~~ after at most three spaces: most lines are ruled out by their first character.
    const first = line.charCodeAt(line.startsWith(" ") ? line.search(/[^ ]|$/) : 0);
    const fence = first === 96 || first === 126 ? FENCE.exec(line) : null;
    if (open === null) {
      if (fence !== null) {
        const run = fence[1] ?? "";
        open = { char: run[0] ?? "`", length: run.length };
        continue;
      }
      if (!visit(line, index)) return;
    } else if (fence !== null) {
      const run = fence[1] ?? "";
      const rest = line.slice(fence[0].length);
      if (run[0] === open.char && run.length >= open.length && rest.trim() === "") open = null;
    }
  }
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
  // Each "**Status" is looked at on its own line, found by indexOf, not by walking every character.
  for (let at = text.indexOf("**Status"); at >= 0; at = text.indexOf("**Status", at + 1)) {
    const start = Math.max(text.lastIndexOf("\n", at), text.lastIndexOf("\r", at)) + 1;
    if (lineNumber(text, start) >= HEADER_LINES) return null;
    const end = lineEnd(text, at);
    const prefix = STATUS_PREFIX.exec(text.slice(start, end));
    if (prefix !== null) return text.slice(start + prefix[0].length, end).trim();
  }
  return null;
}

/** Index of the first CR or LF at or after `from`, or the text's length. */
function lineEnd(text: string, from: number): number {
  const lf = text.indexOf("\n", from);
  const cr = text.indexOf("\r", from);
  if (lf < 0) return cr < 0 ? text.length : cr;
  return cr < 0 ? lf : Math.min(lf, cr);
}

/** 0-based number of the line that starts at `start` (CRLF, CR and LF each end one line). */
function lineNumber(text: string, start: number): number {
  let n = 0;
  for (let i = 0; i < start; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}
