/** SPEC §1.2: whether a plan is paused, from its id and its plan file's header status. */

// "paused" as a word: not glued to an ASCII letter or digit, so `a_paused` and `paused-2025`
// count but `UNPAUSED-FEATURE` and `PAUSEDETECTION` do not (`_` and `-` are separators here).
const PAUSED_WORD = /(?<![A-Za-z0-9])paused(?![A-Za-z0-9])/i;
const NOT_PAUSED = /(?<![A-Za-z0-9])not\s+paused(?![A-Za-z0-9])/i;

export function isPaused(planId: string, headerStatus: string | null): boolean {
  const segments = planId === "." ? [] : planId.split("/");
  if (segments.some((s) => PAUSED_WORD.test(s))) return true;
  if (headerStatus === null) return false;
  return (PAUSED_WORD.test(headerStatus) || headerStatus.includes("⏸")) && !NOT_PAUSED.test(headerStatus);
}
