/** Golden comparison of a status document against the corpus's expected-status.json. */
import * as fs from "node:fs";
import * as path from "node:path";
import { CORPUS_ROOT } from "./binary";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Projects `actual` onto the shape of `expected` (only the fields the golden file holds). */
export function project(expected: Json, actual: Json): Json {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return actual;
    return actual.map((a, i) => project(expected[i] ?? expected[0] ?? null, a));
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return actual;
    return Object.fromEntries(Object.keys(expected).map((k) => [k, project(expected[k] ?? null, actual[k] ?? null)]));
  }
  return actual;
}

export function firstDifference(expected: Json, actual: Json, at = "$"): string | null {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return null;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return `${at}: length ${actual.length}, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i] ?? null, actual[i] ?? null, `${at}[${i}]`);
      if (d !== null) return d;
    }
  }
  if (expected !== null && actual !== null && typeof expected === "object" && typeof actual === "object" && !Array.isArray(expected) && !Array.isArray(actual)) {
    for (const k of Object.keys(expected)) {
      const d = firstDifference(expected[k] ?? null, actual[k] ?? null, `${at}.${k}`);
      if (d !== null) return d;
    }
  }
  return `${at}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}


interface StatusLike {
  plans: { warnings: ({ code: string } | string)[] }[];
}

/** Null when `doc` matches the golden file on the fields it holds (warnings as sets of codes); else the first difference. */
export function goldenDifference(doc: unknown): string | null {
  const expected = JSON.parse(fs.readFileSync(path.join(CORPUS_ROOT, "expected-status.json"), "utf8")) as StatusLike;
  const codes = (ws: ({ code: string } | string)[]): string[] => [...new Set(ws.map((w) => (typeof w === "string" ? w : w.code)))].sort();
  const normalise = (d: StatusLike): StatusLike => ({ ...d, plans: d.plans.map((p) => ({ ...p, warnings: codes(p.warnings) })) });
  const wanted = normalise(expected) as unknown as Json;
  const actual = normalise(JSON.parse(JSON.stringify(doc)) as StatusLike) as unknown as Json;
  return firstDifference(wanted, project(wanted, actual));
}
