/**
 * SPEC §3.1: text taken from files reaches a terminal only through here, so a plan name, a
 * title or a path can never clear the screen, retitle the window or set the clipboard (OSC 52).
 * C0 controls but tab, DEL and C1 become a visible form; JSON output does not need this step.
 */

/** U+2400 "Control Pictures" map C0 one to one (ESC → ␛); DEL has ␡. */
const CONTROL_PICTURES = 0x2400;
const DEL_PICTURE = "\u2421";

// C0 except tab (0x09), DEL, C1. Newlines are controls too in a single line of text.
const LINE_CONTROLS = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;
const BLOCK_CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

function visible(ch: string, unicode: boolean): string {
  const code = ch.charCodeAt(0);
  if (!unicode || code >= 0x80) return `\\x${code.toString(16).padStart(2, "0")}`;
  return code === 0x7f ? DEL_PICTURE : String.fromCharCode(CONTROL_PICTURES + code);
}

/** One line of text for a terminal: every control character (newlines too) made visible. */
export function sanitize(text: string, unicode = true): string {
  return text.replace(LINE_CONTROLS, (ch) => visible(ch, unicode));
}

/** Several lines (a prompt, a note): keeps LF line breaks, makes every other control visible. */
export function sanitizeBlock(text: string, unicode = true): string {
  return text.replace(/\r\n/g, "\n").replace(BLOCK_CONTROLS, (ch) => visible(ch, unicode));
}
