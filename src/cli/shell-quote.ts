/**
 * A word as a POSIX shell reads it back: as-is when it holds only safe characters, else in single
 * quotes (a `'` inside becomes `'\''`). For commands plandash suggests (`plandash next 'my plan'`).
 * Written here because no shared helper existed yet; one helper should remain when branches meet.
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
