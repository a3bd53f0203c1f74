/** `plandash doctor [--json]` (SPEC §9.3): why plandash sees what it sees. */
import { chooseBackend, fsTypeOf } from "../../live/choose-backend";
import { realMountsReader } from "../../live/engine";
import { realWatchFactory } from "../../live/fs-backend";
import { countFolders, inotifyUsage } from "../../live/inotify";
import { colorEnabled, unicodeEnabled } from "../../ui/theme";
import { osErrorCode } from "../../util/errors";
import type { CommandSpec } from "../command";
import { flagOption } from "../command";
import { EXIT } from "../exit";
import { writeText } from "../render";
import { countOf } from "../../ui/plural";
import { trustText } from "../trust-gate";
import { printWarnings, resolveWorkspace } from "../workspace-context";
import { readLockJson } from "./lock-info";
import { modeSourceOf } from "./watch";
import { notifyReport } from "../notify-wiring";

const ROOT_SOURCE_TEXT = {
  flag: "--root",
  env: "PLANDASH_ROOT",
  config: "config key root",
  "walk-up": "found work-space/plans/ walking up from the current folder",
} as const;

export const doctorCommand: CommandSpec = {
  name: "doctor",
  summary: "explain the plans root, the live-update backend, inotify limits, config and terminal",
  usage: "plandash doctor [--json] [--root DIR]",
  maxPositionals: 0,
  options: { json: { type: "boolean", description: "print the facts as one JSON document (plandash.doctor/1)" } },
  async run(ctx, args) {
    const ws = resolveWorkspace(ctx, args);
    printWarnings(ctx, ws.warnings);
    let realRoot = ws.root;
    try {
      realRoot = ctx.ports.fs.realPath(ws.root);
    } catch {
      // ENOENT: resolveWorkspace just saw it; a race with its removal shows up below as a watch error.
    }
    const fsType = fsTypeOf(realMountsReader, realRoot);
    let choice = chooseBackend({ mode: ws.config.watch, pollIntervalMs: ws.config.pollInterval, fsType, ...optionalSource(modeSourceOf(undefined, ctx, ws)) });
    let watchError: string | null = null;
    if (choice.backend === "fs") {
      // Try it for real: ENOSPC / EMFILE here is exactly what would make `auto` poll.
      try {
        realWatchFactory(ws.root, () => {}).close();
      } catch (error) {
        watchError = osErrorCode(error) ?? "EWATCH";
        choice = { backend: "poll", intervalMs: ws.config.pollInterval, reason: `fs.watch failed (${watchError}); polling every ${ws.config.pollInterval} ms` };
      }
    }
    const inotify = inotifyUsage();
    const folders = countFolders(ws.root);
    const env = ctx.ports.env;
    const terminal = {
      stdoutTTY: ctx.stdout.isTTY,
      stdinTTY: ctx.stdinIsTTY,
      color: colorEnabled({ env, noColorFlag: flagOption(args, "no-color"), isTTY: ctx.stdout.isTTY }),
      unicode: unicodeEnabled(env),
      columns: ctx.stdout.columns ?? null,
      rows: ctx.stdout.rows ?? null,
      term: env.TERM ?? null,
    };
    const doc = {
      schema: "plandash.doctor/1",
      version: ctx.version,
      root: ws.root,
      rootSource: ws.rootSource,
      realRoot,
      fsType,
      backend: { backend: choice.backend, intervalMs: choice.intervalMs, reason: choice.reason },
      watchError,
      inotify: inotify === null ? null : { ...inotify, neededForRoot: folders },
      config: {
        files: ws.configFiles,
        watch: ws.config.watch,
        pollInterval: ws.config.pollInterval,
        rescanInterval: ws.config.rescanInterval,
        debounce: ws.config.debounce,
      },
      lock: readLockJson(ctx, ws.root),
      trust: ws.trust === null ? null : { file: ws.trust.file, realPath: ws.trust.realPath, state: ws.trust.state, commands: ws.trust.commands.map((c) => c.key), listProblem: ws.trust.listProblem },
      terminal,
      notify: notifyReport(ctx, ws.config.notify).json,
    };
    if (flagOption(args, "json")) {
      ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
      return EXIT.ok;
    }
    const n = (v: number | null): string => (v === null ? "?" : v.toLocaleString("en-US"));
    const lines = [
      `plans root   ${ws.root}${realRoot === ws.root ? "" : ` (→ ${realRoot})`}`,
      `  found by   ${ROOT_SOURCE_TEXT[ws.rootSource]}`,
      `filesystem   ${fsType ?? "unknown (no /proc/mounts)"}`,
      `backend      ${choice.backend}${choice.intervalMs === null ? "" : ` every ${choice.intervalMs} ms`} — ${choice.reason}`,
      inotify === null
        ? "inotify      not available here"
        : `inotify      ${countOf(inotify.watchesInUse, "watch")} in use by your processes of ${n(inotify.maxUserWatches)} (max_user_watches); this root needs about ${n(folders)}`,
      `config       ${ws.configFiles.length === 0 ? "no config files (defaults)" : ws.configFiles.join(", ")}`,
      `  live       watch=${ws.config.watch} pollInterval=${ws.config.pollInterval} ms rescanInterval=${ws.config.rescanInterval} ms debounce=${ws.config.debounce} ms`,
      `trust        ${trustText(ws.trust, { root: ws.root, source: ws.rootSource })}`,
      `lock         ${doc.lock === null ? "none" : `${doc.lock.alive ? "held" : "dead"} by pid ${doc.lock.pid} on ${doc.lock.host} since ${doc.lock.since}`}`,
      `notify       ${notifyReport(ctx, ws.config.notify).text}`,
      `terminal     stdout ${terminal.stdoutTTY ? "is" : "is not"} a TTY, stdin ${terminal.stdinTTY ? "is" : "is not"}; colour ${terminal.color ? "on" : "off"}; ${terminal.unicode ? "unicode" : "ascii"}; ${terminal.columns ?? "?"}×${terminal.rows ?? "?"}; TERM=${terminal.term ?? "(unset)"}`,
    ];
    if (inotify !== null && inotify.maxUserWatches !== null && inotify.watchesInUse + folders > inotify.maxUserWatches) {
      lines.push("", "warning: not enough inotify watches left; plandash will poll. Raise fs.inotify.max_user_watches (sysctl) or use --poll.");
    }
    writeText(ctx, `${lines.join("\n")}\n`);
    return EXIT.ok;
  },
};

function optionalSource(source: string | undefined): { modeSource?: string } {
  return source === undefined ? {} : { modeSource: source };
}
