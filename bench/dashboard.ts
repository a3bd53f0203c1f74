/**
 * Dashboard measurements (SPEC §10) with the compiled binary in a pseudo-terminal: start → first
 * full screen, file write → changed screen (p50/p99 over 20 one-file writes, fs backend), bytes
 * written per redraw, idle CPU of an open dashboard — at 50 and 1,000 plans.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { documentNames } from "../src/core/file-roles";
import { generateWorkspace } from "./generate-workspace";

export interface DashboardSize {
  readonly plans: number;
  /** Start → the first frame with title, table and footer (at 1,000 plans: the first screenful, read before the rest). */
  readonly startMs: number;
  /** Start → every plan read and the watcher armed (the footer says ● live). */
  readonly liveMs: number;
  readonly writes: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly missed: number;
  readonly bytesPerRedrawP50: number;
  readonly bytesPerRedrawMax: number;
  readonly firstFrameBytes: number;
  readonly idleCpuPercent: number;
  readonly idleSeconds: number;
}

export interface DashboardResults {
  readonly terminal: { readonly cols: number; readonly rows: number };
  readonly sizes: readonly DashboardSize[];
}

const COLS = 120;
const ROWS = 40;
const WRITES = 20;
const ACHIEVEMENTS = 20;

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

function procCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The generator's plans that have a not-started achievement, and which (SPEC §2.1: a SUBPLAN makes it planned). */
function targets(plans: number, count: number): { name: string; id: string; key: string; dir: string }[] {
  const out: { name: string; id: string; key: string; dir: string }[] = [];
  for (let p = 0; p < plans && out.length < count; p++) {
    if (p % 10 === 9 || p % 6 === 0) continue;
    const index = ACHIEVEMENTS - (p % 6);
    const id = `${Math.floor(index / 5) + 1}.${(index % 5) + 1}`;
    const name = `PLAN-${String(p).padStart(4, "0")}`;
    out.push({ name, id, key: id.replace(".", ""), dir: name });
  }
  return out;
}

/** `writes` and `settleMs` (the quiet time before the idle window) are shortened by `npm run bench -- --quick`. */
interface SizeOptions {
  readonly idleSeconds: number;
  readonly writes: number;
  readonly settleMs: number;
}

async function measureSize(bin: string, workDir: string, plans: number, sizeOptions: SizeOptions, log: (s: string) => void): Promise<DashboardSize> {
  const { idleSeconds } = sizeOptions;
  const { root } = generateWorkspace(path.join(workDir, `ws-${plans}`), { plans, achievements: ACHIEVEMENTS });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "plandash-bench-home-"));
  let raw = "";
  const chunks: { at: number; bytes: number; text: string }[] = [];
  const decoder = new TextDecoder();
  const t0 = performance.now();
  const proc = Bun.spawn([bin, "--root", root], {
    cwd: home,
    env: { PATH: process.env.PATH ?? "", HOME: home, XDG_CONFIG_HOME: path.join(home, ".config"), TERM: "xterm-256color", NO_COLOR: "1", TZ: "Etc/UTC", LANG: "C.UTF-8" },
    terminal: {
      cols: COLS,
      rows: ROWS,
      data(_t, chunk) {
        const text = decoder.decode(chunk, { stream: true });
        raw += text;
        chunks.push({ at: performance.now(), bytes: chunk.byteLength, text });
      },
    },
  });
  const waitFor = async (test: () => boolean, timeoutMs: number): Promise<boolean> => {
    const deadline = performance.now() + timeoutMs;
    while (!test()) {
      if (performance.now() > deadline) return false;
      await Bun.sleep(1);
    }
    return true;
  };
  try {
    // A frame is written whole: its footer's lock part comes after the title and the table rows.
    if (!(await waitFor(() => raw.includes("lock: this dashboard"), 30_000))) throw new Error(`the dashboard at ${plans} plans never drew its footer:\n${raw.slice(-500)}`);
    const startMs = performance.now() - t0;
    if (!(await waitFor(() => raw.includes("● live"), 30_000))) throw new Error(`the dashboard at ${plans} plans never went live:\n${raw.slice(-500)}`);
    const liveMs = performance.now() - t0;
    const firstFrameBytes = chunks.reduce((n, c) => n + c.bytes, 0);
    await Bun.sleep(1_000);

    const latencies: number[] = [];
    const redrawBytes: number[] = [];
    let missed = 0;
    for (const t of targets(plans, sizeOptions.writes)) {
      const marker = `${t.name} ${t.id} not-started → planned`;
      const from = chunks.length;
      const file = path.join(root, t.dir, "subplans", documentNames.subplan(t.name, t.key));
      const written = performance.now();
      fs.writeFileSync(file, `# SUBPLAN ${t.id}\n`);
      const seen = await waitFor(() => chunks.slice(from).some((c) => c.text.includes(marker)), 5_000);
      if (!seen) {
        missed++;
        continue;
      }
      const hit = chunks.slice(from).find((c) => c.text.includes(marker));
      latencies.push((hit?.at ?? performance.now()) - written);
      // Let the redraw finish arriving, then count every byte written for it.
      await Bun.sleep(150);
      redrawBytes.push(chunks.slice(from).reduce((n, c) => n + c.bytes, 0));
      fs.unlinkSync(file);
      await Bun.sleep(150);
    }

    log(`  idle ${idleSeconds} s at ${plans} plans…`);
    await Bun.sleep(sizeOptions.settleMs); // change marks expire, the last redraws settle
    const cpu0 = procCpuMs(proc.pid);
    const i0 = performance.now();
    await Bun.sleep(idleSeconds * 1000);
    const idleMs = performance.now() - i0;
    const idleCpuPercent = round(((procCpuMs(proc.pid) - cpu0) / idleMs) * 100, 2);
    return {
      plans,
      startMs: round(startMs),
      liveMs: round(liveMs),
      writes: sizeOptions.writes,
      latencyP50Ms: round(quantile(latencies, 0.5)),
      latencyP99Ms: round(quantile(latencies, 0.99)),
      missed,
      bytesPerRedrawP50: quantile(redrawBytes, 0.5),
      bytesPerRedrawMax: Math.max(...redrawBytes),
      firstFrameBytes,
      idleCpuPercent,
      idleSeconds: round(idleMs / 1000),
    };
  } finally {
    proc.kill("SIGTERM");
    await proc.exited;
    fs.rmSync(home, { recursive: true, force: true });
  }
}

export async function runDashboardBench(bin: string, workDir: string, options: { idleSeconds?: number; writes?: number; settleMs?: number; sizes?: readonly number[]; log?: (s: string) => void } = {}): Promise<DashboardResults> {
  const log = options.log ?? (() => {});
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const sizes: DashboardSize[] = [];
  for (const plans of options.sizes ?? [50, 1000]) {
    log(`dashboard at ${plans} plans…`);
    sizes.push(await measureSize(bin, workDir, plans, { idleSeconds: options.idleSeconds ?? 60, writes: options.writes ?? WRITES, settleMs: options.settleMs ?? 6_000 }, log));
  }
  fs.rmSync(workDir, { recursive: true, force: true });
  return { terminal: { cols: COLS, rows: ROWS }, sizes };
}

if (import.meta.main) {
  const bin = process.argv[2] ?? path.join(import.meta.dir, "..", "dist", "plandash");
  const result = await runDashboardBench(bin, path.join(import.meta.dir, ".work", "dashboard"), { idleSeconds: Number(process.argv[3] ?? 10), log: (s) => console.error(s) });
  console.log(JSON.stringify(result, null, 2));
}
