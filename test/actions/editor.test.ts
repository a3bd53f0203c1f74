import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { chooseEditor, documentToOpen, editorArgv, runEditor } from "../../src/actions/editor";
import { realProcessRunner } from "../../src/ports";
import { isPlandashError } from "../../src/util/errors";
import { planDir, tempDir, tempWorkspace } from "../helpers/workspace";
import { planById } from "./support";

describe("which editor", () => {
  test.each([
    ["$VISUAL first", { VISUAL: "code --wait", EDITOR: "vi" }, "nano", { command: "code --wait", source: "VISUAL" }],
    ["a blank $VISUAL is skipped for $EDITOR", { VISUAL: " ", EDITOR: "vi" }, "nano", { command: "vi", source: "EDITOR" }],
    ["config editor last", {}, "nano -w", { command: "nano -w", source: "config" }],
    ["none at all", {}, null, null],
  ])("%s", (_label, env, config, expected) => {
    expect(chooseEditor(env, config)).toEqual(expected as ReturnType<typeof chooseEditor>);
  });
});

describe("which document", () => {
  const SPEC = planDir("ALPHA", {
    index: ["1.1 Approved", "1.2 Resolved", "1.3 Fix", "1.4 Executing", "1.5 Planned", "1.6 Nothing"],
    subplans: ["11", "12", "13", "14", "15"],
    executions: { "11": ["Complete"], "12": ["Complete"], "13": ["Complete"], "14": ["Complete", "In Progress"] },
    fixes: ["12", "13"],
    resolutions: ["12"],
    approved: ["11"],
  });

  test.each([
    [undefined, "ALPHA/PLAN_ALPHA.md"],
    ["1.1", "ALPHA/execution/feedbacks/APPROVED_11.md"],
    ["1.2", "ALPHA/execution/feedbacks/FIX_12_RESOLUTION.md"],
    ["1.3", "ALPHA/execution/feedbacks/FIX_13.md"],
    ["1.4", "ALPHA/execution/EXECUTION_TASK_ALPHA_14_02.md"],
    ["1.5", "ALPHA/subplans/SUBPLAN_ALPHA_15.md"],
  ])("open ALPHA %p → %p", async (id, expected) => {
    await using ws = await tempWorkspace({ ALPHA: SPEC });
    expect(documentToOpen(planById(ws, "ALPHA"), id)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ["1.6", "ENOSUBPLAN", "has no document yet", { action: "create-subplan", plan: "ALPHA", achievement: "1.6" }],
    ["7.7", "ENOACH", "1.1, 1.2", { action: "status", plan: "ALPHA" }],
  ])("open ALPHA %p is refused (%s) as a value, with a suggestion", async (id, code, says, suggestion) => {
    await using ws = await tempWorkspace({ ALPHA: SPEC });
    const r = documentToOpen(planById(ws, "ALPHA"), id);
    if (r.ok) throw new Error(`expected a refusal, got ${r.value}`);
    expect(r.error.code as string).toBe(code);
    expect(r.error.message).toContain(says);
    expect(r.error.suggestion).toEqual(suggestion as never);
  });
});

test("with review rounds, open takes the latest round's file", async () => {
  await using ws = await tempWorkspace({
    ALPHA: planDir("ALPHA", {
      index: ["1.1 Rounds"],
      subplans: ["11"],
      executions: { "11": ["Complete"] },
      fixes: ["11"],
      resolutions: ["11"],
      extra: { "execution/feedbacks/FIX_11_02.md": "again" },
    }),
  });
  expect(documentToOpen(planById(ws, "ALPHA"), "1.1")).toEqual({ ok: true, value: "ALPHA/execution/feedbacks/FIX_11_02.md" });
  await ws.write("ALPHA/execution/feedbacks/FIX_11_02_RESOLUTION.md", "done");
  expect(documentToOpen(planById(ws, "ALPHA"), "1.1")).toEqual({ ok: true, value: "ALPHA/execution/feedbacks/FIX_11_02_RESOLUTION.md" });
});

describe("running the editor", () => {
  test("a command line with arguments and a path with spaces reach the program intact, and its exit is waited for", async () => {
    const dir = tempDir();
    const script = path.join(dir, "ed.sh");
    const log = path.join(dir, "args.txt");
    fs.writeFileSync(script, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > "${log}"\nexit 3\n`, { mode: 0o755 });
    const target = path.join(dir, "a file; $(touch pwned).md");
    const r = await runEditor(realProcessRunner({ PATH: process.env.PATH }), { command: `${script} --wait`, source: "EDITOR" }, target);
    expect(r.exitCode).toBe(3);
    expect(fs.readFileSync(log, "utf8")).toBe(`--wait\n${target}\n`);
    expect(fs.existsSync(path.join(dir, "pwned"))).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });

  test("editorArgv passes the file as $1, never inside the script", () => {
    expect(editorArgv("vi", "/x/y.md")).toEqual(["/bin/sh", "-c", 'vi "$@"', "vi", "/x/y.md"]);
  });
});
