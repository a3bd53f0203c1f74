/**
 * `bun bench/shell.ts`: the issue 11 figures on the compiled binary ($PLANDASH_BIN, else
 * dist/plandash). Shell completion latency (`__complete` on the shared corpus, SPEC §9.5 target
 * ≤ 50 ms, next to `--version`, the floor of any run), and the demo's time from start to its first
 * screen and to the first change its agent makes, seen in a pseudo-terminal.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(import.meta.dir, "..");
const BIN = process.env.PLANDASH_BIN ?? path.join(ROOT, "dist", "plandash");
const CORPUS = process.env.PLANDASH_CORPUS ?? path.resolve(ROOT, "..", "shared", "corpus", "context-manager");
const RUNS = Number(process.env.RUNS ?? 40);

function stats(ms: number[]): { median: number; p90: number; min: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { median: round(at(0.5)), p90: round(at(0.9)), min: round(s[0] ?? NaN) };
}
const round = (n: number): number => Math.round(n * 10) / 10;

function timeRuns(argv: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = Bun.nanoseconds();
    const r = Bun.spawnSync([BIN, ...argv], { stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
    const ms = (Bun.nanoseconds() - t0) / 1e6;
    if (r.exitCode !== 0) throw new Error(`${argv.join(" ")} exited ${r.exitCode}: ${r.stderr.toString()}`);
    if (i >= 3) out.push(ms);
  }
  return out;
}

async function demoTimes(): Promise<{ firstScreenMs: number; firstChangeMs: number }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plandash-bench-demo-"));
  const t0 = Bun.nanoseconds();
  let raw = "";
  let firstScreen = NaN;
  const { promise, resolve } = Promise.withResolvers<number>();
  const proc = Bun.spawn([BIN, "demo"], {
    cwd: tmp,
    env: { ...process.env, NO_COLOR: "1", TMPDIR: tmp, TERM: "xterm-256color" },
    terminal: {
      cols: 140,
      rows: 34,
      data(_t, chunk) {
        raw += new TextDecoder().decode(chunk);
        const ms = (Bun.nanoseconds() - t0) / 1e6;
        if (Number.isNaN(firstScreen) && raw.includes("● live")) firstScreen = ms;
        if (raw.includes("not-started → planned")) resolve(ms);
      },
    },
  });
  const timer = setTimeout(() => resolve(NaN), 20_000);
  const firstChange = await promise;
  clearTimeout(timer);
  proc.terminal?.write("q");
  await proc.exited;
  proc.terminal?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  return { firstScreenMs: round(firstScreen), firstChangeMs: round(firstChange) };
}

const version = stats(timeRuns(["--version"]));
const plans = stats(timeRuns(["__complete", "--", "status", "--root", CORPUS, ""]));
const ids = stats(timeRuns(["__complete", "--", "review", "--root", CORPUS, "LLM-DASHBOARD-CLI", ""]));
const demos: { firstScreenMs: number; firstChangeMs: number }[] = [];
for (let i = 0; i < 3; i++) demos.push(await demoTimes());

const rows: [string, string][] = [
  [`plandash --version (${RUNS} runs)`, `median ${version.median} ms, p90 ${version.p90}, min ${version.min}`],
  [`__complete plan names, shared corpus (${RUNS} runs)`, `median ${plans.median} ms, p90 ${plans.p90}, min ${plans.min}  (target ≤ 50 ms)`],
  [`__complete achievement ids of one plan (${RUNS} runs)`, `median ${ids.median} ms, p90 ${ids.p90}, min ${ids.min}  (target ≤ 50 ms)`],
  ["demo: start → first screen (3 runs)", demos.map((d) => `${d.firstScreenMs} ms`).join(", ")],
  ["demo: start → first change on screen (3 runs)", demos.map((d) => `${d.firstChangeMs} ms`).join(", ")],
];
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs`);
for (const [what, value] of rows) console.log(`${what.padEnd(w)}  ${value}`);
