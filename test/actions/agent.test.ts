import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { agentInvocation, runAgent } from "../../src/actions/agent";
import { realFs, realProcessRunner } from "../../src/ports";
import { tempDir } from "../helpers/workspace";

const PROMPT = `Fix "it" — it's $HOME and \`id\`\nsecond line`;

describe("agentCommand", () => {
  test.each([
    ["my-agent --yes", "stdin", 'my-agent --yes'],
    ["claude {prompt}", "argument", 'claude "$1"'],
    ["aider --message-file {promptFile}", "file", 'aider --message-file "$2"'],
  ])("%p gets the prompt by %s", (command, delivery, script) => {
    const inv = agentInvocation(command, PROMPT, "/tmp/p.md");
    expect(inv.delivery).toBe(delivery as "stdin");
    expect(inv.argv).toEqual(["/bin/sh", "-c", script, "plandash-agent", PROMPT, "/tmp/p.md"]);
  });

  test("on stdin: the command reads exactly the prompt", async () => {
    const dir = tempDir();
    const out = path.join(dir, "got.txt");
    const r = await runAgent({ runner: realProcessRunner({ PATH: process.env.PATH }), fs: realFs }, `cat > "${out}"`, PROMPT);
    expect([r.exitCode, r.delivery]).toEqual([0, "stdin"]);
    expect(fs.readFileSync(out, "utf8")).toBe(PROMPT);
    fs.rmSync(dir, { recursive: true });
  });

  test("as {prompt}: one argument, never interpreted by the shell; the exit code is reported", async () => {
    const dir = tempDir();
    const out = path.join(dir, "got.txt");
    const r = await runAgent({ runner: realProcessRunner({ PATH: process.env.PATH }), fs: realFs }, `printf '%s' {prompt} > "${out}"; exit 7`, PROMPT);
    expect(r.exitCode).toBe(7);
    expect(fs.readFileSync(out, "utf8")).toBe(PROMPT);
    fs.rmSync(dir, { recursive: true });
  });

  test("as {promptFile}: a temporary file with the prompt, removed after the command ends", async () => {
    const dir = tempDir();
    const out = path.join(dir, "got.txt");
    const seen = path.join(dir, "path.txt");
    const r = await runAgent(
      { runner: realProcessRunner({ PATH: process.env.PATH }), fs: realFs },
      `cp {promptFile} "${out}"; printf '%s' {promptFile} > "${seen}"`,
      PROMPT,
    );
    expect(r.exitCode).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toBe(PROMPT);
    const promptFile = fs.readFileSync(seen, "utf8");
    expect(promptFile.startsWith(os.tmpdir())).toBe(true);
    expect(fs.existsSync(promptFile)).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });
});
