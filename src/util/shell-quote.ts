/**
 * Commands suggested in messages are meant to be pasted into a shell, so every word is quoted as
 * a POSIX shell reads it: plain words stay bare, anything else goes in single quotes.
 */

const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  // Inside single quotes nothing is special but the quote itself: close, escape it, reopen.
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `shellCommand("plandash", "next", "my plan")` → `plandash next 'my plan'`. */
export function shellCommand(...words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}
