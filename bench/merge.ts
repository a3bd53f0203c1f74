/**
 * Several runs of the bench as one: every number is the median of that number over the runs
 * (objects and arrays matched by key and position); anything else is taken from the last run.
 */
import { median, round } from "./stats";

function mergeValues(values: readonly unknown[]): unknown {
  const last = values[values.length - 1];
  if (values.every((v) => typeof v === "number")) {
    const m = median(values as number[]);
    return Number.isInteger(m) ? m : round(m, 3);
  }
  if (Array.isArray(last)) {
    if (!values.every((v) => Array.isArray(v) && v.length === last.length)) return last;
    return last.map((_, i) => mergeValues(values.map((v) => (v as unknown[])[i])));
  }
  if (last !== null && typeof last === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(last)) out[key] = mergeValues(values.map((v) => (v as Record<string, unknown> | null)?.[key]));
    return out;
  }
  return last;
}

export function medianOfRuns<T>(runs: readonly T[]): T {
  return mergeValues(runs) as T;
}
