/** `plandash doctor [--json] [--check]` (SPEC §9.3): why plandash sees what it sees, and what is wrong. */
import { chooseBackend, fsTypeOf, pollAfterFailure } from "../../live/choose-backend";
import { tryFsWatch } from "../../live/fs-backend";
import { countFolders, inotifyUsage } from "../../live/inotify";
import { trialPollChoice } from "../../live/poll-trial";
import { inspectLock, lockFilePath } from "../../lock/lock";
import { realLockDeps } from "../../ports";
import { colorEnabled, unicodeEnabled } from "../../ui/theme";
import { osErrorCode } from "../../util/errors";
import { buildInfo, describeBuild } from "../build-info";
import type { CommandContext, CommandSpec } from "../command";
import { flagOption } from "../command";
import { EXIT } from "../exit";
import { writeText } from "../render";
import { countOf } from "../../ui/plural";
import { trustText } from "../trust-gate";
import type { WorkspaceContext } from "../workspace-context";
import { diagnoseWorkspace, formatProblem, type DoctorProblem } from "./doctor-workspace";
import { lockJsonOf } from "./lock-info";
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
  usage: "plandash doctor [--json] [--check] [--root DIR]",
  maxPositionals: 0,
  options: {
    json: { type: "boolean", description: "print the facts as one JSON document (plandash.doctor/1)" },
    check: { type: "boolean", description: "exit 1 when a problem was found (a bad config, no plans root, an unreadable lock…)" },
  },
  details: "Goes on past every problem it finds (a bad config, no workspace) and lists each one; exit 0 unless --check.",
  async run(ctx, args) {
    const ws = diagnoseWorkspace(ctx, args);
    const problems: DoctorProblem[] = [...ws.problems];
    const found: WorkspaceContext | null = ws.root === null || ws.rootSource === null ? null : { root: ws.root, rootSource: ws.rootSource, config: ws.config, configFiles: ws.configFiles, trust: ws.trust, warnings: ws.warnings };
    const facts = found === null ? null : await rootFacts(ctx, found, problems);
    const inotify = inotifyUsage();
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
      realRoot: facts?.realRoot ?? null,
      fsType: facts?.fsType ?? null,
      backend: facts === null ? null : { backend: facts.choice.backend, intervalMs: facts.choice.intervalMs, reason: facts.choice.reason, stretch: facts.choice.stretch ?? null },
      watchError: facts?.watchError ?? null,
      inotify: inotify === null ? null : { ...inotify, neededForRoot: facts?.folders ?? null },
      config: {
        files: ws.configFiles,
        watch: ws.config.watch,
        pollInterval: ws.config.pollInterval,
        rescanInterval: ws.config.rescanInterval,
        debounce: ws.config.debounce,
      },
      lock: facts?.lock ?? null,
      trust: ws.trust === null ? null : { file: ws.trust.file, realPath: ws.trust.realPath, state: ws.trust.state, commands: ws.trust.commands.map((c) => c.key), listProblem: ws.trust.listProblem },
      terminal,
      notify: notifyReport(ctx, ws.config.notify).json,
      build: buildInfo(),
      warnings: ws.warnings,
      problems,
    };
    const exitCode = problems.length > 0 && flagOption(args, "check") ? EXIT.failed : EXIT.ok;
    if (flagOption(args, "json")) {
      ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
      return exitCode;
    }
    const n = (v: number | null): string => (v === null ? "?" : v.toLocaleString("en-US"));
    const lines = [
      ws.root === null ? "plans root   none" : `plans root   ${ws.root}${facts?.realRoot === ws.root ? "" : ` (→ ${facts?.realRoot})`}`,
      ...(ws.rootSource === null ? [] : [`  found by   ${ROOT_SOURCE_TEXT[ws.rootSource]}`]),
      `filesystem   ${facts === null ? "unknown (no plans root)" : (facts.fsType ?? "unknown (no /proc/mounts)")}`,
      facts === null
        ? "backend      unknown (no plans root)"
        : `backend      ${facts.choice.backend}${facts.choice.intervalMs === null ? "" : ` every ${facts.choice.intervalMs} ms`} — ${facts.choice.reason}`,
      inotify === null
        ? "inotify      not available here"
        : `inotify      ${countOf(inotify.watchesInUse, "watch")} in use by your processes of ${n(inotify.maxUserWatches)} (max_user_watches)${facts === null ? "" : `; this root needs about ${n(facts.folders)}`}`,
      `config       ${ws.configFiles.length === 0 ? "no config files read (defaults)" : ws.configFiles.join(", ")}`,
      `  live       watch=${ws.config.watch} pollInterval=${ws.config.pollInterval} ms rescanInterval=${ws.config.rescanInterval} ms debounce=${ws.config.debounce} ms`,
      `lock         ${doc.lock === null ? "none" : `${doc.lock.alive ? "held" : "dead"} by ${doc.lock.pid === null ? "an unreadable lock file" : `pid ${doc.lock.pid} on ${doc.lock.host}`} since ${doc.lock.since}`}`,
      `trust        ${ws.root === null || ws.rootSource === null ? "no plans root" : trustText(ws.trust, { root: ws.root, source: ws.rootSource })}`,
      `notify       ${notifyReport(ctx, ws.config.notify).text}`,
      `terminal     stdout ${terminal.stdoutTTY ? "is" : "is not"} a TTY, stdin ${terminal.stdinTTY ? "is" : "is not"}; colour ${terminal.color ? "on" : "off"}; ${terminal.unicode ? "unicode" : "ascii"}; ${terminal.columns ?? "?"}×${terminal.rows ?? "?"}; TERM=${terminal.term ?? "(unset)"}`,
      `build        ${describeBuild(doc.build, `${process.platform}-${process.arch}`)}`,
      ...ws.warnings.map((w) => `warning      ${w}`),
      ...(problems.length === 0 ? ["problems     none"] : problems.map((p) => `problem      ${formatProblem(p)}`)),
    ];
    // Said the way the backend line says it: the trial watch decides, the count only warns ahead.
    const watchError = facts?.watchError ?? null;
    if (watchError === "ENOSPC" || watchError === "EMFILE") {
      const limit = watchError === "ENOSPC" ? "fs.inotify.max_user_watches" : "fs.inotify.max_user_instances";
      lines.push("", `warning: out of inotify ${watchError === "ENOSPC" ? "watches" : "instances"}, so plandash polls. Raise ${limit} (sysctl) for live file events.`);
    } else if (facts !== null && facts.choice.backend === "fs" && inotify !== null && inotify.maxUserWatches !== null && inotify.watchesInUse + facts.folders > inotify.maxUserWatches) {
      lines.push("", "warning: few inotify watches left; file events work now, but plandash falls back to polling if they run out. Raise fs.inotify.max_user_watches (sysctl) or use --poll.");
    }
    writeText(ctx, `${lines.join("\n")}\n`);
    return exitCode;
  },
};

/** What can only be said with a plans root: its filesystem, the backend `auto` picks (really tried), its size, the lock. */
async function rootFacts(ctx: CommandContext, ws: WorkspaceContext, problems: DoctorProblem[]) {
  const root = ws.root;
  let realRoot = root;
  try {
    realRoot = ctx.ports.fs.realPath(root);
  } catch {
    // ENOENT: diagnoseWorkspace just listed it; a race with its removal shows up below as a watch error.
  }
  const fsType = fsTypeOf(() => ctx.ports.fs.readMounts(), realRoot);
  let choice = chooseBackend({ mode: ws.config.watch, pollIntervalMs: ws.config.pollInterval, fsType, ...optionalSource(modeSourceOf(undefined, ctx, ws)) });
  let watchError: string | null = null;
  if (choice.backend === "fs") {
    // Try it for real, as `watch` would: ENOSPC / EMFILE here (or just after) is what makes `auto` poll.
    const failure = await tryFsWatch(ctx.ports.fs, ctx.ports.clock, root);
    if (failure !== null) {
      watchError = failure.code;
      choice = pollAfterFailure(failure, ws.config.pollInterval);
      problems.push({ code: watchError, message: `fs.watch failed (${watchError}); live updates fall back to polling`, where: root, hint: "raise fs.inotify.max_user_watches / max_user_instances, or set watch to poll" });
    }
  }
  // SPEC §4: a poll interval stretches on a tree whose check costs more than 5 % of it; say the one `watch` would use.
  choice = trialPollChoice(choice, { fs: ctx.ports.fs, clock: ctx.ports.clock, root, maxDepth: ws.config.maxDepth, staleExecutionDays: ws.config.staleExecutionDays, elapsedMs: () => performance.now() });
  let lock = null;
  try {
    const holder = inspectLock(realLockDeps(ctx.ports, ctx.version), root);
    lock = holder === null ? null : lockJsonOf(holder);
  } catch (error) {
    problems.push({ code: osErrorCode(error) ?? "EIO", message: `cannot read the lock (${osErrorCode(error) ?? String(error)})`, where: lockFilePath(root), hint: "check that the .plandash folder under the plans root is a writable folder" });
  }
  return { realRoot, fsType, choice, watchError, folders: countFolders(root), lock };
}

function optionalSource(source: string | undefined): { modeSource?: string } {
  return source === undefined ? {} : { modeSource: source };
}
