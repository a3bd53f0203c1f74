/**
 * Raw terminal input → key names. Pure: a chunk of what the terminal sent in raw mode gives the
 * keys in it. Printable characters are their own name ("q", "?", "7"); the rest are named
 * ("up", "pagedown", "enter", "escape", "ctrl-c"). Unknown escape sequences are dropped whole,
 * so a key we do not know never types garbage into anything.
 */

const SEQUENCES: Readonly<Record<string, string>> = {
  "[A": "up",
  "[B": "down",
  "[C": "right",
  "[D": "left",
  OA: "up",
  OB: "down",
  OC: "right",
  OD: "left",
  "[H": "home",
  "[F": "end",
  OH: "home",
  OF: "end",
  "[1~": "home",
  "[7~": "home",
  "[4~": "end",
  "[8~": "end",
  "[5~": "pageup",
  "[6~": "pagedown",
  "[3~": "delete",
  "[Z": "shift-tab",
};

const CONTROLS: Readonly<Record<string, string>> = {
  "\r": "enter",
  "\n": "enter",
  "\t": "tab",
  "\x7f": "backspace",
  "\b": "backspace",
  "\x03": "ctrl-c",
  "\x04": "ctrl-d",
  "\x0c": "ctrl-l",
};

// CSI (ESC [ params final) or SS3 (ESC O x).
const ESCAPE_SEQUENCE = /^\x1b(\[[0-?]*[ -/]*[@-~]|O[@-~])/;

export function decodeKeys(chunk: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < chunk.length) {
    const ch = chunk[i] as string;
    if (ch === "\x1b") {
      const m = ESCAPE_SEQUENCE.exec(chunk.slice(i));
      if (m !== null) {
        const name = SEQUENCES[(m[1] as string).replace(/^\[1;\d+([A-DFH])$/, "[$1")];
        if (name !== undefined) keys.push(name);
        i += m[0].length;
        continue;
      }
      // A lone ESC, or ESC before a key (Alt+key): Esc either way.
      keys.push("escape");
      i += 1;
      continue;
    }
    const control = CONTROLS[ch];
    if (control !== undefined) {
      // CR LF from a paste is one Enter.
      if (ch === "\r" && chunk[i + 1] === "\n") i++;
      keys.push(control);
      i++;
      continue;
    }
    const code = ch.codePointAt(0) as number;
    const char = String.fromCodePoint(code);
    if (code >= 0x20) keys.push(char);
    i += char.length;
  }
  return keys;
}
