/**
 * `plandash lock [--json] [--clear [--force]]` (SPEC §5): who holds the dashboard lock, and removing
 * a dead one. Plus the hidden, test-only `plandash lock-hold`, which holds the lock until a signal.
 */
import { clearLock, createLock, DEFAULT_BUSY_WAIT_MS, inspectLock, lockFilePath, type Holder } from "../../lock/lock";
import { createLockMonitor } from "../../lock/monitor";
import { realLockDeps } from "../../ports";
import { isPlandashError, osErrorCode, PlandashError } from "../../util/errors";
import type { CommandContext, CommandSpec, ParsedArgs } from "../command";
import { flagOption, stringOption } from "../command";
import { EXIT } from "../exit";
import { writeJson, writeText } from "../render";
import { printWarnings, resolveWorkspace } from "../workspace-context";
import { describeHolder, lockJsonOf } from "./lock-info";

export const lockCommand: CommandSpec = {
  name: "lock",
  summary: "show who holds the dashboard lock; --clear removes a dead one",
  usage: "plandash lock [--json] [--clear [--force]] [--root DIR]",
  maxPositionals: 0,
  options: {
    json: { type: "boolean", description: 'print {"lock": <the lock object of status --json> | null}' },
    clear: { type: "boolean", description: "remove the lock if its holder is dead (refuses a live one, exit 1)" },
    force: { type: "boolean", description: "with --clear: remove it even if its holder is alive" },
  },
  details: [
    "The lock lives in <plans root>/.plandash/dashboard.lock. Only the dashboard that holds it",
    "creates files; others open read-only. A dead holder's lock is taken over automatically by the",
    "next dashboard, so --clear is rarely needed. --force on a live dashboard makes it read-only.",
    "",
    "Examples:",
    "  plandash lock",
    "  plandash lock --json | jq .lock.pid",
    "  plandash lock --clear",
  ].join("\n"),
  async run(ctx, args) {
    if (flagOption(args, "force") && !flagOption(args, "clear")) {
      throw new PlandashError("EUSAGE", "--force only goes with --clear", { where: "plandash lock", hint: "plandash lock --clear --force" });
    }
    const { root, warnings } = resolveWorkspace(ctx, args);
    printWarnings(ctx, warnings);
    return withLockFileErrors(root, () => showOrClear(ctx, args, root));
  },
};

function showOrClear(ctx: CommandContext, args: ParsedArgs, root: string): number {
  const deps = realLockDeps(ctx.ports, ctx.version);
  if (!flagOption(args, "clear")) {
    const holder = inspectLock(deps, root);
    if (flagOption(args, "json")) writeJson(ctx.stdout, { lock: holder === null ? null : lockJsonOf(holder) });
    else writeText(ctx, `${holder === null ? `No dashboard holds the lock (${lockFilePath(root)}).` : describeHolder(holder, lockFilePath(root))}\n`);
    return EXIT.ok;
  }
  const result = clearLock(deps, root, { force: flagOption(args, "force") });
  if (result.kind === "refused") {
    throw new PlandashError("EREFUSED", `the lock is held by a live dashboard (${who(result.holder)}); not removed`, {
      where: lockFilePath(root),
      hint: "quit that dashboard, or add --force to remove it anyway (that dashboard turns read-only)",
    });
  }
  if (flagOption(args, "json")) writeJson(ctx.stdout, { lock: null, cleared: result.kind === "cleared" ? lockJsonOf(result.holder) : null });
  else writeText(ctx, result.kind === "free" ? "No lock to clear.\n" : `Removed the lock of ${who(result.holder)}.\n`);
  return EXIT.ok;
}

/** An OS error on the lock files (EACCES, EROFS, EISDIR…) becomes one clear line naming the file. */
export async function withLockFileErrors<T>(root: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const code = osErrorCode(error);
    if (isPlandashError(error) || code === undefined) throw error;
    throw new PlandashError("EIO", `cannot use the lock file (${code})`, {
      where: lockFilePath(root),
      hint: "check that the .plandash folder under the plans root is a writable folder",
      cause: error,
    });
  }
}

function who(holder: Holder): string {
  const r = holder.record;
  return r === null ? `an unreadable lock file (${holder.problem ?? "corrupt"})` : `pid ${r.pid} on ${r.host}`;
}

/**
 * Test-only: holds the lock like a dashboard would, without a terminal, until SIGINT/SIGTERM/SIGHUP.
 * The end-to-end tests use it to check every way out releases the lock.
 */
export const lockHoldCommand: CommandSpec = {
  name: "lock-hold",
  summary: "test-only: hold the dashboard lock until a signal",
  usage: "plandash lock-hold [--takeover] [--crash=throw|uncaught|reject] [--root DIR]",
  maxPositionals: 0,
  hidden: true,
  options: {
    takeover: { type: "boolean", description: "replace a live holder's record (explicit takeover)" },
    crash: { type: "string", valueName: "HOW", description: "after taking the lock, fail: throw (from the command), uncaught (from a timer), reject (unhandled)" },
  },
  details: [
    "Test-only, hidden from `plandash --help`: the end-to-end tests use it to hold the lock from the",
    "compiled binary. Prints one JSON line once the lock is held, then one per change the lock",
    'monitor sees ({"event":"lost"|"freed"|"held","pid":…,"host":…}), waits for SIGINT/SIGTERM/SIGHUP,',
    "releases the lock (only if still ours) and exits 130/143/129. Exit 1 when a live holder has it.",
  ].join("\n"),
  async run(ctx, args) {
    const { root, warnings } = resolveWorkspace(ctx, args);
    printWarnings(ctx, warnings);
    const lock = createLock(realLockDeps(ctx.ports, ctx.version), root);
    const result = await withLockFileErrors(root, () => (flagOption(args, "takeover") ? lock.takeover() : lock.acquire()));
    if (result.kind === "held-by-other") {
      throw new PlandashError("ELOCKED", `the lock is held by another dashboard (${who(result.holder)})`, {
        where: lock.file,
        hint: "quit it, or use --takeover",
      });
    }
    if (result.kind === "busy") {
      throw new PlandashError("ELOCKED", `another process kept changing the lock for ${DEFAULT_BUSY_WAIT_MS / 1000} s`, { where: lock.file, hint: "try again in a moment" });
    }
    const dropHook = ctx.atExit(() => lock.releaseSync());
    const replaced = result.replaced === null ? null : lockJsonOf(result.replaced);
    ctx.stdout.write(`${JSON.stringify({ held: true, pid: result.record.pid, nonce: result.record.nonce, replaced })}\n`);
    const crash = stringOption(args, "crash");
    if (crash === "throw") throw new Error("test-only crash after taking the lock");
    if (crash === "uncaught") {
      ctx.ports.clock.setTimeout(() => {
        throw new Error("test-only uncaught crash after taking the lock");
      }, 1);
    }
    if (crash === "reject") {
      ctx.ports.clock.setTimeout(() => void Promise.reject(new Error("test-only unhandled rejection after taking the lock")), 1);
    }
    // Like a dashboard: hear at once when the lock is taken or freed. Its timer is also what keeps
    // the wait idle (with only signal handlers pending, Bun 1.4.5 spins a core).
    const monitor = createLockMonitor({
      lock,
      clock: ctx.ports.clock,
      role: "holder",
      onChange: (event) => {
        const r = event.holder?.record ?? null;
        ctx.stdout.write(`${JSON.stringify({ event: event.kind, pid: r?.pid ?? null, host: r?.host ?? null, alive: event.holder?.alive ?? null })}\n`);
      },
      onError: (error) => ctx.stderr.write(`plandash: warning: cannot check the lock (${osErrorCode(error) ?? String(error)}) (${lock.file})\n`),
    });
    await waitForAbort(ctx);
    await monitor.stop();
    await lock.release();
    dropHook();
    return EXIT.ok;
  },
};

function waitForAbort(ctx: CommandContext): Promise<void> {
  if (ctx.signal.aborted) return Promise.resolve();
  return new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
}
