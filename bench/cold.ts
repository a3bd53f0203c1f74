/**
 * Whole-process figures of the compiled binary (SPEC §10): `plandash --version`, and a cold
 * `status --json` at 10, 100 and 1,000 plans × 20 achievements — wall time (median and min of N
 * runs, a little warm-up first), CPU time (user + system, which moves less with the load) and
 * peak RSS (ru_maxrss through GNU time, over 3 more runs), each process started afresh.
 */
import * as fs from "node:fs";
import { stats, type Stats } from "./stats";

export interface ColdRun {
  readonly wallMs: Stats;
  readonly cpuMs: Stats;
  readonly peakRssMb: Stats;
}

export interface ColdResults {
  readonly version: ColdRun;
  /** Keyed by the plan count ("10", "100", "1000"). */
  readonly status: Readonly<Record<string, ColdRun & { readonly files: number; readonly outputBytes: number }>>;
}

export interface ColdOptions {
  readonly runs: number;
  readonly versionRuns: number;
  readonly log?: (line: string) => void;
}

const WARMUP_RUNS = 2;
const RSS_RUNS = 3;
const GNU_TIME = "/usr/bin/time";
const ENV = { ...process.env, NO_COLOR: "1", PLANDASH_DEBUG: "" };

/**
 * Peak RSS of one run of `argv`, from GNU time's %M (the child's own ru_maxrss): the maxRSS Bun
 * reports for spawnSync was seen to carry an earlier, larger child's figure.
 */
function peakRssMb(bin: string, argv: readonly string[]): number {
  const r = Bun.spawnSync([GNU_TIME, "-f", "%M", bin, ...argv], { stdout: "ignore", stderr: "pipe", env: ENV });
  const kb = Number(r.stderr.toString().trim().split("\n").at(-1));
  if (r.exitCode !== 0 || !Number.isFinite(kb)) throw new Error(`${GNU_TIME} ${argv.join(" ")} exited ${r.exitCode}: ${r.stderr.toString().slice(0, 300)}`);
  return kb / 1024;
}

/** Runs `argv` `runs` times (after a warm-up) and collects what each run cost. */
function timeRuns(bin: string, argv: readonly string[], runs: number): ColdRun & { outputBytes: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  let outputBytes = 0;
  for (let i = 0; i < runs + WARMUP_RUNS; i++) {
    const t0 = Bun.nanoseconds();
    const r = Bun.spawnSync([bin, ...argv], { stdout: "pipe", stderr: "pipe", env: ENV });
    const ms = (Bun.nanoseconds() - t0) / 1e6;
    if (r.exitCode !== 0) throw new Error(`${argv.join(" ")} exited ${r.exitCode}: ${r.stderr.toString().slice(0, 500)}`);
    if (i < WARMUP_RUNS) continue;
    outputBytes = r.stdout.length;
    wall.push(ms);
    cpu.push(Number(r.resourceUsage.cpuTime.total) / 1000);
  }
  const rss = fs.existsSync(GNU_TIME) ? Array.from({ length: RSS_RUNS }, () => peakRssMb(bin, argv)) : [Number.NaN];
  return { wallMs: stats(wall), cpuMs: stats(cpu), peakRssMb: stats(rss), outputBytes };
}

export function runColdBench(bin: string, roots: Readonly<Record<string, { root: string; files: number }>>, options: ColdOptions): ColdResults {
  const log = options.log ?? (() => {});
  log(`--version × ${options.versionRuns}…`);
  const { outputBytes: _, ...version } = timeRuns(bin, ["--version"], options.versionRuns);
  const status: Record<string, ColdRun & { files: number; outputBytes: number }> = {};
  for (const [plans, { root, files }] of Object.entries(roots)) {
    log(`cold status --json at ${plans} plans × ${options.runs}…`);
    status[plans] = { ...timeRuns(bin, ["status", "--json", "--root", root], options.runs), files };
  }
  return { version, status };
}
