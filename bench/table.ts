/**
 * The bench's figures against SPEC §10, one row each: printed by `npm run bench`, stored in
 * bench/results.json and rendered into the README by bench/readme-table.ts. `key` names a row
 * for good (the CI harness check looks for every one).
 */
import type { BenchRun } from "./run";

export interface TableRow {
  readonly key: string;
  readonly what: string;
  readonly measured: string;
  readonly target: string;
  /** null: no target of its own (a figure shown for context). */
  readonly ok: boolean | null;
}

/** Every row a complete bench run has (the dashboard rows come per size, 50 and 1,000 plans). */
export const ROW_KEYS = [
  "version",
  "status-10",
  "status-100",
  "status-1000",
  "latency-fs",
  "latency-poll",
  "burst",
  "recompute",
  "idle-fs",
  "idle-poll",
  "dashboard-50-start",
  "dashboard-50-latency",
  "dashboard-50-bytes",
  "dashboard-50-idle",
  "dashboard-1000-start",
  "dashboard-1000-latency",
  "dashboard-1000-bytes",
  "dashboard-1000-idle",
] as const;

const n = (v: number, digits = 1): string => v.toLocaleString("en-US", { maximumFractionDigits: digits });

export function tableRows(run: BenchRun): TableRow[] {
  const { cold, live, dashboard } = run;
  const rows: TableRow[] = [
    { key: "version", what: "`plandash --version`", measured: `median ${n(cold.version.wallMs.median)} ms (min ${n(cold.version.wallMs.min)}), ${n(cold.version.peakRssMb.median)} MB`, target: "≤ 20 ms", ok: cold.version.wallMs.median <= 20 },
  ];
  for (const [plans, s] of Object.entries(cold.status)) {
    // SPEC §10 sets the targets at 1,000 plans (a --quick run stops at 100: its figures are a harness check).
    const big = plans === "1000";
    rows.push({
      key: `status-${plans}`,
      what: `cold \`status --json\`, ${n(Number(plans))} plans × 20 (${n(s.files)} files)`,
      measured: `median ${n(s.wallMs.median)} ms (min ${n(s.wallMs.min)}), CPU ${n(s.cpuMs.median)} ms, peak RSS ${n(s.peakRssMb.median)} MB`,
      target: big ? "≤ 150 ms, ≤ 60 MB" : "—",
      ok: big ? s.wallMs.median <= 150 && s.peakRssMb.median <= 60 : null,
    });
  }
  const fsLat = live.latencyFs;
  rows.push({ key: "latency-fs", what: `write → \`watch --ndjson\` line, \`fs\`, ${fsLat.writes} mixed writes, ${n(live.workspace.plans)} plans`, measured: `p50 ${n(fsLat.p50Ms)} ms, p99 ${n(fsLat.p99Ms)} ms, ${fsLat.missed} missed`, target: "p50 ≤ 15, p99 ≤ 50 ms", ok: fsLat.p50Ms <= 15 && fsLat.p99Ms <= 50 && fsLat.missed === 0 });
  const poll = live.latencyPoll;
  // SPEC §4: the guarantee holds within the effective interval, which the budget may stretch past 1 s.
  const pollBound = 1.1 * Math.max(1000, poll.intervalMs);
  rows.push({
    key: "latency-poll",
    what: `same, \`poll\` at 1 s (${poll.writes} writes)`,
    measured: `p50 ${n(poll.p50Ms)} ms, p99 ${n(poll.p99Ms)} ms, ${poll.missed} missed; effective interval ${n(poll.intervalMs)} ms`,
    target: `p99 ≤ 1.1 × the effective interval (${n(pollBound, 0)} ms; 1.1 s at 1 s)`,
    ok: poll.p99Ms <= pollBound && poll.missed === 0,
  });
  const b = live.burst;
  rows.push({ key: "burst", what: `burst of ${n(b.files)} writes over ${b.plans} plans → state equals a fresh scan`, measured: `${b.settleMs === null ? "never" : `${n(b.settleMs)} ms`} after the last write; ≤ ${b.maxChangesPerPlanPerWindow} published change per plan per ${b.debounceMs} ms window`, target: "≤ 1 s; ≤ 1 per plan per window", ok: b.settleMs !== null && b.settleMs <= 1000 && b.maxChangesPerPlanPerWindow <= 1 });
  const rc = live.recompute;
  const p50s = Object.entries(rc).map(([plans, r]) => `${n(Number(plans))}: ${n(r.cpuMsP50, 2)}`);
  const sizes = Object.keys(rc).sort((a, b) => Number(a) - Number(b));
  const smallest = rc[sizes[0] ?? ""];
  const largest = rc[sizes[sizes.length - 1] ?? ""];
  const small = smallest?.cpuMsP50 ?? Number.NaN;
  const large = largest?.cpuMsP50 ?? Number.NaN;
  rows.push({
    key: "recompute",
    what: "one-file change, recompute CPU p50 by plan count",
    measured: `${p50s.join(" / ")} ms (p95 at ${n(Number(sizes[sizes.length - 1]))}: ${n(largest?.cpuMsP95 ?? Number.NaN, 2)} ms)`,
    target: "≤ 2 ms, independent of the number of plans",
    // Flat: within half again (and a tenth of a millisecond of timer noise) of the 10-plan figure.
    ok: Object.values(rc).every((r) => r.cpuMsP50 <= 2) && large <= 1.5 * small + 0.1,
  });
  for (const [kind, i] of [["fs", live.idle.fs], ["poll", live.idle.poll]] as const) {
    const interval = kind === "poll" ? `; interval ${n(i.intervalMs ?? 0)} ms${i.reason.includes("stretched") ? ` (${i.reason.slice(i.reason.indexOf("stretched")).replace(/ \(a check.*$/, "")})` : ""}` : "";
    rows.push({
      key: `idle-${kind}`,
      what: `idle watching ${n(i.seconds, 0)} s, \`${kind}\`${kind === "poll" ? " at 1 s" : ""}, ${n(live.workspace.plans)} plans`,
      measured: `CPU ${n(i.cpuPercent, 2)} %, RSS ${n(i.rssMbMax)} MB (peak ${n(i.peakRssMb)} MB)${interval}`,
      target: `CPU ≤ ${kind === "fs" ? 1 : 5} %, RSS ≤ 100 MB`,
      ok: i.cpuPercent <= (kind === "fs" ? 1 : 5) && i.rssMbMax <= 100,
    });
  }
  const screenful = dashboard.terminal.cols * dashboard.terminal.rows;
  for (const d of dashboard.sizes) {
    const at = `dashboard ${n(d.plans)} plans`;
    rows.push(
      { key: `dashboard-${d.plans}-start`, what: `${at}: start → first full screen`, measured: `${n(d.startMs)} ms (every plan read, ● live: ${n(d.liveMs)} ms)`, target: d.plans >= 1000 ? "≤ 400 ms" : "—", ok: d.plans >= 1000 ? d.startMs <= 400 : null },
      { key: `dashboard-${d.plans}-latency`, what: `${at}: file write → changed screen`, measured: `p50 ${n(d.latencyP50Ms)} ms, p99 ${n(d.latencyP99Ms)} ms, ${d.missed} missed`, target: "p50 ≤ 50 ms", ok: d.latencyP50Ms <= 50 && d.missed === 0 },
      { key: `dashboard-${d.plans}-bytes`, what: `${at}: terminal output per redraw`, measured: `p50 ${n(d.bytesPerRedrawP50, 0)} B, max ${n(d.bytesPerRedrawMax, 0)} B (first frame ${n(d.firstFrameBytes, 0)} B)`, target: `flat, ≤ one screenful (${dashboard.terminal.cols}×${dashboard.terminal.rows})`, ok: d.bytesPerRedrawMax <= Math.max(screenful, d.firstFrameBytes) },
      { key: `dashboard-${d.plans}-idle`, what: `${at}: idle CPU`, measured: `${n(d.idleCpuPercent, 2)} % over ${n(d.idleSeconds, 0)} s`, target: "≤ 1 %", ok: d.idleCpuPercent <= 1 },
    );
  }
  return rows;
}
