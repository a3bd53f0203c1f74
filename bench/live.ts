/**
 * Live-update measurements (SPEC §10) on a generated 1,000-plan workspace with the compiled
 * binary: write → `watch --ndjson` line latency (fs and poll at 1 s), a 10,000-file burst,
 * the CPU time of a one-file recompute, and idle CPU / RSS over 60 s per backend.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { planToJson } from "../src/core/status-json";
import { createStore } from "../src/live/store";
import { realClock, realFs } from "../src/ports";
import { loadPlan } from "../src/workspace/load";
import { scanWorkspace } from "../src/workspace/scan";

export interface LatencyResult {
  readonly writes: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly missed: number;
  readonly missedWrites: readonly string[];
}

export interface LiveResults {
  readonly workspace: { plans: number; achievements: number; files: number };
  readonly latencyFs: LatencyResult;
  readonly latencyPoll: LatencyResult & { readonly intervalMs: number };
  readonly burst: { files: number; plans: number; writeMs: number; settleMs: number | null; changesPerPlanMax: number; changesPerPlanMean: number; maxChangesPerPlanPerWindow: number; debounceMs: number };
  /** One-file change, re-read and published through the store, by plan count ("10", "100", "1000"). */
  readonly recompute: Readonly<Record<string, RecomputeResult>>;
  readonly idle: { fs: IdleResult; poll: IdleResult };
}

export interface RecomputeResult {
  readonly samples: number;
  readonly cpuMsP50: number;
  readonly cpuMsP95: number;
  readonly wallMsP50: number;
}

export interface IdleResult {
  readonly seconds: number;
  readonly cpuPercent: number;
  /** Largest RSS seen once loaded (sampled every second), and the process's peak (VmHWM, start-up included). */
  readonly rssMbMax: number;
  readonly peakRssMb: number;
  /** The interval in effect at the end (poll; SPEC §4 budget) and why. */
  readonly intervalMs: number | null;
  readonly reason: string;
}

export interface LiveOptions {
  /** Generated workspaces by plan count. */
  readonly roots: Readonly<Record<string, { readonly root: string; readonly files: number }>>;
  /** The plan count of the one the latency, burst and idle figures use (default "1000"). */
  readonly large?: string;
  readonly writes?: number;
  readonly pollWrites?: number;
  readonly recomputeRepeats?: number;
  readonly idleSeconds?: number;
  /** Rounds of the burst, 2,000 files each (default 5: SPEC §10's 10,000). */
  readonly burstRounds?: number;
  /** Quiet time after a watcher started, before its idle window opens (default 3 s). */
  readonly settleMs?: number;
  readonly log?: (s: string) => void;
}

const PLANS = 1000;
const ACHIEVEMENTS = 20;

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

interface Line {
  readonly at: number;
  readonly value: { type: string; id?: string; plan?: { id: string } & Record<string, unknown> } & Record<string, unknown>;
}

/** `plandash watch --ndjson` as a child, every line parsed and time-stamped on arrival. */
function spawnWatch(bin: string, root: string, extra: readonly string[]) {
  const proc = Bun.spawn([bin, "watch", "--ndjson", "--root", root, ...extra], {
    stdout: "pipe",
    stderr: "inherit",
    stdin: "ignore",
    env: { ...process.env, NO_COLOR: "1", PLANDASH_DEBUG: "" },
  });
  const lines: Line[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of proc.stdout as ReadableStream<Uint8Array>) {
      const at = performance.now();
      buffer += decoder.decode(chunk, { stream: true });
      let nl = buffer.indexOf("\n");
      for (; nl >= 0; nl = buffer.indexOf("\n")) {
        const text = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (text === "") continue;
        try {
          lines.push({ at, value: JSON.parse(text) });
        } catch {
          // A line cut short by the writer (lines over 64 KiB on a pipe): counted, never used as data.
          lines.push({ at, value: { type: "unparseable", length: text.length } });
        }
      }
      for (const w of [...waiters]) w();
    }
  })();
  const waitFor = (pred: (l: Line) => boolean, timeoutMs: number, from = 0): Promise<Line | null> =>
    new Promise((resolve) => {
      const check = (): boolean => {
        for (let i = from; i < lines.length; i++) {
          const l = lines[i];
          if (l !== undefined && pred(l)) {
            waiters.delete(onLine);
            clearTimeout(timer);
            resolve(l);
            return true;
          }
        }
        return false;
      };
      const onLine = (): void => {
        check();
      };
      const timer = setTimeout(() => {
        waiters.delete(onLine);
        resolve(null);
      }, timeoutMs);
      if (!check()) waiters.add(onLine);
    });
  return {
    proc,
    lines,
    waitFor,
    async stop() {
      proc.kill("SIGTERM");
      await proc.exited;
    },
  };
}

const planIdOf = (l: Line): string | undefined => l.value.id ?? l.value.plan?.id;

function planDirOf(root: string, p: number): { id: string; dir: string; name: string } {
  const name = `PLAN-${String(p).padStart(4, "0")}`;
  const group = p % 10 === 9 ? `group-${p % 7}` : "";
  const id = group === "" ? name : `${group}/${name}`;
  return { id, dir: path.join(root, id), name };
}

const achievementIds = (n: number): string[] => Array.from({ length: n }, (_, i) => `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`);

/** One visible change to plan `p`, of the given kind (see generate-workspace.ts for the layout). */
function mixedWrite(root: string, p: number, kind: number): void {
  const { dir, name } = planDirOf(root, p);
  switch (kind % 4) {
    case 0: // create: the last achievement is never started in the generated plans (p % 6 !== 0)
      fs.writeFileSync(path.join(dir, "execution", "feedbacks", "APPROVED_45.md"), "# APPROVED\n");
      break;
    case 1: {
      // modify in place: an execution's header status
      const file = path.join(dir, "execution", `EXECUTION_TASK_${name}_11_01.md`);
      fs.writeFileSync(file, "# EXECUTION 1.1\n\n**Status**: In Progress\n\n## Log\n\nReopened.\n");
      break;
    }
    case 2: {
      // atomic save of the PLAN file with one more achievement
      const ids = [...achievementIds(ACHIEVEMENTS), "9.1"];
      const text = `# PLAN: ${name}\n\n**Status**: In Progress\n\n## Achievement Index\n\n${ids.map((id) => `- Achievement ${id}: Work item ${id}`).join("\n")}\n`;
      const tmp = path.join(dir, `.PLAN_${name}.md.tmp`);
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, path.join(dir, `PLAN_${name}.md`));
      break;
    }
    default: // delete
      fs.unlinkSync(path.join(dir, "execution", "feedbacks", "APPROVED_11.md"));
  }
}

/** Plans whose layout suits every kind of write: not done (p % 6 !== 0), achievement 1.1 approved. */
export function targetPlans(count: number, offset: number, plans = PLANS): number[] {
  const out: number[] = [];
  for (let p = offset; out.length < count && p < plans; p += 1) if (p % 6 !== 0) out.push(p);
  return out;
}

/** The last `backend` line's interval: the effective one (SPEC §4), or null for fs. */
function effectiveInterval(lines: readonly Line[]): { intervalMs: number | null; reason: string } {
  const last = [...lines].reverse().find((l) => l.value.type === "backend");
  return { intervalMs: (last?.value.intervalMs as number | null | undefined) ?? null, reason: String(last?.value.reason ?? "") };
}

export async function measureLatency(bin: string, root: string, backend: "fs" | "poll", plans: readonly number[]): Promise<LatencyResult & { intervalMs: number | null }> {
  const w = spawnWatch(bin, root, backend === "poll" ? ["--poll=1000"] : []);
  const ready = await w.waitFor((l) => l.value.type === "backend", 30_000);
  if (ready === null || ready.value.backend !== backend) throw new Error(`watch did not start with ${backend}: ${JSON.stringify(ready?.value)}`);
  const latencies: number[] = [];
  const missedWrites: string[] = [];
  let missed = 0;
  if (backend === "fs") {
    // One write at a time: each latency is a write alone.
    for (let i = 0; i < plans.length; i++) {
      const p = plans[i] ?? 0;
      const { id } = planDirOf(root, p);
      const from = w.lines.length;
      const t0 = performance.now();
      mixedWrite(root, p, i);
      const line = await w.waitFor((l) => planIdOf(l) === id, 5_000, from);
      if (line === null) {
        missed++;
        missedWrites.push(`${id}:${["create", "modify", "atomic-rename", "delete"][i % 4]}`);
      }
      else latencies.push(line.at - t0);
      // Let the trailing events of this write (e.g. the close after a write) pass before the next one.
      await Bun.sleep(15);
    }
  } else {
    // Writes spread over time (every 100 ms, each on its own plan): a poll tick may carry several.
    const pending: Promise<void>[] = [];
    for (let i = 0; i < plans.length; i++) {
      const p = plans[i] ?? 0;
      const { id } = planDirOf(root, p);
      const from = w.lines.length;
      const t0 = performance.now();
      mixedWrite(root, p, i);
      pending.push(
        w.waitFor((l) => planIdOf(l) === id, 10_000, from).then((line) => {
          if (line === null) {
            missed++;
            missedWrites.push(`${id}:${["create", "modify", "atomic-rename", "delete"][i % 4]}`);
          }
          else latencies.push(line.at - t0);
        }),
      );
      await Bun.sleep(100);
    }
    await Promise.all(pending);
  }
  await w.stop();
  // The largest interval in effect while measuring: a write waits for at most one of them.
  const intervals = w.lines.filter((l) => l.value.type === "backend").map((l) => Number(l.value.intervalMs ?? 0));
  return {
    writes: plans.length,
    p50Ms: round(quantile(latencies, 0.5)),
    p99Ms: round(quantile(latencies, 0.99)),
    maxMs: round(Math.max(...latencies)),
    missed,
    missedWrites,
    intervalMs: backend === "poll" ? Math.max(...intervals) : null,
  };
}

async function measureBurst(bin: string, root: string, debounceMs: number, plans = PLANS, rounds = 5): Promise<LiveResults["burst"]> {
  const w = spawnWatch(bin, root, []);
  await w.waitFor((l) => l.value.type === "backend", 30_000);
  // 100 plans spread over the workspace.
  const step = Math.max(1, Math.floor(plans / 100));
  const targets = Array.from({ length: 100 }, (_, i) => planDirOf(root, Math.min(plans - 1, i * step + 3)));
  // What the watcher holds before the burst: the state it loaded (equal to a fresh read of these plans).
  const published = new Map(freshPlans(root, targets.map((t) => t.id)));
  const from = w.lines.length;
  const t0 = performance.now();
  let files = 0;
  // 100 files per plan: 20 approvals and 80 new execution attempts marked complete.
  for (let round = 0; round < rounds; round++) {
    for (const t of targets) {
      achievementIds(ACHIEVEMENTS).forEach((id, i) => {
        const key = id.replace(".", "");
        const file =
          round === 0
            ? path.join(t.dir, "execution", "feedbacks", `APPROVED_${key}.md`)
            : path.join(t.dir, "execution", `EXECUTION_TASK_${t.name}_${key}_${String(round + 1).padStart(2, "0")}.md`);
        fs.writeFileSync(file, round === 0 ? "# APPROVED\n" : `# EXECUTION ${id}\n\n**Status**: Complete\n`);
        files++;
        void i;
      });
    }
  }
  const tEnd = performance.now();
  // The truth once quiet: a fresh read of the touched plans.
  const fresh = new Map(freshPlans(root, targets.map((t) => t.id)));
  let settledAt: number | null = null;
  const counts = new Map<string, number[]>();
  const apply = (l: Line): void => {
    const id = planIdOf(l);
    if (l.value.type === "plan-changed" && id !== undefined && l.value.plan !== undefined) {
      published.set(id, JSON.stringify(l.value.plan));
      // Publication time as the engine stamped it (arrival times bunch up in pipe reads).
      counts.set(id, [...(counts.get(id) ?? []), Date.parse(String(l.value.at))]);
    }
  };
  const equal = (): boolean => targets.every((t) => published.get(t.id) === fresh.get(t.id));
  let seen = from;
  const deadline = performance.now() + 20_000;
  while (performance.now() < deadline) {
    for (; seen < w.lines.length; seen++) {
      const l = w.lines[seen];
      if (l !== undefined) apply(l);
    }
    if (equal()) {
      settledAt = Math.max(tEnd, w.lines[seen - 1]?.at ?? tEnd);
      break;
    }
    await w.waitFor(() => true, 1_000, seen);
  }
  await w.stop();
  const perPlan = targets.map((t) => counts.get(t.id) ?? []);
  let maxPerWindow = 0;
  for (const times of perPlan) {
    for (let i = 0; i < times.length; i++) {
      let n = 0;
      // "at" has millisecond resolution; a window is [t, t + debounce).
      for (let j = i; j < times.length && (times[j] ?? 0) - (times[i] ?? 0) < debounceMs; j++) n++;
      maxPerWindow = Math.max(maxPerWindow, n);
    }
  }
  return {
    files,
    plans: targets.length,
    writeMs: round(tEnd - t0),
    settleMs: settledAt === null ? null : round(settledAt - tEnd),
    changesPerPlanMax: Math.max(...perPlan.map((c) => c.length)),
    changesPerPlanMean: round(perPlan.reduce((s, c) => s + c.length, 0) / perPlan.length, 2),
    maxChangesPerPlanPerWindow: maxPerWindow,
    debounceMs,
  };
}

/** A fresh scan and read of the given plans, in the wire form. */
function freshPlans(root: string, ids: readonly string[]): [string, string][] {
  const byId = new Map(scanWorkspace(realFs, root, 3).planDirs.map((d) => [d.id, d] as const));
  return ids.map((id) => {
    const d = byId.get(id);
    if (d === undefined) throw new Error(`plan ${id} not found`);
    return [id, JSON.stringify(planToJson(loadPlan(realFs, d, { nowMs: Date.now(), staleExecutionDays: 7 })))];
  });
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU (and wall) time of re-reading one plan and publishing its change, through the same store the engine uses. */
function recomputeCpu(root: string, repeats: number): { cpu: number[]; wall: number[] } {
  const store = createStore({ fs: realFs, clock: realClock, root, maxDepth: 3, staleExecutionDays: 7 });
  store.reloadAll("load");
  const samples: number[] = [];
  const wall: number[] = [];
  const plans = store.state.plans;
  for (let i = 0; i < repeats; i++) {
    const plan = plans[(i * 37) % plans.length];
    if (plan === undefined) continue;
    const file = path.join(root, plan.id, "execution", "feedbacks", "APPROVED_45.md");
    const existed = fs.existsSync(file);
    // Two one-file changes per sample (toggle, toggle back), so the workspace ends as it began.
    for (let k = 0; k < 2; k++) {
      if (fs.existsSync(file)) fs.unlinkSync(file);
      else fs.writeFileSync(file, "# APPROVED\n");
      const c0 = cpuMs();
      const t0 = performance.now();
      store.apply({ plans: [plan.id], scopes: [] }, "hint");
      wall.push(performance.now() - t0);
      samples.push(cpuMs() - c0);
    }
    if (fs.existsSync(file) !== existed) throw new Error("recompute bench left the workspace changed");
  }
  return { cpu: samples, wall };
}

function procCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

function procRssMb(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m === null ? 0 : Number(m[1]) / 1024;
}

/** One watcher alone (a second one would compete for the same two cores and inflate both). */
async function measureIdleOne(bin: string, root: string, extra: readonly string[], seconds: number, settleMs: number): Promise<IdleResult> {
  const w = spawnWatch(bin, root, extra);
  await w.waitFor((l) => l.value.type === "backend", 30_000);
  // Let start-up work (first read, the snapshot, GC) finish before the window opens.
  await Bun.sleep(settleMs);
  const cpu0 = procCpuMs(w.proc.pid);
  let rss = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    rss = Math.max(rss, procRssMb(w.proc.pid));
    await Bun.sleep(1_000);
  }
  const elapsed = performance.now() - t0;
  const result = {
    seconds: round(elapsed / 1000),
    cpuPercent: round(((procCpuMs(w.proc.pid) - cpu0) / elapsed) * 100, 2),
    rssMbMax: round(Math.max(rss, procRssMb(w.proc.pid))),
    peakRssMb: round(procRssMb(w.proc.pid, "VmHWM")),
    ...effectiveInterval(w.lines),
  };
  await w.stop();
  return result;
}

async function measureIdle(bin: string, root: string, seconds: number, settleMs: number): Promise<{ fs: IdleResult; poll: IdleResult }> {
  return { fs: await measureIdleOne(bin, root, [], seconds, settleMs), poll: await measureIdleOne(bin, root, ["--poll=1000"], seconds, settleMs) };
}

export async function runLiveBench(bin: string, options: LiveOptions): Promise<LiveResults> {
  const log = options.log ?? (() => {});
  const large = options.large ?? "1000";
  const big = options.roots[large];
  if (big === undefined) throw new Error(`the live bench needs the ${large}-plan workspace`);
  const debounceMs = 10;

  // Idle first, on the workspace as generated: after the writes below, the plans they touched are
  // "racy" for a while (changed within 2 s of being read) and the first safety-net check re-reads
  // them once, which is catching up on writes, not idling.
  log(`idle CPU and RSS over ${options.idleSeconds ?? 60} s, fs then poll…`);
  const idle = await measureIdle(bin, big.root, options.idleSeconds ?? 60, options.settleMs ?? 3_000);

  const recompute: Record<string, RecomputeResult> = {};
  for (const [plans, { root }] of Object.entries(options.roots)) {
    log(`recompute CPU at ${plans} plans…`);
    // A warm-up first: the first sizes measured would otherwise pay for the JIT of this process.
    recomputeCpu(root, 10);
    const r = recomputeCpu(root, options.recomputeRepeats ?? 60);
    recompute[plans] = { samples: r.cpu.length, cpuMsP50: round(quantile(r.cpu, 0.5), 3), cpuMsP95: round(quantile(r.cpu, 0.95), 3), wallMsP50: round(quantile(r.wall, 0.5), 3) };
  }

  const writes = options.writes ?? 200;
  const pollWrites = options.pollWrites ?? writes;
  log(`latency, fs backend (${writes} writes)…`);
  const plans = Number(large);
  const latencyFs = await measureLatency(bin, big.root, "fs", targetPlans(writes, 1, plans));
  log(`latency, poll backend at 1 s (${pollWrites} writes)…`);
  // Other plans than the fs writes touched (those now differ from what the generator wrote).
  const { intervalMs, ...poll } = await measureLatency(bin, big.root, "poll", targetPlans(pollWrites, Math.floor(plans * 0.4) + 1, plans));
  const rounds = options.burstRounds ?? 5;
  log(`burst of ${(rounds * 2_000).toLocaleString("en-US")} files over 100 plans…`);
  const burst = await measureBurst(bin, big.root, debounceMs, plans, rounds);

  return {
    workspace: { plans: Number(large), achievements: ACHIEVEMENTS, files: big.files },
    latencyFs,
    latencyPoll: { ...poll, intervalMs: intervalMs ?? 1000 },
    burst,
    recompute,
    idle,
  };
}
