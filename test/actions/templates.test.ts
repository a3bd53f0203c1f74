import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { nextStepPrompt } from "../../src/actions/next";
import { BUILTIN_TEMPLATES, fillTemplate, loadTemplate, PLACEHOLDERS, STEPS, type TemplateValues } from "../../src/actions/templates";
import { realFs } from "../../src/ports";
import { planDir, tempWorkspace } from "../helpers/workspace";
import { depsFor, planById } from "./support";

/** One achievement in each state that has a step. */
const SPEC = planDir("ALPHA", {
  index: ["1.1 Write the parser", "1.2 Add the cache", "1.3 Wire the CLI", "1.4 Fix the docs", "1.5 Ship it", "1.6 Done already"],
  subplans: ["12", "13", "14", "15", "16"],
  executions: { "13": ["In Progress"], "14": ["Complete"], "15": ["Complete"], "16": ["Complete"] },
  fixes: ["14"],
  approved: ["16"],
  extra: { "execution/EXECUTION_TASK_ALPHA_15_02_V2.md": "# E\n\n**Status**: Complete\n" },
});

const KNOWN_PLACEHOLDER = new RegExp(`\\{(${Object.keys(PLACEHOLDERS).join("|")})\\}`);

describe("built-in templates", () => {
  test("there is one template per step, and each uses only known placeholders", () => {
    expect(Object.keys(BUILTIN_TEMPLATES).sort()).toEqual([...STEPS].sort());
    for (const step of STEPS) {
      for (const m of BUILTIN_TEMPLATES[step].matchAll(/\{([A-Za-z]+)\}/g)) expect(Object.keys(PLACEHOLDERS)).toContain(m[1] ?? "");
    }
  });

  test.each([
    ["1.1", "create-subplan", ["subplans/SUBPLAN_ALPHA_11.md", "plandash new subplan ALPHA 1.1"], ["EXECUTION_TASK"]],
    ["1.2", "create-execution", ["execution/EXECUTION_TASK_ALPHA_12_01.md", "subplans/SUBPLAN_ALPHA_12.md", "plandash new execution ALPHA 1.2"], ["FIX request:"]],
    ["1.3", "continue-execution", ["execution/EXECUTION_TASK_ALPHA_13_01.md", "attempt 1, not complete", "subplans/SUBPLAN_ALPHA_13.md"], ["FIX request:"]],
    ["1.4", "address-fix", ["execution/feedbacks/FIX_14.md", "execution/feedbacks/FIX_14_RESOLUTION.md", "execution/EXECUTION_TASK_ALPHA_14_01.md"], []],
    ["1.5", "review", ["execution/EXECUTION_TASK_ALPHA_15_02_V2.md", "execution/feedbacks/APPROVED_15.md", "execution/feedbacks/FIX_15.md", "--approve", "--fix"], ["_15_01.md\n"]],
  ] as const)("achievement %s gets the %s template with its paths filled in", async (id, step, mustHave, mustNotHave) => {
    await using ws = await tempWorkspace({ ALPHA: SPEC });
    const plan = planById(ws, "ALPHA");
    const r = nextStepPrompt(depsFor(ws), plan, id);
    if (!r.ok || r.value === null) throw new Error("expected a prompt");
    const p = r.value;
    const title = plan.achievements.find((a) => a.id === id)?.title ?? "";
    expect(p.step).toBe(step);
    expect(p.template).toBe("built-in");
    expect(p.prompt).toContain(`"ALPHA"`);
    expect(p.prompt).toContain(`Achievement ${id}: ${title}`);
    expect(p.prompt).toContain(path.join(ws.root, "ALPHA", "PLAN_ALPHA.md"));
    for (const s of mustHave) expect(p.prompt).toContain(s.includes("/") ? path.join(ws.root, "ALPHA", s) : s);
    for (const s of mustNotHave) expect(p.prompt).not.toContain(s);
    expect(p.prompt).not.toMatch(KNOWN_PLACEHOLDER);
  });

  test("the plan's next step is used when no achievement is given; an approved one has no step", async () => {
    await using ws = await tempWorkspace({ ALPHA: SPEC });
    const plan = planById(ws, "ALPHA");
    const next = nextStepPrompt(depsFor(ws), plan);
    expect(next.ok && next.value?.achievement).toBe("1.1");
    const approved = nextStepPrompt(depsFor(ws), plan, "1.6");
    expect(approved).toEqual({ ok: true, value: null });
    const unknown = nextStepPrompt(depsFor(ws), plan, "9.9");
    expect(unknown.ok ? null : unknown.error.code).toBe("ENOACH");
  });

  test("files are relative to the plans root and name the file the step creates", async () => {
    await using ws = await tempWorkspace({ ALPHA: SPEC });
    const r = nextStepPrompt(depsFor(ws), planById(ws, "ALPHA"), "1.4");
    expect(r.ok && r.value?.files).toEqual({
      plan: "ALPHA/PLAN_ALPHA.md",
      subplan: "ALPHA/subplans/SUBPLAN_ALPHA_14.md",
      execution: "ALPHA/execution/EXECUTION_TASK_ALPHA_14_01.md",
      fix: "ALPHA/execution/feedbacks/FIX_14.md",
      resolution: null,
      create: "ALPHA/execution/feedbacks/FIX_14_RESOLUTION.md",
    });
  });
});

describe("review rounds in prompts (SPEC §1.4, §7)", () => {
  const ROUNDS = planDir("ALPHA", {
    index: ["1.1 Round two open", "1.2 Round one resolved"],
    subplans: ["11", "12"],
    executions: { "11": ["Complete"], "12": ["Complete"] },
    fixes: ["11", "12"],
    resolutions: ["11", "12"],
    extra: { "execution/feedbacks/FIX_11_02.md": "again\n" },
  });

  test("address-fix points at the latest round's FIX and at where its resolution goes", async () => {
    await using ws = await tempWorkspace({ ALPHA: ROUNDS });
    const r = nextStepPrompt(depsFor(ws), planById(ws, "ALPHA"), "1.1");
    if (!r.ok || r.value === null) throw new Error("expected a prompt");
    const abs = (rel: string) => path.join(ws.root, "ALPHA", "execution", "feedbacks", rel);
    expect(r.value.step).toBe("address-fix");
    expect(r.value.prompt).toContain(`Read the FIX request ${abs("FIX_11_02.md")}`);
    expect(r.value.prompt).toContain(`Write ${abs("FIX_11_02_RESOLUTION.md")}`);
    expect(r.value.prompt).toContain(`- FIX request (round 2): ${abs("FIX_11_02.md")}`);
    expect(r.value.prompt).not.toContain(abs("FIX_11.md"));
    expect(r.value.files).toMatchObject({ fix: "ALPHA/execution/feedbacks/FIX_11_02.md", resolution: null, create: "ALPHA/execution/feedbacks/FIX_11_02_RESOLUTION.md" });
  });

  test("review after a resolved round asks for changes in the next round's file", async () => {
    await using ws = await tempWorkspace({ ALPHA: ROUNDS });
    const r = nextStepPrompt(depsFor(ws), planById(ws, "ALPHA"), "1.2");
    if (!r.ok || r.value === null) throw new Error("expected a prompt");
    expect(r.value.step).toBe("review");
    expect(r.value.prompt).toContain(`ask for changes: ${path.join(ws.root, "ALPHA", "execution", "feedbacks", "FIX_12_02.md")}`);
  });

  test("an absurd attempt number on disk never becomes 1e+… in a prompt", async () => {
    await using ws = await tempWorkspace({
      ALPHA: planDir("ALPHA", { index: ["1.1 Huge"], subplans: ["11"], extra: { "execution/EXECUTION_TASK_ALPHA_11_99999999999999999999999.md": "**Status**: Complete\n" } }),
    });
    await ws.write(".plandash/prompts/review.md", "next={nextExecutionFile}");
    const r = nextStepPrompt(depsFor(ws), planById(ws, "ALPHA"), "1.1");
    if (!r.ok || r.value === null) throw new Error("expected a prompt");
    expect(r.value.prompt).not.toContain("e+");
    expect(r.value.prompt).toContain("too large");
  });
});

describe("workspace overrides", () => {
  test("<root>/.plandash/prompts/<step>.md replaces the built-in template, every placeholder filled", async () => {
    await using ws = await tempWorkspace({ ALPHA: SPEC });
    const all = Object.keys(PLACEHOLDERS).map((k) => `${k}=[{${k}}]`).join("\n");
    await ws.write(".plandash/prompts/review.md", `${all}\nleft alone: {unknown} {"json": 1}\n`);
    const r = nextStepPrompt(depsFor(ws), planById(ws, "ALPHA"), "1.5");
    if (!r.ok || r.value === null) throw new Error("expected a prompt");
    const abs = (rel: string) => path.join(ws.root, "ALPHA", rel);
    expect(r.value.template).toBe(path.join(ws.root, ".plandash", "prompts", "review.md"));
    expect(r.value.prompt).toBe(
      [
        "plan=[ALPHA]",
        "planId=[ALPHA]",
        "achievement=[1.5]",
        "key=[15]",
        "title=[Ship it]",
        "step=[review]",
        `root=[${ws.root}]`,
        `planDir=[${path.join(ws.root, "ALPHA")}]`,
        `planFile=[${abs("PLAN_ALPHA.md")}]`,
        `subplanFile=[${abs("subplans/SUBPLAN_ALPHA_15.md")}]`,
        `executionFile=[${abs("execution/EXECUTION_TASK_ALPHA_15_02_V2.md")}]`,
        `nextExecutionFile=[${abs("execution/EXECUTION_TASK_ALPHA_15_03.md")}]`,
        `fixFile=[${abs("execution/feedbacks/FIX_15.md")}]`,
        `nextFixFile=[${abs("execution/feedbacks/FIX_15.md")}]`,
        `resolutionFile=[${abs("execution/feedbacks/FIX_15_RESOLUTION.md")}]`,
        `approvedFile=[${abs("execution/feedbacks/APPROVED_15.md")}]`,
        `files=[- plan: ${abs("PLAN_ALPHA.md")}`,
        `- SUBPLAN: ${abs("subplans/SUBPLAN_ALPHA_15.md")}`,
        `- latest EXECUTION_TASK (attempt 2, complete): ${abs("execution/EXECUTION_TASK_ALPHA_15_02_V2.md")}]`,
        'left alone: {unknown} {"json": 1}',
        "",
      ].join("\n"),
    );
  });

  test("an override for one step leaves the other steps built in", async () => {
    await using ws = await tempWorkspace({ ALPHA: SPEC });
    await ws.write(".plandash/prompts/review.md", "custom {achievement}");
    expect(loadTemplate(realFs, ws.root, "review").text).toBe("custom {achievement}");
    expect(loadTemplate(realFs, ws.root, "create-subplan")).toEqual({
      step: "create-subplan",
      text: BUILTIN_TEMPLATES["create-subplan"],
      source: "built-in",
      warning: null,
    });
  });

  test("an override that cannot be read gives a warning and the built-in template", async () => {
    await using ws = await tempWorkspace({ ALPHA: SPEC });
    fs.mkdirSync(ws.path(".plandash/prompts/address-fix.md"), { recursive: true });
    const t = loadTemplate(realFs, ws.root, "address-fix");
    expect(t.source).toBe("built-in");
    expect(t.text).toBe(BUILTIN_TEMPLATES["address-fix"]);
    expect(t.warning).toContain("address-fix.md (EISDIR)");
  });

  test("fillTemplate replaces every occurrence and keeps unknown names", () => {
    const values = Object.fromEntries(Object.keys(PLACEHOLDERS).map((k) => [k, k.toUpperCase()])) as unknown as TemplateValues;
    expect(fillTemplate("{plan}/{plan} {nope} {title}", values)).toBe("PLAN/PLAN {nope} TITLE");
  });
});
