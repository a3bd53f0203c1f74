/**
 * `npm run bench`: every SPEC §10 figure, measured on generated workspaces (10, 100 and 1,000
 * plans × 20 achievements) with the compiled binary (built into bench/.work; dist/ is left
 * alone), printed as a table against the targets with the machine's facts, and written to
 * bench/results.json (the README's Measurements table is made from it: bench/readme-table.ts).
 *
 *   --repeat N        run everything N times; the table shows the median of each figure
 *   --quick           a short run (under a minute): up to 100 plans, few writes, short idle windows; a harness check
 *   --idle-seconds S  idle window of the CPU figures (default 60; 3 with --quick)
 *   --out FILE        where the JSON goes (default bench/results.json; with --quick bench/.work/results.quick.json)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { runColdBench, type ColdResults } from "./cold";
import { runDashboardBench, type DashboardResults } from "./dashboard";
import { generateWorkspace } from "./generate-workspace";
import { runLiveBench, type LiveResults } from "./live";
import { describeMachine, machineFacts, withLoadAtEnd } from "./machine";
import { medianOfRuns } from "./merge";
import { tableRows, type TableRow } from "./table";

const BENCH_DIR = import.meta.dir;
const WORK = path.join(BENCH_DIR, ".work");

const { values } = parseArgs({
  args: Bun.argv.slice(2),
  options: {
    quick: { type: "boolean", default: false },
    repeat: { type: "string", default: "1" },
    "idle-seconds": { type: "string" },
    out: { type: "string" },
  },
});
const quick = values.quick === true;
const repeat = Math.max(1, Number(values.repeat));
const idleSeconds = Number(values["idle-seconds"] ?? (quick ? 2 : 60));
const out = path.resolve(values.out ?? (quick ? path.join(WORK, "results.quick.json") : path.join(BENCH_DIR, "results.json")));
const started = performance.now();
const log = (s: string): void => console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${s}`);

export interface BenchRun {
  readonly cold: ColdResults;
  readonly live: LiveResults;
  readonly dashboard: DashboardResults;
}

function buildBinary(): string {
  if (process.env.PLANDASH_BIN !== undefined) return process.env.PLANDASH_BIN;
  const bin = path.join(WORK, "bin", "plandash");
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  // The flags of `npm run build`, read from package.json so the bench never measures another build.
  const script = (JSON.parse(fs.readFileSync(path.join(BENCH_DIR, "..", "package.json"), "utf8")) as { scripts: { build: string } }).scripts.build;
  const words = script.trim().split(/\s+/);
  const outAt = words.indexOf("--outfile");
  const flags = [...words.slice(2, outAt), ...words.slice(outAt + 2)];
  const build = Bun.spawnSync([process.execPath, "build", ...flags, "--outfile", bin], { cwd: path.join(BENCH_DIR, ".."), stdout: "pipe", stderr: "pipe" });
  if (build.exitCode !== 0) throw new Error(`build failed:\n${build.stderr.toString()}`);
  return bin;
}

/**
 * SPEC §10 sizes; `--quick` is a harness check whose figures mean little, so it stops at 100 plans
 * and a 2,000-file burst (writing 52,712 files, or deleting them, can take a minute on a busy machine).
 */
const SIZES = quick ? [10, 50, 100] : [10, 100, 1000];
const DASHBOARD_SIZES = quick ? [20, 100] : [50, 1000];

/** Pristine workspaces for every run: the live figures write into the largest one. */
function workspaces(dir: string): Record<string, { root: string; files: number }> {
  fs.rmSync(dir, { recursive: true, force: true });
  const roots: Record<string, { root: string; files: number }> = {};
  for (const plans of SIZES) roots[String(plans)] = generateWorkspace(path.join(dir, `ws-${plans}`), { plans, achievements: 20 });
  return roots;
}

async function runOnce(bin: string, index: number): Promise<BenchRun> {
  log(`— run ${index + 1} of ${repeat}: generating ${SIZES.join(", ")} plans × 20 achievements…`);
  const roots = workspaces(path.join(WORK, "ws"));
  const cold = runColdBench(bin, roots, { runs: quick ? 3 : 15, versionRuns: quick ? 5 : 30, log });
  const live = await runLiveBench(bin, {
    roots,
    large: String(SIZES[SIZES.length - 1]),
    writes: quick ? 20 : 200,
    pollWrites: quick ? 10 : 200,
    recomputeRepeats: quick ? 20 : 60,
    idleSeconds,
    settleMs: quick ? 1_000 : 3_000,
    burstRounds: quick ? 1 : 5,
    log,
  });
  const dashboard = await runDashboardBench(bin, path.join(WORK, "dashboard"), quick ? { idleSeconds: Math.min(idleSeconds, 2), writes: 5, settleMs: 1_000, sizes: DASHBOARD_SIZES, log } : { idleSeconds, log });
  return { cold, live, dashboard };
}

const machine = machineFacts(WORK);
fs.mkdirSync(WORK, { recursive: true });
const bin = buildBinary();
const runs: BenchRun[] = [];
for (let i = 0; i < repeat; i++) runs.push(await runOnce(bin, i));
const merged = medianOfRuns(runs);
const facts = withLoadAtEnd(machine);
const rows: TableRow[] = tableRows(merged);

const w0 = Math.max(...rows.map((r) => r.what.length));
const w1 = Math.max(...rows.map((r) => r.measured.length));
console.log(`plandash ${quick ? "quick " : ""}bench — ${repeat === 1 ? "one run" : `median of ${repeat} runs`} — ${describeMachine(facts)}`);
for (const r of rows) console.log(`${r.ok === null ? "    " : r.ok ? "ok  " : "MISS"}  ${r.what.padEnd(w0)}  ${r.measured.padEnd(w1)}  target ${r.target}`);

const results = {
  schema: "plandash.bench/1",
  measuredAt: new Date().toISOString(),
  mode: quick ? "quick" : "full",
  repeat,
  machine: facts,
  binary: { sizeMb: Math.round(fs.statSync(bin).size / 1024 ** 2) },
  table: rows,
  median: merged,
  runs,
};
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.error(`wrote ${path.relative(process.cwd(), out)}`);
fs.rmSync(path.join(WORK, "ws"), { recursive: true, force: true });
