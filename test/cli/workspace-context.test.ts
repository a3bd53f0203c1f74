/** Who takes the blame when a folder cannot be read: the plans root, not a config file inside it. */
import { expect, test } from "bun:test";
import * as path from "node:path";
import type { CommandContext, Output } from "../../src/cli/command";
import { loadFromContext, resolveWorkspace } from "../../src/cli/workspace-context";
import { realClock, realFs, realProc, type FsPort } from "../../src/ports";
import { tempDir, tempWorkspace, writeFiles } from "../helpers/workspace";
import { fakeTerminal } from "../helpers/fake-terminal";

function ctxWith(fs: FsPort, home: string, cwd: string): { ctx: CommandContext; err: string[] } {
  const err: string[] = [];
  const out = (sink: string[]): Output => ({ write: (t) => void sink.push(t), isTTY: false, columns: undefined });
  const ctx: CommandContext = {
    ports: { fs, clock: realClock, proc: realProc, env: { HOME: home }, cwd, terminal: fakeTerminal() },
    stdout: out([]),
    stderr: out(err),
    stdinIsTTY: false,
    signal: new AbortController().signal,
    version: "test",
    atExit: () => () => {},
    holdInterrupts: () => () => {},
  } as CommandContext;
  return { ctx, err };
}
const denied = (code: string) => Object.assign(new Error(`${code}: permission denied`), { code });

test("an unreadable plans root is named as such (ENOROOT), not blamed on its config file", async () => {
  await using ws = await tempWorkspace();
  const fs: FsPort = { ...realFs, readDir: (dir) => (dir === ws.root ? (() => { throw denied("EACCES"); })() : realFs.readDir(dir)) };
  const { ctx } = ctxWith(fs, tempDir(), ws.dir);
  expect(() => resolveWorkspace(ctx, { values: {}, positionals: [] })).toThrow(`cannot read the plans root ${ws.root} (EACCES)`);
});

test("an unreadable user config is a warning and the defaults apply; a broken one is still an error", async () => {
  await using ws = await tempWorkspace();
  const home = tempDir();
  const userFile = path.join(home, ".config", "plandash", "config.json");
  const fs: FsPort = { ...realFs, readFile: (file, max) => (file === userFile ? (() => { throw denied("EACCES"); })() : realFs.readFile(file, max)) };
  const { ctx, err } = ctxWith(fs, home, ws.dir);
  const resolved = resolveWorkspace(ctx, { values: {}, positionals: [] });
  expect(resolved.root).toBe(ws.root);
  expect(resolved.warnings).toEqual([`cannot read the user config ${userFile} (EACCES); using defaults`]);
  expect(err).toEqual([]);
  writeFiles(home, { ".config/plandash/config.json": "{ broken" });
  expect(() => resolveWorkspace(ctxWith(realFs, home, ws.dir).ctx, { values: {}, positionals: [] })).toThrow("not valid JSON");
});

test("config warnings and unreadable folders come back as data, for the dashboard's footer; nothing is written", async () => {
  await using ws = await tempWorkspace();
  writeFiles(ws.root, { ".plandash/config.json": JSON.stringify({ colour: "never" }), "ok/PLAN_ok.md": "# ok\n", "locked/x/PLAN_x.md": "# x\n" });
  const lockedDir = path.join(ws.root, "locked");
  const fs: FsPort = { ...realFs, readDir: (dir) => (dir === lockedDir ? (() => { throw denied("EACCES"); })() : realFs.readDir(dir)) };
  const { ctx, err } = ctxWith(fs, tempDir(), ws.dir);
  const resolved = resolveWorkspace(ctx, { values: {}, positionals: [] });
  expect(resolved.warnings).toEqual([expect.stringContaining('unknown config key "colour"')]);
  const loaded = loadFromContext(ctx, resolved);
  expect(loaded.state.plans.map((p) => p.id)).toEqual(["ok"]);
  expect(loaded.warnings).toEqual(["cannot read folder locked (EACCES); its plans are not shown"]);
  expect(err).toEqual([]);
});
