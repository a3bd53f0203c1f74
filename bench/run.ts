/**
 * `npm run bench`: builds the binary into bench/.work (dist/ is left alone), runs the
 * measurements, prints a table against the SPEC §10 targets and merges the figures into
 * bench/results.json. `--idle-seconds N` shortens the idle window for a quick look.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { runDashboardBench } from "./dashboard";
import { runLiveBench } from "./live";

const BENCH_DIR = import.meta.dir;
const WORK = path.join(BENCH_DIR, ".work");
const RESULTS = path.join(BENCH_DIR, "results.json");

const { values } = parseArgs({ args: Bun.argv.slice(2), options: { "idle-seconds": { type: "string", default: "60" } } });

function buildBinary(): string {
  if (process.env.PLANDASH_BIN !== undefined) return process.env.PLANDASH_BIN;
  const out = path.join(WORK, "bin", "plandash");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const build = Bun.spawnSync(
    [process.execPath, "build", "src/main.ts", "--compile", "--splitting", "--minify", "--bytecode", "--format=esm", "--no-compile-autoload-dotenv", "--no-compile-autoload-bunfig", "--outfile", out],
    { cwd: path.join(BENCH_DIR, ".."), stdout: "pipe", stderr: "pipe" },
  );
  if (build.exitCode !== 0) throw new Error(`build failed:\n${build.stderr.toString()}`);
  return out;
}

const bin = buildBinary();
const live = await runLiveBench(bin, path.join(WORK, "live"), { idleSeconds: Number(values["idle-seconds"]), log: (s) => console.error(s) });

const rows: [string, string, string, boolean][] = [
  ["write → watch line, fs: p50 / p99", `${live.latencyFs.p50Ms} / ${live.latencyFs.p99Ms} ms (missed ${live.latencyFs.missed})`, "≤ 15 / ≤ 50 ms", live.latencyFs.p50Ms <= 15 && live.latencyFs.p99Ms <= 50 && live.latencyFs.missed === 0],
  ["write → watch line, poll 1 s: p50 / p99", `${live.latencyPoll.p50Ms} / ${live.latencyPoll.p99Ms} ms (missed ${live.latencyPoll.missed})`, "p99 ≤ 1100 ms", live.latencyPoll.p99Ms <= 1100 && live.latencyPoll.missed === 0],
  ["10,000-file burst: settle after last write", live.burst.settleMs === null ? "never" : `${live.burst.settleMs} ms (writes took ${live.burst.writeMs} ms)`, "≤ 1000 ms", live.burst.settleMs !== null && live.burst.settleMs <= 1000],
  ["burst: changes per plan (max / mean; max per window)", `${live.burst.changesPerPlanMax} / ${live.burst.changesPerPlanMean}; ${live.burst.maxChangesPerPlanPerWindow} per ${live.burst.debounceMs} ms`, "≤ 1 per window", live.burst.maxChangesPerPlanPerWindow <= 1],
  ["one-file recompute CPU, 1,000 plans (p50 / p95)", `${live.recompute.cpuMsP50} / ${live.recompute.cpuMsP95} ms`, "≤ 2 ms", live.recompute.cpuMsP50 <= 2],
  ["one-file recompute CPU, 100 plans (p50)", `${live.recompute.plans100CpuMsP50} ms`, "same as 1,000", true],
  ["idle fs: CPU / RSS", `${live.idle.fs.cpuPercent} % / ${live.idle.fs.rssMbMax} MB over ${live.idle.fs.seconds} s`, "≤ 1 % / ≤ 150 MB", live.idle.fs.cpuPercent <= 1 && live.idle.fs.rssMbMax <= 150],
  ["idle poll 1 s: CPU / RSS", `${live.idle.poll.cpuPercent} % / ${live.idle.poll.rssMbMax} MB over ${live.idle.poll.seconds} s`, "≤ 5 % / ≤ 150 MB", live.idle.poll.cpuPercent <= 5 && live.idle.poll.rssMbMax <= 150],
];
const dashboard = await runDashboardBench(bin, path.join(WORK, "dashboard"), { idleSeconds: Number(values["idle-seconds"]), log: (s) => console.error(s) });
const screenful = dashboard.terminal.cols * dashboard.terminal.rows;
for (const d of dashboard.sizes) {
  rows.push(
    [`dashboard ${d.plans} plans: start → first full screen`, `${d.startMs} ms`, "≤ 400 ms (1,000 plans)", d.plans < 1000 || d.startMs <= 400],
    [`dashboard ${d.plans} plans: write → changed screen p50 / p99`, `${d.latencyP50Ms} / ${d.latencyP99Ms} ms (missed ${d.missed})`, "p50 ≤ 50 ms", d.latencyP50Ms <= 50 && d.missed === 0],
    [`dashboard ${d.plans} plans: bytes per redraw p50 / max`, `${d.bytesPerRedrawP50} / ${d.bytesPerRedrawMax} B (first frame ${d.firstFrameBytes} B)`, `flat, ≤ one screenful (${dashboard.terminal.cols}×${dashboard.terminal.rows})`, d.bytesPerRedrawMax <= Math.max(screenful, d.firstFrameBytes)],
    [`dashboard ${d.plans} plans: idle CPU`, `${d.idleCpuPercent} % over ${d.idleSeconds} s`, "≤ 1 %", d.idleCpuPercent <= 1],
  );
}
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`live updates — ${live.workspace.plans} plans × ${live.workspace.achievements} achievements, ${live.workspace.files} files`);
for (const [what, value, target, ok] of rows) console.log(`${ok ? "ok  " : "MISS"}  ${what.padEnd(w0)}  ${value.padEnd(w1)}  target ${target}`);

let existing: Record<string, unknown> = {};
try {
  existing = JSON.parse(fs.readFileSync(RESULTS, "utf8"));
} catch {
  // ENOENT or not JSON yet: start a fresh results file.
}
fs.writeFileSync(RESULTS, `${JSON.stringify({ ...existing, live: { ...live, measuredAt: new Date().toISOString() }, dashboard: { ...dashboard, measuredAt: new Date().toISOString() } }, null, 2)}\n`);
console.error(`wrote ${path.relative(process.cwd(), RESULTS)}`);
