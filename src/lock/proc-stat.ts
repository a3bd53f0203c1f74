/**
 * Parse `/proc/<pid>/stat` (Linux, proc(5)). Pure: the reader is a port (`Proc.readProcStat`).
 *
 * Field 2 is the command name in parentheses, and the name itself may contain spaces and
 * parentheses (`1 (a) b (c)) S …`), so the fields after it are found by splitting after the
 * LAST `)`: what follows is field 3 (state) onwards, separated by single spaces.
 */
export interface ProcStat {
  /** Field 3: R, S, D, Z (zombie), T, t, X (dead), I… */
  readonly state: string;
  /** Field 22: start time of the process after boot, in clock ticks. */
  readonly startTime: number;
}

/** Field 22 is the 20th field after the name (fields 3…22). */
const START_TIME_INDEX = 22 - 3;

export function parseProcStat(text: string): ProcStat | null {
  const close = text.lastIndexOf(")");
  if (close < 0 || text.indexOf("(") < 0 || text.indexOf("(") > close) return null;
  const fields = text.slice(close + 1).trim().split(/\s+/);
  const state = fields[0];
  const start = fields[START_TIME_INDEX];
  if (state === undefined || !/^[A-Za-z]$/.test(state) || start === undefined || !/^\d+$/.test(start)) return null;
  const startTime = Number(start);
  return Number.isSafeInteger(startTime) ? { state, startTime } : null;
}

/** States that mean the process has exited and only waits to be reaped (or is being torn down). */
export function isExitedState(state: string): boolean {
  return state === "Z" || state === "X" || state === "x";
}

/** Field 4, the parent pid (0 for the kernel's own), or null when the text is not a stat line. */
export function parseParentPid(text: string): number | null {
  const close = text.lastIndexOf(")");
  if (close < 0 || text.indexOf("(") < 0 || text.indexOf("(") > close) return null;
  const ppid = text.slice(close + 1).trim().split(/\s+/)[1];
  return ppid !== undefined && /^\d+$/.test(ppid) ? Number(ppid) : null;
}
