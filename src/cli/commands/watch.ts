/** `plandash watch [--ndjson] [--heartbeat[=S]] [--poll[=MS]] [--root DIR]` (SPEC §3.2). */
import type { PlansDiff } from "../../core/diff";
import { sanitize } from "../../core/sanitize";
import { planToJson, statusJsonParts } from "../../core/status-json";
import type { Plan } from "../../core/types";
import type { EngineEvent } from "../../live/engine";
import { readerCanLeave, startedClosed, watchReaderGone } from "../../live/stdout-closed";
import { timerSlot } from "../../live/timers";
import { MAX_TIMER_MS, type Config } from "../../workspace/config";
import { osErrorCode, PlandashError } from "../../util/errors";
import { createDebug } from "../../util/debug";
import type { CommandContext, CommandSpec, ParsedArgs } from "../command";
import { flagOption, stringOption } from "../command";
import { batchedOutput } from "../render";
import { EXIT } from "../exit";
import { collectStartGarbage, engineFor } from "../live-context";
import { countOf } from "../../ui/plural";
import { unicodeEnabled } from "../../ui/theme";
import { printWarnings, resolveWorkspace, type WorkspaceContext } from "../workspace-context";
import { readLockJson } from "./lock-info";
import { startAttentionSignals, watchNotifyMode } from "../notify-wiring";

/** `--heartbeat` without a value: every 30 s (SPEC §3.2). */
const DEFAULT_HEARTBEAT_S = 30;

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

/** `--heartbeat[=S]` → milliseconds, or null without the flag; bounded like every interval (SPEC §8). */
export function heartbeatMs(args: ParsedArgs): number | null {
  const value = stringOption(args, "heartbeat");
  if (value === undefined) return null;
  const seconds = value === "" ? DEFAULT_HEARTBEAT_S : Number(value);
  const ms = Math.round(seconds * 1000);
  if (!Number.isFinite(seconds) || ms < 1 || ms > MAX_TIMER_MS) {
    throw new PlandashError("EUSAGE", `--heartbeat=${value}: the interval must be a number of seconds from 0.001 to ${MAX_TIMER_MS / 1000}`, { hint: "e.g. --heartbeat=30, or --heartbeat alone for every 30 s" });
  }
  return ms;
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

/** One NDJSON event before its `seq` is stamped on: `type` and `at` first, as on the wire. */
export type WireEvent = { readonly type: string; readonly at: string } & Record<string, unknown>;

export function diffToNdjson(diff: PlansDiff, at: number): WireEvent[] {
  const events: WireEvent[] = [];
  for (const p of diff.removed) events.push({ type: "plan-removed", at: iso(at), id: p.id });
  for (const p of diff.added) events.push({ type: "plan-added", at: iso(at), plan: planToJson(p) });
  for (const c of diff.changed) events.push({ type: "plan-changed", at: iso(at), plan: planToJson(c.after), transitions: c.transitions });
  return events;
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

function wireEvents(event: EngineEvent): WireEvent[] {
  switch (event.type) {
    case "update":
      return diffToNdjson(event.diff, event.at);
    case "backend":
      return [{ type: "backend", at: iso(event.at), backend: event.backend, intervalMs: event.intervalMs, reason: event.reason }];
    case "error":
      return [{ type: "error", at: iso(event.at), code: event.code, message: event.message, ...(event.path === undefined ? {} : { path: event.path }) }];
    case "freshness":
      return [];
  }
}

function humanLines(event: EngineEvent, unicode: boolean): string[] {
  switch (event.type) {
    case "update":
      return diffToHuman(event.diff, event.at, unicode);
    case "backend":
      return [sanitize(`${clockTime(event.at)} backend: ${event.backend}${event.intervalMs === null ? "" : ` every ${event.intervalMs} ms`} — ${event.reason}`, unicode)];
    case "error":
      return [sanitize(`${clockTime(event.at)} ! ${event.message} (${event.code})`, unicode)];
    case "freshness":
      return [];
  }
}

export const watchCommand: CommandSpec = {
  name: "watch",
  summary: "keep running and print every change as it happens (NDJSON with --ndjson)",
  usage: "plandash watch [--ndjson] [--heartbeat[=S]] [--poll[=MS]] [--notify[=bell|desktop]] [--root DIR]",
  maxPositionals: 0,
  options: {
    ndjson: { type: "boolean", description: "one JSON object per line, each with type, at and seq: snapshot, then plan-changed / plan-added / plan-removed / backend / error / heartbeat" },
    heartbeat: { type: "string", optionalValue: true, valueName: "S", description: `a heartbeat line every S seconds (default ${DEFAULT_HEARTBEAT_S}), so a quiet workspace can be told from a dead watcher` },
    poll: { type: "string", optionalValue: true, valueName: "MS", description: "poll the disk instead of file system events (every MS ms; default pollInterval, 1000)" },
    "no-watch": { type: "boolean", description: "refused: watch needs live updates (use `plandash status` for one look)" },
    notify: { type: "string", optionalValue: true, valueName: "HOW", description: "signal achievements turning awaiting-review or needs-fix: bell or desktop (alone: config notify, else bell)" },
  },
  details: [
    "Ends on Ctrl-C (exit 130), SIGTERM (143), or when the reader of stdout goes away (exit 0).",
    "With live updates off (--no-watch, or \"watch\": \"off\" in a config) it says so and exits 2.",
    "",
    "Examples:",
    "  plandash watch",
    "  plandash watch --ndjson | jq -c 'select(.type == \"plan-changed\") | .transitions[]'",
    "  plandash watch --ndjson --heartbeat=10   # a line every 10 s even when nothing changes",
    "  plandash watch --poll=500         # network file systems, or when inotify watches run out",
  ].join("\n"),
  async run(ctx, args) {
    const flags = liveFlags(args);
    const heartbeat = heartbeatMs(args);
    const ws = resolveWorkspace(ctx, args, flags.layer);
    printWarnings(ctx, ws.warnings);
    const ndjson = flagOption(args, "ndjson");
    const notify = watchNotifyMode(stringOption(args, "notify"), ws.config);
    const unicode = unicodeEnabled(ctx.ports.env);
    const modeSource = modeSourceOf(flags.source, ctx, ws);
    if (ws.config.watch === "off") {
      // Waiting for changes that will never be reported would look like a hung command.
      const why = modeSource === "--no-watch" ? "--no-watch" : "\"watch\": \"off\" in the config";
      throw new PlandashError("EUSAGE", `live updates are off (${why}), so watch would never print a change`, {
        hint: modeSource === "--no-watch" ? "drop --no-watch, or use `plandash status` for one look" : "pass --poll, or use `plandash status` for one look",
      });
    }
    // Started with stdout closed (`>&-`): nobody will ever read a line.
    if (startedClosed(1)) return EXIT.ok;
    const done = Promise.withResolvers<number>();
    // Watched from the start, so a reader that leaves right after the snapshot (`| head -1`) is noticed at once.
    const stopReaderWatch = !ctx.stdout.isTTY && readerCanLeave(1) ? watchReaderGone(1, () => done.resolve(EXIT.ok)) : () => {};
    const engine = engineFor(ctx, ws, modeSource, createDebug(ctx.ports.env, (line) => ctx.stderr.write(`${line}\n`)));
    let seq = 0;
    // Each batch is written whole at once (ctx.stdout waits out a full pipe); a closed pipe ends the command quietly.
    const writeText = (lines: readonly string[]): void => {
      if (lines.length === 0) return;
      try {
        ctx.stdout.write(`${lines.join("\n")}\n`);
      } catch (error) {
        if (osErrorCode(error) === "EPIPE") done.resolve(EXIT.ok);
        else done.reject(error);
      }
    };
    // SPEC §3.2: every event carries seq (1, 2, 3… in this run), right after type and at.
    const writeEvents = (events: readonly WireEvent[]): void =>
      writeText(events.map(({ type, at, ...rest }) => JSON.stringify({ type, at, seq: ++seq, ...rest })));
    /** The snapshot line (SPEC §3.2), written plan by plan: no second copy of the state, no whole string of it. */
    const writeSnapshot = (now: number): void => {
      const plans = engine.state.plans;
      const parts = statusJsonParts(ws.root, readLockJson(ctx, ws.root), now, undefined, { type: "snapshot", at: iso(now), seq: ++seq });
      try {
        const out = batchedOutput(ctx.stdout);
        out.write(parts.head);
        plans.forEach((plan, index) => out.write(parts.plan(plan, index)));
        out.write(`${parts.tail(plans.length)}\n`);
        out.flush();
      } catch (error) {
        if (osErrorCode(error) === "EPIPE") done.resolve(EXIT.ok);
        else done.reject(error);
      }
    };
    const onAbort = (): void => done.resolve(EXIT.ok);
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    let unsubscribe = (): void => {};
    const beat = timerSlot(ctx.ports.clock);
    let stopNotify = (): void => {};
    try {
      if (ctx.signal.aborted) return EXIT.ok;
      await engine.start();
      const now = ctx.ports.clock.now();
      const f = engine.freshness();
      const backend: EngineEvent = { type: "backend", at: now, backend: f.backend, intervalMs: f.intervalMs, reason: f.reason };
      if (ndjson) {
        writeSnapshot(now);
        writeEvents(wireEvents(backend));
      } else {
        writeText([sanitize(`${clockTime(now)} watching ${countOf(engine.state.plans.length, "plan")} in ${ws.root}`, unicode), ...humanLines(backend, unicode)]);
      }
      collectStartGarbage();
      unsubscribe = engine.subscribe((event) => (ndjson ? writeEvents(wireEvents(event)) : writeText(humanLines(event, unicode))));
      stopNotify = startAttentionSignals(ctx, notify, engine, true);
      if (heartbeat !== null) {
        const tick = (): void => {
          const at = ctx.ports.clock.now();
          if (ndjson) writeEvents([{ type: "heartbeat", at: iso(at) }]);
          else writeText([`${clockTime(at)} heartbeat: watching ${countOf(engine.state.plans.length, "plan")}`]);
          beat.set(heartbeat, tick);
        };
        beat.set(heartbeat, tick);
      }
      return await done.promise;
    } finally {
      ctx.signal.removeEventListener("abort", onAbort);
      beat.clear();
      unsubscribe();
      stopReaderWatch();
      stopNotify();
      await engine.stop();
    }
  },
};
