/**
 * `plandash` with no command: the interactive, live dashboard (SPEC §6). Without a terminal on
 * stdin and stdout it prints status and exits at once; it never waits on a prompt. With no
 * workspace it runs the demo (a temporary copy of the example workspace, its agent included).
 */
import { realLockDeps, realProcessRunner } from "../../ports";
import type { Engine } from "../../live/engine";
import type { WorkspaceState } from "../../core/types";
import { createLock, type DashboardLock } from "../../lock/lock";
import { startApp } from "../../ui/app";
import type { LockView } from "../../ui/app-state";
import { clackPrompter } from "../../ui/prompter";
import { createScreenSession } from "../../ui/terminal";
import { noDebug } from "../../util/debug";
import { isPlandashError, PlandashError } from "../../util/errors";
import { loadPlan, scanInOrder } from "../../workspace/load";
import type { CommandContext, CommandSpec, ParsedArgs } from "../command";
import { flagOption } from "../command";
import { EXIT } from "../exit";
import { createLockSession, holderInfo } from "../dashboard-lock";
import { collectStartGarbage, engineFor } from "../live-context";
import { themeFor } from "../render";
import { loadFromContext, printWarnings, resolveWorkspace, type WorkspaceContext } from "../workspace-context";
import { printStatus } from "./status";
import { liveFlags, modeSourceOf } from "./watch";
import { askSecondInstance } from "../second-instance";
import { DEMO_GREETING, makeDemoWorkspace, startDemoAlongside } from "../demo-session";
import { startAttentionSignals } from "../notify-wiring";

export const dashboardCommand: CommandSpec = {
  name: "dashboard",
  summary: "the live dashboard (the default; prints status when not on a terminal)",
  usage: "plandash [dashboard] [--read-only | --takeover] [--poll[=MS] | --no-watch] [--root DIR]",
  maxPositionals: 0,
  options: {
    json: { type: "boolean", description: "without a terminal: print status as JSON" },
    "read-only": { type: "boolean", description: "when another dashboard holds the lock: open read-only without asking" },
    takeover: { type: "boolean", description: "when another dashboard holds the lock: take it over without asking" },
    poll: { type: "string", optionalValue: true, valueName: "MS", description: "poll the disk instead of file system events" },
    "no-watch": { type: "boolean", description: "no live updates: refresh with r" },
  },
  details: [
    "Keys: ↑/↓ j/k move, Enter opens, / filters, r refreshes, ? shows every key, q goes back or quits.",
    "On a plan: n next-step prompt, c copy it, x run agentCommand, s SUBPLAN, e EXECUTION_TASK,",
    "a approve, f request a fix, o open in the editor.",
    "",
    "Only one dashboard per workspace may create files (the lock); a second one asks whether to",
    "open read-only, take over, or quit.",
  ].join("\n"),
  async run(ctx, args) {
    if (flagOption(args, "read-only") && flagOption(args, "takeover")) {
      throw new PlandashError("EUSAGE", "--read-only and --takeover contradict each other", { hint: "pick one" });
    }
    const flags = liveFlags(args);
    const interactive = ctx.ports.terminal.interactive && !flagOption(args, "json");
    let ws: WorkspaceContext;
    let demoDir: string | null = null;
    try {
      ws = resolveWorkspace(ctx, args, flags.layer);
    } catch (error) {
      if (!isPlandashError(error) || error.code !== "ENOROOT" || flagOption(args, "json")) throw error;
      demoDir = makeDemoWorkspace(ctx, false);
      if (!interactive) ctx.stdout.write(`No workspace found (${error.message}); showing the built-in demo workspace. Run \`plandash init\` to create your own.\n`);
      ws = resolveWorkspace(ctx, { values: { ...args.values, root: demoDir }, positionals: [] }, flags.layer);
    }
    if (!interactive) {
      printWarnings(ctx, ws.warnings);
      const loaded = loadFromContext(ctx, ws);
      printWarnings(ctx, loaded.warnings);
      return printStatus(ctx, args, loaded.state, undefined);
    }
    const demoWs = ws;
    return openDashboard(ctx, args, ws, {
      demoDir,
      modeSource: modeSourceOf(flags.source, ctx, ws),
      // No workspace here: `plandash demo`, agent included (SPEC §1.1, §9.6).
      greeting: demoDir === null ? null : { text: `No workspace found here, so this is the demo: ${DEMO_GREETING}`, tone: "info" },
      ...(demoDir === null ? {} : { alongside: (engine: Engine) => startDemoAlongside(ctx, demoWs, engine) }),
    });
  },
};

/**
 * Takes the lock, or asks what to do when a live dashboard has it. `--read-only` never takes it
 * (a dashboard asked to watch must not block the next one). null: quit, with that exit code.
 */
async function decideRole(ctx: CommandContext, args: ParsedArgs, lock: DashboardLock, colors: boolean): Promise<LockView | { readonly exit: number }> {
  if (flagOption(args, "read-only")) {
    const holder = lock.inspect();
    return { role: "read-only", holder: holderInfo(holder), free: holder === null || !holder.alive };
  }
  const first = await lock.acquire();
  if (first.kind === "held") return { role: "holder" };
  const choice = flagOption(args, "takeover") ? "takeover" : await askSecondInstance(ctx.ports.terminal, first.holder, colors);
  if (choice === "quit") return { exit: EXIT.ok };
  if (choice === "interrupted") return { exit: EXIT.sigint };
  if (choice === "read-only") return { role: "read-only", holder: holderInfo(first.holder), free: false };
  const taken = await lock.takeover();
  return taken.kind === "held" ? { role: "holder" } : { role: "read-only", holder: holderInfo(taken.holder), free: false };
}

export interface DashboardOptions {
  /** A temporary demo copy the footer names (removed on exit by whoever made it). */
  readonly demoDir: string | null;
  readonly modeSource: string | undefined;
  /** The first footer message. */
  readonly greeting?: { readonly text: string; readonly tone: "info" | "good" | "warn" } | null;
  /** Called once the engine runs, with it; the returned function is called on the way out (e.g. the demo's agent). */
  readonly alongside?: (engine: Engine) => () => void;
}

/** Below this many plans the engine's full read is about as quick as reading a screenful first. */
const FIRST_SCREENFUL_FROM = 100;

/**
 * The plans of the first screen, read in display order before the engine reads the whole
 * workspace (SPEC §10: the first full screen at 1,000 plans within 400 ms); null for a small
 * workspace, or when the root cannot be listed (the engine reports that).
 */
function firstScreenful(ctx: CommandContext, ws: WorkspaceContext, rows: number): { data: WorkspaceState; loading: number } | null {
  const { fs, clock } = ctx.ports;
  try {
    const { planDirs } = scanInOrder(fs, ws.root, ws.config.maxDepth);
    if (planDirs.length < FIRST_SCREENFUL_FROM) return null;
    const nowMs = clock.now();
    const plans = planDirs.slice(0, rows).map((dir) => loadPlan(fs, dir, { nowMs, staleExecutionDays: ws.config.staleExecutionDays }));
    return { data: { root: ws.root, plans, scannedAt: nowMs }, loading: planDirs.length };
  } catch {
    return null;
  }
}

/** The interactive dashboard on `ws`, until the user quits or a signal ends it. Shared by `plandash` and `plandash demo`. */
export async function openDashboard(ctx: CommandContext, args: ParsedArgs, ws: WorkspaceContext, options: DashboardOptions): Promise<number> {
  const { demoDir, modeSource } = options;
  const { ports } = ctx;
  const lock = createLock(realLockDeps(ports, ctx.version), ws.root);
  ctx.atExit(() => void lock.releaseSync());
  const theme = themeFor(ctx, args, { isTTY: true, columns: undefined, write: () => {} });
  const role = await decideRole(ctx, args, lock, theme.colors);
  if ("exit" in role || ctx.signal.aborted) {
    await lock.release();
    return "exit" in role ? role.exit : EXIT.ok;
  }
  const engine = engineFor(ctx, ws, modeSource, noDebug);
  const screen = createScreenSession(ports.terminal);
  ctx.atExit(() => screen.restore());
  const session = createLockSession(lock, ports.clock, role, () => ports.fs.statOrNull(ws.root)?.kind === "dir");
  try {
    const first = firstScreenful(ctx, ws, ports.terminal.size().rows);
    if (first === null) await engine.start();
    const app = startApp({
      terminal: ports.terminal,
      screen,
      clock: ports.clock,
      theme,
      engine,
      prompter: clackPrompter(ports.terminal, theme.colors),
      lock: session,
      actions: {
        fs: ports.fs,
        root: ws.root,
        clock: ports.clock,
        staleExecutionDays: ws.config.staleExecutionDays,
        runner: realProcessRunner(ports.env),
        env: ports.env,
        cwd: ports.cwd,
        agentCommand: ws.config.agentCommand,
        editor: ws.config.editor,
        signal: ctx.signal,
      },
      holdInterrupts: () => ctx.holdInterrupts(),
      facts: { hasAgentCommand: ws.config.agentCommand !== null, staleAfterMinutes: ws.config.staleAfterMinutes, demoDir },
      warnings: ws.warnings,
      signal: ctx.signal,
      ...(ports.env.PLANDASH_TEST_CRASH_KEY === undefined ? {} : { crashKey: ports.env.PLANDASH_TEST_CRASH_KEY }),
      greeting: options.greeting ?? null,
      first,
    });
    if (first !== null) {
      // The first screen reaches the terminal before the (synchronous) full read.
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      await engine.start();
      app.loaded();
    }
    collectStartGarbage();
    const stopAlongside = options.alongside?.(engine) ?? (() => {});
    // SPEC §8 notify: BEL / OSC 9 through the terminal (a bell or an OSC moves nothing on the screen).
    const stopNotify = startAttentionSignals(ctx, ws.config.notify, engine, false);
    try {
      return await app.done;
    } finally {
      stopNotify();
      stopAlongside();
    }
  } finally {
    screen.restore();
    await session.stop();
    await engine.stop();
    await lock.release();
  }
}
