import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { safeSegments, writeNewFile } from "../../src/actions/writer";
import { realFs } from "../../src/ports";
import type { Result } from "../../src/util/errors";
import { tempDir, tempWorkspace } from "../helpers/workspace";

/** A refusal is a returned value, never a throw. */
function codeOf(fn: () => Result<unknown>): string {
  const r = fn();
  return r.ok ? "no error" : r.error.code;
}

function written<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected a write, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe("writer", () => {
  test("creates missing folders, writes the file and says what it wrote", async () => {
    await using ws = await tempWorkspace();
    const w = written(writeNewFile(realFs, ws.root, "ALPHA/execution/feedbacks/APPROVED_11.md", "héllo\n"));
    expect(w).toEqual({
      rel: "ALPHA/execution/feedbacks/APPROVED_11.md",
      absPath: path.join(ws.root, "ALPHA/execution/feedbacks/APPROVED_11.md"),
      bytes: 7,
      createdDirs: ["ALPHA", "ALPHA/execution", "ALPHA/execution/feedbacks"],
    });
    expect(ws.read("ALPHA/execution/feedbacks/APPROVED_11.md")).toBe("héllo\n");
  });

  test("never overwrites: an existing file is EEXIST and keeps its content", async () => {
    await using ws = await tempWorkspace();
    await ws.write("ALPHA/subplans/SUBPLAN_ALPHA_11.md", "mine");
    expect(codeOf(() => writeNewFile(realFs, ws.root, "ALPHA/subplans/SUBPLAN_ALPHA_11.md", "theirs"))).toBe("EEXIST");
    expect(ws.read("ALPHA/subplans/SUBPLAN_ALPHA_11.md")).toBe("mine");
  });

  test("a dangling symlink in the file's place is not followed", async () => {
    await using ws = await tempWorkspace();
    const outside = tempDir();
    fs.mkdirSync(ws.path("ALPHA"), { recursive: true });
    fs.symlinkSync(path.join(outside, "planted.md"), ws.path("ALPHA/APPROVED_11.md"));
    expect(codeOf(() => writeNewFile(realFs, ws.root, "ALPHA/APPROVED_11.md", "x"))).toBe("EEXIST");
    expect(fs.readdirSync(outside)).toEqual([]);
    fs.rmSync(outside, { recursive: true });
  });

  test.each([
    ["a .. segment", "ALPHA/../../escaped.md"],
    ["a crafted plan name", "ALPHA/subplans/SUBPLAN_../../../evil_11.md"],
    ["an absolute path", "/tmp/evil.md"],
    ["an empty segment", "ALPHA//x.md"],
    ["a . segment", "./ALPHA/x.md"],
    ["a backslash", "ALPHA\\..\\x.md"],
    ["a NUL byte", "ALPHA/x\0.md"],
    ["a newline in a name", "ALPHA/subplans/SUBPLAN_two\nlines_11.md"],
    ["an escape in a folder", "AL\u001b[2JPHA/x.md"],
    ["a C1 control", "ALPHA/x\u009b.md"],
  ])("refuses %s (EESCAPE) and writes nothing", async (_label, rel) => {
    await using ws = await tempWorkspace();
    expect(codeOf(() => writeNewFile(realFs, ws.root, rel, "x"))).toBe("EESCAPE");
    expect(fs.readdirSync(ws.root)).toEqual([]);
    expect(fs.existsSync(path.join(ws.dir, "escaped.md"))).toBe(false);
  });

  test("refuses a folder that is a symlink pointing outside the root, and writes nothing there", async () => {
    await using ws = await tempWorkspace();
    const outside = tempDir();
    fs.mkdirSync(ws.path("ALPHA"), { recursive: true });
    fs.symlinkSync(outside, ws.path("ALPHA/subplans"));
    expect(codeOf(() => writeNewFile(realFs, ws.root, "ALPHA/subplans/SUBPLAN_ALPHA_11.md", "x"))).toBe("EESCAPE");
    // A deeper missing folder under the link is refused the same way, before any mkdir.
    expect(codeOf(() => writeNewFile(realFs, ws.root, "ALPHA/subplans/deeper/x.md", "x"))).toBe("EESCAPE");
    expect(fs.readdirSync(outside)).toEqual([]);
    fs.rmSync(outside, { recursive: true });
  });

  test("a symlink that stays inside the root is fine", async () => {
    await using ws = await tempWorkspace();
    fs.mkdirSync(ws.path("shared/subplans"), { recursive: true });
    fs.mkdirSync(ws.path("ALPHA"), { recursive: true });
    fs.symlinkSync(ws.path("shared/subplans"), ws.path("ALPHA/subplans"));
    const w = written(writeNewFile(realFs, ws.root, "ALPHA/subplans/SUBPLAN_ALPHA_11.md", "x"));
    expect(w.absPath).toBe(ws.path("shared/subplans/SUBPLAN_ALPHA_11.md"));
    expect(ws.read("shared/subplans/SUBPLAN_ALPHA_11.md")).toBe("x");
  });

  test("a plans root reached through a symlink still accepts writes inside it", async () => {
    await using ws = await tempWorkspace();
    const link = path.join(ws.dir, "plans-link");
    fs.symlinkSync(ws.root, link);
    const w = written(writeNewFile(realFs, link, "ALPHA/x.md", "x"));
    expect(w.absPath).toBe(ws.path("ALPHA/x.md"));
  });

  test("safeSegments splits a clean relative path", () => {
    expect(safeSegments("a/b/c.md")).toEqual({ ok: true, value: ["a", "b", "c.md"] });
  });
});
