/**
 * `plandash demo [--keep] [--seconds N]` (SPEC §9.6): the example workspace in a temporary folder,
 * a simulated agent working through it, and the dashboard on it. Without a terminal it prints
 * the changes as `plandash watch` does for N seconds, then exits 0. The folder is removed on every
 * way out unless --keep.
 */
import type { DemoAgentEvent } from "../../demo/agent";
import { describeStep } from "../../demo/script";
import { createDebug } from "../../util/debug";
import { osErrorCode, PlandashError } from "../../util/errors";
import type { CommandContext, CommandSpec, ParsedArgs } from "../command";
import { flagOption, stringOption } from "../command";
import { DEMO_GREETING, makeDemoWorkspace, startDemoAlongside } from "../demo-session";
import { EXIT } from "../exit";
import { engineFor } from "../live-context";
import { writeText } from "../render";
import { unicodeEnabled } from "../../ui/theme";
import { shellQuote } from "../../util/shell-quote";
import { resolveWorkspace, type WorkspaceContext } from "../workspace-context";
import { openDashboard } from "./dashboard";
import { diffToHuman } from "./watch";

export const DEFAULT_DEMO_SECONDS = 20;
/** A day: past that a typo is likelier than a wish. */
const MAX_DEMO_SECONDS = 86_400;

function secondsOf(args: ParsedArgs): number {
  const given = stringOption(args, "seconds");
  if (given === undefined) return DEFAULT_DEMO_SECONDS;
  const n = Number(given);
  if (given.trim() === "" || !Number.isFinite(n) || n <= 0 || n > MAX_DEMO_SECONDS) {
    throw new PlandashError("EUSAGE", `--seconds ${given}: give a number of seconds from above 0 to ${MAX_DEMO_SECONDS}`, { where: "plandash demo", hint: "e.g. --seconds 30" });
  }
  return n;
}

function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

function agentLine(e: DemoAgentEvent): string | null {
  switch (e.type) {
    case "wrote":
      return `${clockTime(e.at)} ${describeStep(e.step)} (${e.file.rel})`;
    case "refused":
      return `${clockTime(e.at)} ! ${describeStep(e.step)} refused: ${e.error.message}`;
    case "stopped":
      return `${clockTime(e.at)} the demo agent stopped: ${e.reason === "done" ? "every step is done" : "its writes keep being refused"}`;
  }
}

/** No terminal: the agent works, the changes are printed as watch prints them, for `seconds`. */
async function printDemo(ctx: CommandContext, ws: WorkspaceContext, seconds: number): Promise<number> {
  const engine = engineFor(ctx, ws, undefined, createDebug(ctx.ports.env, (line) => ctx.stderr.write(`${line}\n`)));
  const done = Promise.withResolvers<number>();
  const write = (lines: readonly (string | null)[]): void => {
    const shown = lines.filter((l): l is string => l !== null);
    if (shown.length === 0) return;
    try {
      // Lines quote file names and refusals: sanitized on the way out (SPEC §3.1).
      writeText(ctx, `${shown.join("\n")}\n`);
    } catch (error) {
      // The reader went away (`plandash demo | head`): the demo ends quietly.
      if (osErrorCode(error) === "EPIPE") done.resolve(EXIT.ok);
      else done.reject(error);
    }
  };
  const onAbort = (): void => done.resolve(EXIT.ok);
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  const timer = ctx.ports.clock.setTimeout(() => done.resolve(EXIT.ok), seconds * 1000);
  let unsubscribe = (): void => {};
  let stopAgent = (): void => {};
  try {
    if (ctx.signal.aborted) return EXIT.ok;
    await engine.start();
    write([`${clockTime(ctx.ports.clock.now())} demo: ${engine.state.plans.length} plans in ${ws.root}; an agent writes a document every 2–3 s for ${seconds} s`]);
    unsubscribe = engine.subscribe((event) => {
      if (event.type === "update") write(diffToHuman(event.diff, event.at, unicodeEnabled(ctx.ports.env)));
    });
    stopAgent = startDemoAlongside(ctx, ws, engine, (e) => write([agentLine(e)]));
    return await done.promise;
  } finally {
    ctx.ports.clock.clearTimeout(timer);
    ctx.signal.removeEventListener("abort", onAbort);
    stopAgent();
    unsubscribe();
    await engine.stop();
  }
}

export const demoCommand: CommandSpec = {
  name: "demo",
  summary: "see plandash at work: a simulated agent writes plans in a temporary workspace while the dashboard shows it",
  usage: "plandash demo [--keep] [--seconds N]",
  maxPositionals: 0,
  options: {
    keep: { type: "boolean", description: "keep the temporary workspace on exit (its path is printed)" },
    seconds: { type: "string", valueName: "N", description: `without a terminal: print the changes for N seconds, then exit (default ${DEFAULT_DEMO_SECONDS})` },
  },
  details: [
    "Copies the built-in example workspace to a new temporary folder and opens the dashboard on it.",
    "An agent then works through ONBOARDING-DOCS, a step every 2–3 s: a SUBPLAN, an EXECUTION_TASK,",
    "the work marked Complete, a reviewer's FIX, the agent's RESOLUTION, the APPROVED, the next",
    "achievement; a new plan appears once. Everything is written inside the temporary folder,",
    "which is removed on exit (q, Ctrl-C, the end of --seconds) unless --keep.",
    "",
    "Examples:",
    "  plandash demo",
    "  plandash demo --seconds 10 | cat      # the changes as `plandash watch` prints them",
  ].join("\n"),
  async run(ctx, args) {
    if (stringOption(args, "root") !== undefined) {
      throw new PlandashError("EUSAGE", "--root does not apply: the demo makes its own temporary workspace", { where: "plandash demo", hint: "run `plandash --root DIR` for the dashboard on DIR" });
    }
    const seconds = secondsOf(args);
    const keep = flagOption(args, "keep");
    const dir = makeDemoWorkspace(ctx, keep);
    const ws = resolveWorkspace(ctx, { values: { ...args.values, root: dir }, positionals: [] });
    const code = ctx.ports.terminal.interactive
      ? await openDashboard(ctx, args, ws, {
          demoDir: dir,
          modeSource: undefined,
          greeting: { text: `Demo: ${DEMO_GREETING}${keep ? " (the folder is kept)" : ""}`, tone: "info" },
          alongside: (engine) => startDemoAlongside(ctx, ws, engine),
        })
      : await printDemo(ctx, ws, seconds);
    if (!keep) ctx.ports.fs.removeTree(dir);
    writeText(ctx, keep ? `The demo workspace is kept in ${dir} (plandash --root ${shellQuote(dir)})\n` : `Demo over; removed ${dir}\n`);
    return code;
  },
};
