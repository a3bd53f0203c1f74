/** Achievement ids, keys and the one ordering every list in plandash uses (SPEC §1.2, §1.3). */

export const ACHIEVEMENT_ID_PATTERN = /^\d+(?:\.\d+)+$/;

/** `2.3` → `23`, `3.5.1` → `351`: files refer to achievements by key. */
export function achievementKey(id: string): string {
  // A global regex: twice as fast as replaceAll(".", "") in JSC, and this runs for every achievement.
  return id.replace(ALL_DOTS, "");
}

const ALL_DOTS = /\./g;

/** Numeric, part by part: `1.2 < 1.10 < 2.1`, `1.1 < 1.1.1`. */
export function compareAchievementIds(a: string, b: string): number {
  const pa = a.split(".");
  const pb = b.split(".");
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const diff = compareDigitRuns(pa[i] ?? "", pb[i] ?? "");
    if (diff !== 0) return diff;
  }
  return pa.length - pb.length;
}

function compareDigitRuns(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, "");
  const y = b.replace(/^0+(?=\d)/, "");
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const CHUNK = /\d+|\D+/g;

/**
 * Case-insensitive natural order: runs of digits compare as numbers, everything else by code
 * point (not locale order, so `_` sorts after `-`). Ties fall back to the exact text so the
 * order is total.
 */
export function naturalCompare(a: string, b: string): number {
  const ca = a.toLowerCase().match(CHUNK) ?? [];
  const cb = b.toLowerCase().match(CHUNK) ?? [];
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const x = ca[i] ?? "";
    const y = cb[i] ?? "";
    const xDigits = /^\d/.test(x);
    const yDigits = /^\d/.test(y);
    const diff = xDigits && yDigits ? compareDigitRuns(x, y) : compareCodePoints(x, y);
    if (diff !== 0) return diff;
  }
  if (ca.length !== cb.length) return ca.length - cb.length;
  return compareCodePoints(a, b);
}

/** SPEC §1.2: group (`""` first), then name. */
export function comparePlans(a: { group: string; name: string; id: string }, b: { group: string; name: string; id: string }): number {
  if (a.group !== b.group) {
    if (a.group === "") return -1;
    if (b.group === "") return 1;
    const g = naturalCompare(a.group, b.group);
    if (g !== 0) return g;
  }
  const n = naturalCompare(a.name, b.name);
  return n !== 0 ? n : compareCodePoints(a.id, b.id);
}
