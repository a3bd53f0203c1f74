/**
 * The characters plandash refuses in a path it writes (actions/writer.ts), and so in a plan's
 * id and name, which every new document's path is built from. One rule for both, so a plan that
 * cannot be written to is warned about when it is read (`unsafe-name`), not refused later.
 */

// C0 controls (a newline, an escape), DEL and C1: legal in Linux names, but they would reach
// terminals and shells through every path plandash prints.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why plandash will not write a path holding `text`, or null when it is fine. */
export function unsafeNameReason(text: string): string | null {
  if (text.includes("\\")) return "a backslash";
  const control = CONTROL.exec(text);
  if (control !== null) return `a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")})`;
  return null;
}
