/** "1 plan", "2 plans": a count and its noun agree, in every message and view. */
export function countOf(n: number, noun: string, plural = noun.endsWith("ch") || noun.endsWith("s") ? `${noun}es` : `${noun}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : plural}`;
}
