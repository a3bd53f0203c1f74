/** End-to-end: the wording of what plandash says — counts agree with their nouns, suggested commands paste into a shell. */
import { expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { binaryPath } from "../helpers/binary";
import { childEnv } from "../helpers/child-env";
import { runCli } from "../helpers/run-cli";
import { waitFor } from "../helpers/wait-for";
import { planDir, tempDir, tempWorkspace } from "../helpers/workspace";

test("one plan is '1 plan', and one approved achievement is not 'all 1 achievements'", async () => {
  await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 Only"], approved: ["11"] }) });
  const next = await runCli(["next", "ALPHA", "--root", ws.root]);
  expect(next.stdout).toBe("ALPHA is complete: its only achievement is approved.\n");
  const home = tempDir("plandash-home-");
  const proc = Bun.spawn([binaryPath(), "watch", "--root", ws.root], { cwd: home, env: childEnv(home), stdout: "pipe", stderr: "ignore", stdin: "ignore" });
  let out = "";
  void (async () => {
    for await (const chunk of proc.stdout as ReadableStream<Uint8Array>) out += new TextDecoder().decode(chunk);
  })();
  try {
    await waitFor(() => out.includes("watching"), "the first line of watch");
  } finally {
    proc.kill("SIGTERM");
    await proc.exited;
  }
  expect(out).toContain(`watching 1 plan in ${ws.root}`);
});

test("suggested commands are shell-quoted: cd '/tmp/sp ace', plandash next 'my plan'", async () => {
  const dir = path.join(tempDir(), "sp ace");
  const init = await runCli(["init", dir]);
  expect(init.exitCode).toBe(0);
  expect(init.stdout).toContain(`Next: cd '${dir}' && plandash status`);

  const root = path.join(dir, "work-space", "plans");
  fs.mkdirSync(path.join(root, "my plan"));
  fs.writeFileSync(path.join(root, "my plan", "PLAN_my plan.md"), "## Achievement Index\n- Achievement 1.1: One\n- Achievement 1.2: Two\n");
  const created = await runCli(["new", "subplan", "my plan", "1.1", "--root", root]);
  expect(created.exitCode).toBe(0);
  expect(created.stdout).toContain("(plandash next 'my plan')");
});

test("timer values out of range are one clear line and exit 2, from the config and from --poll", async () => {
  await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 a"] }) });
  for (const [args, says] of [
    [["watch", "--poll=0"], "--poll=0: the interval must be at least 1 ms"],
    [["watch", "--poll=99999999999"], "--poll=99999999999: the interval must be at most 2147483647 ms"],
  ] as const) {
    const r = await runCli([...args, "--root", ws.root]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([expect.stringContaining(says)]);
  }
  await ws.write(".plandash/config.json", '{ "pollInterval": 1e12, "maxDepth": 1e400 }');
  const r = await runCli(["watch", "--root", ws.root]);
  expect(r.exitCode).toBe(2);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).toContain('"pollInterval" must be a number of milliseconds from 1 to 2147483647, got 1000000000000');
  expect(r.stderr).toContain(ws.path(".plandash/config.json"));
});

test.each([
  ['{ "maxDepth": 1e400 }', '"maxDepth" must be a whole number of folder levels from 0 to 16, got a number too large to represent'],
  ['{ "maxDepth": -1e400 }', '"maxDepth" must be a whole number of folder levels from 0 to 16, got a number too large to represent'],
  ['{ "rescanInterval": 1e400 }', '"rescanInterval" must be a number of milliseconds from 1 to 2147483647, got a number too large to represent'],
])("a config number past JSON's range (%s) is named as such, not 'got null'", async (config, says) => {
  await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 a"] }) });
  await ws.write(".plandash/config.json", config);
  const r = await runCli(["status", "--root", ws.root]);
  expect(r.exitCode).toBe(2);
  expect(r.stderr.trimEnd().split("\n")).toEqual([expect.stringContaining(says)]);
  expect(r.stderr).toContain(ws.path(".plandash/config.json"));
  expect(r.stderr).not.toContain("null");
});

test.each([
  [["status", "--jsn"], "unknown option --jsn — did you mean --json? see `plandash status --help`"],
  [["watch", "-Z"], "unknown option -Z — see `plandash watch --help`"],
  [["--bogus"], "unknown option --bogus — see `plandash --help`"],
])("an unknown option (%p) is one line whose quotes all close", async (args, says) => {
  const r = await runCli(args);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toBe(`plandash: ${says}\n`);
  for (const quote of ["'", '"', "`"]) expect(r.stderr.split(quote).length % 2).toBe(1);
});
