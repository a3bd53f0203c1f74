/** `plandash watch [--ndjson] [--poll[=MS]] [--no-watch] [--root DIR]` (SPEC §3.2). */
import type { PlansDiff } from "../../core/diff";
import { sanitize } from "../../core/sanitize";
import { planToJson, statusDocument } from "../../core/status-json";
import type { Plan } from "../../core/types";
import { createEngine, type EngineEvent } from "../../live/engine";
import { pollErrProbe, watchPipeClosed } from "../../live/stdout-closed";
import { MAX_TIMER_MS, type Config } from "../../workspace/config";
import { osErrorCode, PlandashError } from "../../util/errors";
import { createDebug } from "../../util/debug";
import type { CommandContext, CommandSpec, ParsedArgs } from "../command";
import { flagOption, stringOption } from "../command";
import { EXIT } from "../exit";
import { countOf } from "../../ui/plural";
import { unicodeEnabled } from "../../ui/theme";
import { printWarnings, resolveWorkspace, type WorkspaceContext } from "../workspace-context";
import { readLockJson } from "./lock-info";
import { startAttentionSignals, watchNotifyMode } from "../notify-wiring";

/** How often an idle watch checks that its reader is still there (each check wakes the process). */
const PIPE_CHECK_MS = 1000;

/** Flags as a config layer (flags > env > config), and where the watch mode came from. */
export function liveFlags(args: ParsedArgs): { layer: Partial<Config>; source: string | undefined } {
  const poll = stringOption(args, "poll");
  if (flagOption(args, "no-watch")) {
    if (poll !== undefined) throw new PlandashError("EUSAGE", "--poll and --no-watch contradict each other", { hint: "pick one" });
    return { layer: { watch: "off" }, source: "--no-watch" };
  }
  if (poll === undefined) return { layer: {}, source: undefined };
  if (poll === "") return { layer: { watch: "poll" }, source: "--poll" };
  const ms = Number(poll);
  // SPEC §8: an interval is a timer, 1 ms … 2^31−1 ms.
  const problem = !Number.isInteger(ms) ? "a whole number of milliseconds" : ms < 1 ? "at least 1 ms" : ms > MAX_TIMER_MS ? `at most ${MAX_TIMER_MS} ms` : null;
  if (problem !== null) throw new PlandashError("EUSAGE", `--poll=${poll}: the interval must be ${problem}`, { hint: "e.g. --poll=500" });
  return { layer: { watch: "poll", pollInterval: ms }, source: `--poll=${ms}` };
}

export function modeSourceOf(flagSource: string | undefined, ctx: CommandContext, ws: WorkspaceContext): string | undefined {
  if (flagSource !== undefined) return flagSource;
  if (ctx.ports.env.PLANDASH_POLL === "1") return "PLANDASH_POLL=1";
  return ws.config.watch === "auto" ? undefined : "config";
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

export function diffToNdjson(diff: PlansDiff, at: number): string[] {
  const lines: string[] = [];
  for (const p of diff.removed) lines.push(JSON.stringify({ type: "plan-removed", at: iso(at), id: p.id }));
  for (const p of diff.added) lines.push(JSON.stringify({ type: "plan-added", at: iso(at), plan: planToJson(p) }));
  for (const c of diff.changed) {
    lines.push(JSON.stringify({ type: "plan-changed", at: iso(at), plan: planToJson(c.after), transitions: c.transitions }));
  }
  return lines;
}

const summary = (p: Plan): string => `${p.status}, ${p.progress.approved}/${p.progress.total}`;

/** Human lines quote plan ids from folder names: each line is sanitized (SPEC §3.1). */
export function diffToHuman(diff: PlansDiff, at: number, unicode = true): string[] {
  const t = clockTime(at);
  const lines: string[] = [];
  for (const p of diff.removed) lines.push(`${t} - ${p.id} removed`);
  for (const p of diff.added) lines.push(`${t} + ${p.id} added (${summary(p)})`);
  for (const c of diff.changed) {
    if (c.transitions.length === 0) lines.push(`${t} ~ ${c.after.id} changed (${summary(c.after)})`);
    for (const tr of c.transitions) {
      lines.push(`${t}   ${c.after.id} ${tr.achievement}: ${tr.from ?? "(new)"} → ${tr.to ?? "(removed)"}  [plan ${summary(c.after)}]`);
    }
  }
  return lines.map((line) => sanitize(line, unicode));
}

function eventLines(event: EngineEvent, ndjson: boolean, unicode = true): string[] {
  switch (event.type) {
    case "update":
      return ndjson ? diffToNdjson(event.diff, event.at) : diffToHuman(event.diff, event.at, unicode);
    case "backend":
      return ndjson
        ? [JSON.stringify({ type: "backend", at: iso(event.at), backend: event.backend, intervalMs: event.intervalMs, reason: event.reason })]
        : [sanitize(`${clockTime(event.at)} backend: ${event.backend}${event.intervalMs === null ? "" : ` every ${event.intervalMs} ms`} — ${event.reason}`, unicode)];
    case "error": {
      const wire = { type: "error", at: iso(event.at), code: event.code, message: event.message, ...(event.path === undefined ? {} : { path: event.path }) };
      return ndjson ? [JSON.stringify(wire)] : [sanitize(`${clockTime(event.at)} ! ${event.message} (${event.code})`, unicode)];
    }
    case "freshness":
      return [];
  }
}

export const watchCommand: CommandSpec = {
  name: "watch",
  summary: "keep running and print every change as it happens (NDJSON with --ndjson)",
  usage: "plandash watch [--ndjson] [--poll[=MS]] [--no-watch] [--notify[=bell|desktop]] [--root DIR]",
  maxPositionals: 0,
  options: {
    ndjson: { type: "boolean", description: "one JSON object per line: snapshot, then plan-changed / plan-added / plan-removed / backend / error" },
    poll: { type: "string", optionalValue: true, valueName: "MS", description: "poll the disk instead of file system events (every MS ms; default pollInterval, 1000)" },
    "no-watch": { type: "boolean", description: "no live updates: print the snapshot only and wait" },
    notify: { type: "string", optionalValue: true, valueName: "HOW", description: "signal achievements turning awaiting-review or needs-fix: bell or desktop (alone: config notify, else bell)" },
  },
  details: [
    "Ends on Ctrl-C (exit 130), SIGTERM (143), or when the reader of stdout goes away (exit 0).",
    "",
    "Examples:",
    "  plandash watch",
    "  plandash watch --ndjson | jq -c 'select(.type == \"plan-changed\") | .transitions[]'",
    "  plandash watch --poll=500         # network file systems, or when inotify watches run out",
  ].join("\n"),
  async run(ctx, args) {
    const flags = liveFlags(args);
    const ws = resolveWorkspace(ctx, args, flags.layer);
    printWarnings(ctx, ws.warnings);
    const ndjson = flagOption(args, "ndjson");
    const notify = watchNotifyMode(stringOption(args, "notify"), ws.config);
    const unicode = unicodeEnabled(ctx.ports.env);
    const modeSource = modeSourceOf(flags.source, ctx, ws);
    const engine = createEngine({
      root: ws.root,
      fs: ctx.ports.fs,
      clock: ctx.ports.clock,
      watch: ws.config.watch,
      pollIntervalMs: ws.config.pollInterval,
      rescanIntervalMs: ws.config.rescanInterval,
      debounceMs: ws.config.debounce,
      maxDepth: ws.config.maxDepth,
      staleExecutionDays: ws.config.staleExecutionDays,
      debug: createDebug(ctx.ports.env, (line) => ctx.stderr.write(`${line}\n`)),
      ...(modeSource === undefined ? {} : { modeSource }),
    });
    const done = Promise.withResolvers<number>();
    // Each batch is written whole at once (ctx.stdout waits out a full pipe); a closed pipe ends the command quietly.
    const write = (lines: readonly string[]): void => {
      if (lines.length === 0) return;
      try {
        ctx.stdout.write(`${lines.join("\n")}\n`);
      } catch (error) {
        if (osErrorCode(error) === "EPIPE") done.resolve(EXIT.ok);
        else done.reject(error);
      }
    };
    const onAbort = (): void => done.resolve(EXIT.ok);
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    let unsubscribe = (): void => {};
    let stopPipeCheck = (): void => {};
    let stopNotify = (): void => {};
    try {
      if (ctx.signal.aborted) return EXIT.ok;
      await engine.start();
      const now = ctx.ports.clock.now();
      const f = engine.freshness();
      if (ndjson) {
        write([JSON.stringify({ type: "snapshot", at: iso(now), ...statusDocument(engine.state, readLockJson(ctx, ws.root), now) })]);
      } else {
        write([sanitize(`${clockTime(now)} watching ${countOf(engine.state.plans.length, "plan")} in ${ws.root}`, unicode)]);
      }
      write(eventLines({ type: "backend", at: now, backend: f.backend, intervalMs: f.intervalMs, reason: f.reason }, ndjson, unicode));
      unsubscribe = engine.subscribe((event) => write(eventLines(event, ndjson, unicode)));
      stopNotify = startAttentionSignals(ctx, notify, engine, true);
      if (!ctx.stdout.isTTY) {
        stopPipeCheck = watchPipeClosed(ctx.ports.clock, pollErrProbe(1), PIPE_CHECK_MS, () => done.resolve(EXIT.ok));
      }
      return await done.promise;
    } finally {
      ctx.signal.removeEventListener("abort", onAbort);
      unsubscribe();
      stopPipeCheck();
      stopNotify();
      await engine.stop();
    }
  },
};
