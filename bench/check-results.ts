/**
 * The CI harness check of `npm run bench -- --quick` (issue 13): the results file has the machine
 * facts and one complete row for every SPEC §10 figure. No timing is judged here; a figure that
 * could not be measured (NaN, a missing key) fails it. Usage: bun bench/check-results.ts FILE
 */
import * as fs from "node:fs";
import type { TableRow } from "./table";

const MACHINE_KEYS = ["cores", "cpu", "kernel", "platform", "bun", "filesystem", "memoryGb", "loadAtStart", "loadAtEnd"];
const FIXED_ROWS = ["version", "latency-fs", "latency-poll", "burst", "recompute", "idle-fs", "idle-poll"];
const DASHBOARD_ROWS = ["start", "latency", "bytes", "idle"];

export function problemsOf(results: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (results.schema !== "plandash.bench/1") problems.push(`schema is ${JSON.stringify(results.schema)}, not "plandash.bench/1"`);
  const machine = (results.machine ?? {}) as Record<string, unknown>;
  for (const key of MACHINE_KEYS) if (!(key in machine)) problems.push(`machine.${key} is missing`);
  const median = (results.median ?? {}) as { cold?: { status?: Record<string, unknown> }; dashboard?: { sizes?: { plans: number }[] } };
  const statusSizes = Object.keys(median.cold?.status ?? {});
  const dashboardSizes = (median.dashboard?.sizes ?? []).map((d) => d.plans);
  if (statusSizes.length < 3) problems.push(`cold status was measured at ${statusSizes.length} sizes, not 3`);
  if (dashboardSizes.length < 2) problems.push(`the dashboard was measured at ${dashboardSizes.length} sizes, not 2`);
  const wanted = [...FIXED_ROWS, ...statusSizes.map((p) => `status-${p}`), ...dashboardSizes.flatMap((p) => DASHBOARD_ROWS.map((r) => `dashboard-${p}-${r}`))];
  const rows = new Map(((results.table ?? []) as TableRow[]).map((r) => [r.key, r] as const));
  for (const key of wanted) {
    const row = rows.get(key);
    if (row === undefined) problems.push(`no row ${key}`);
    else if (typeof row.what !== "string" || typeof row.measured !== "string" || typeof row.target !== "string" || !(row.ok === null || typeof row.ok === "boolean")) problems.push(`row ${key} is incomplete`);
    else if (/NaN|undefined|Infinity/.test(row.measured)) problems.push(`row ${key} has a figure that was not measured: ${row.measured}`);
  }
  return problems;
}

if (import.meta.main) {
  const file = Bun.argv[2];
  if (file === undefined) {
    console.error("usage: bun bench/check-results.ts FILE");
    process.exit(2);
  }
  const problems = problemsOf(JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>);
  for (const p of problems) console.error(`bench results: ${p}`);
  console.log(problems.length === 0 ? `bench results: every figure present (${file})` : `bench results: ${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
