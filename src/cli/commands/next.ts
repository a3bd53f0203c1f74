/** `plandash next [PLAN] [--print|--copy|--run] [--json]` (SPEC §7): the next step and its agent prompt. */
import { runAgent, noAgentCommand } from "../../actions/agent";
import { copyToClipboard } from "../../actions/clipboard";
import { choosePlanForNext, nextStepPrompt, type NextPrompt } from "../../actions/next";
import { realProcessRunner } from "../../ports";
import type { Plan } from "../../core/types";
import { PlandashError } from "../../util/errors";
import type { CommandContext, CommandSpec, ParsedArgs } from "../command";
import { flagOption } from "../command";
import { EXIT } from "../exit";
import { writeJson, writeText } from "../render";
import { loadForAction } from "../action-context";
import { untrustedCommandError } from "../trust-gate";
import { countOf } from "../../ui/plural";

const USAGE = "plandash next [PLAN] [--print|--copy|--run] [--json] [--root DIR]";

function mode(args: ParsedArgs): "print" | "copy" | "run" | "json" {
  const chosen = (["print", "copy", "run", "json"] as const).filter((m) => flagOption(args, m));
  if (chosen.length > 1) throw new PlandashError("EUSAGE", `--${chosen.join(" and --")} cannot be combined`, { hint: `usage: ${USAGE}` });
  return chosen[0] ?? "print";
}

function headline(p: NextPrompt): string {
  return `${p.plan} — Achievement ${p.achievement}${p.title === "" ? "" : `: ${p.title}`}\nStep: ${p.step}\n`;
}

function nothingToDo(plan: Plan | null): string {
  if (plan === null) return "Nothing to do: every plan is complete, paused or empty.";
  return plan.achievements.length === 0
    ? `${plan.id} has no achievements yet; add an Achievement Index to ${plan.planFile}.`
    : `${plan.id} is complete: ${plan.achievements.length === 1 ? "its only achievement is" : `all ${plan.achievements.length} achievements are`} approved.`;
}

export const nextCommand: CommandSpec = {
  name: "next",
  summary: "show a plan's next step and a ready-to-paste prompt for an LLM agent",
  usage: USAGE,
  maxPositionals: 1,
  arguments: ["plan"],
  options: {
    print: { type: "boolean", description: "print the step and the prompt (the default)" },
    copy: { type: "boolean", description: "copy the prompt: OSC 52 on a terminal, and the first of wl-copy / xclip / xsel / pbcopy that works" },
    run: { type: "boolean", description: "hand the prompt to the configured agentCommand, with the terminal" },
    json: { type: "boolean", description: "print {plan, achievement, title, step, prompt, files}" },
  },
  details: [
    "Without PLAN: the first plan in status order that is not paused and not complete.",
    "PLAN is a plan id, a name (any case, @ allowed) or a row number of `plandash status`.",
    "Prompt templates: built in, or <plans root>/.plandash/prompts/<step>.md (see README).",
    "",
    "Examples:",
    "  plandash next",
    "  plandash next @auth-refactor --copy",
    "  plandash next 2 --json | jq -r .prompt",
    '  plandash next --run        # with {"agentCommand": "claude {prompt}"} in your config (a workspace config: after plandash trust)',
  ].join("\n"),
  async run(ctx, args) {
    const how = mode(args);
    const { ws, plans, deps } = loadForAction(ctx, args);
    const command = ws.config.agentCommand;
    if (how === "run" && command === null) throw untrustedCommandError(ws.trust, "agentCommand", { root: ws.root, source: ws.rootSource }) ?? noAgentCommand();
    const query = args.positionals[0];
    const chosen = choosePlanForNext(plans, query);
    let plan: Plan | null = null;
    if (chosen.ok) plan = chosen.value;
    else if (query !== undefined || chosen.error.code !== "ENOSTEP") throw chosen.error;

    const built = plan === null ? ({ ok: true, value: null } as const) : nextStepPrompt(deps, plan);
    if (!built.ok) throw built.error;
    const next = built.value;
    for (const w of next?.warnings ?? []) ctx.stderr.write(`plandash: warning: ${w}\n`);

    if (next === null) {
      if (how === "json") {
        writeJson(ctx.stdout, { plan: plan?.id ?? null, achievement: null, title: null, step: null, prompt: null, files: null, root: ws.root });
        return EXIT.ok;
      }
      if (how === "copy" || how === "run") {
        throw new PlandashError("ENOSTEP", `nothing to ${how}: ${nothingToDo(plan).replace(/\.$/, "")}`, { hint: "name another plan: plandash next PLAN" });
      }
      writeText(ctx, `${nothingToDo(plan)}\n`);
      return EXIT.ok;
    }

    if (how === "json") {
      const { warnings: _w, ...doc } = next;
      writeJson(ctx.stdout, { ...doc, root: ws.root });
      return EXIT.ok;
    }
    writeText(ctx, headline(next));
    if (how === "print") {
      writeText(ctx, `\n${next.prompt.trimEnd()}\n`);
      return EXIT.ok;
    }
    const runner = realProcessRunner(ctx.ports.env);
    if (how === "copy") {
      const copied = await copyToClipboard(next.prompt, { isTTY: ctx.stdout.isTTY, writeTerminal: (s) => ctx.stdout.write(s), runner });
      if (copied.via.length > 0) {
        writeText(ctx, `Copied the prompt (${countOf(next.prompt.split("\n").length, "line")}) with ${copied.via.join(" and ")}.\n`);
      } else {
        writeText(ctx, `No clipboard found (${copied.notes.join("; ")}); here is the prompt:\n\n${next.prompt.trimEnd()}\n`);
      }
      return EXIT.ok;
    }
    if (command === null) throw noAgentCommand();
    writeText(ctx, `Running ${command}\n`);
    const sharesTerminal = ctx.stdinIsTTY || ctx.stdout.isTTY || ctx.stderr.isTTY;
    const result = await runAgent({ runner, fs: ctx.ports.fs }, command, next.prompt, { signal: ctx.signal, sharesTerminal });
    if (ctx.signal.aborted) {
      const ended = result.signal !== null ? `was ended by ${result.signal}` : `ended (exit ${result.exitCode})`;
      const passed = result.forwarded !== null ? "passed it on to the agent, which" : "the agent got it from the terminal and";
      ctx.stderr.write(`plandash: stopped by ${String(ctx.signal.reason)}; ${passed} ${ended}\n`);
      return EXIT.failed;
    }
    if (result.exitCode === 0) {
      writeText(ctx, `Agent finished (exit 0).\n`);
      return EXIT.ok;
    }
    const how_ = result.spawnError !== null ? `could not start (${result.spawnError})` : result.signal !== null ? `was ended by ${result.signal}` : `exited with code ${result.exitCode}`;
    ctx.stderr.write(`plandash: the agent command ${how_} — check agentCommand in ${ws.root}/.plandash/config.json\n`);
    return EXIT.failed;
  },
};
