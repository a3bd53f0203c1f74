/**
 * End-to-end: SIGTERM / SIGINT while `next --run` waits for the agent (issue 9 item 10). The agent
 * is a script that records every signal it gets and would otherwise run for 20 s; plandash must
 * pass the signal on and end with the agent, not 20 s later.
 */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { binaryPath } from "../helpers/binary";
import { childEnv } from "../helpers/child-env";
import { KEY, startPty } from "../helpers/pty";
import { waitFor, withTimeout } from "../helpers/wait-for";
import { planDir, tempDir, tempWorkspace, type TempWorkspace } from "../helpers/workspace";

/** Well under the agent's 20 s: ending by this deadline means plandash did not wait the agent out. */
const DEADLINE_MS = 8_000;
const TEST_TIMEOUT_MS = 30_000;

interface Agent {
  readonly started: string;
  readonly got: string;
  signals(): string[];
}

/** Configures an agentCommand that writes `started`, appends TERM/INT/HUP to `got` as they come, and exits 128+n. */
function fakeAgent(ws: TempWorkspace): Agent {
  const dir = tempDir("plandash-agent-");
  const started = path.join(dir, "started");
  const got = path.join(dir, "got");
  const script = path.join(dir, "agent.sh");
  fs.writeFileSync(
    script,
    [
      "#!/bin/sh",
      `trap 'echo TERM >> "${got}"; kill $child 2>/dev/null; exit 143' TERM`,
      `trap 'echo INT >> "${got}"; kill $child 2>/dev/null; exit 130' INT`,
      `trap 'echo HUP >> "${got}"; kill $child 2>/dev/null; exit 129' HUP`,
      "sleep 20 & child=$!",
      `echo started > "${started}"`,
      "wait $child",
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  fs.mkdirSync(ws.path(".plandash"), { recursive: true });
  fs.writeFileSync(ws.path(".plandash/config.json"), JSON.stringify({ agentCommand: script }));
  return { started, got, signals: () => (fs.existsSync(got) ? fs.readFileSync(got, "utf8").trim().split("\n") : []) };
}

const PLAN = planDir("ALPHA", { index: ["1.1 First"] });

describe("next --run passes SIGTERM and SIGINT on to the agent", () => {
  test.each([
    ["SIGTERM", "TERM", 143],
    ["SIGINT", "INT", 130],
  ] as const)("%s: the agent gets it once (%s) and plandash ends with it", async (signal, recorded, code) => {
    await using ws = await tempWorkspace({ ALPHA: PLAN });
    const agent = fakeAgent(ws);
    const home = tempDir("plandash-home-");
    const proc = Bun.spawn([binaryPath(), "next", "ALPHA", "--run", "--root", ws.dir], { cwd: home, env: childEnv(home), stdin: "ignore", stdout: "pipe", stderr: "pipe" });
    try {
      await waitFor(() => fs.existsSync(agent.started), "the agent to start", DEADLINE_MS);
      proc.kill(signal);
      expect(await withTimeout(proc.exited, `plandash to end after ${signal} (it waits the agent out)`, DEADLINE_MS)).toBe(code);
      expect(agent.signals()).toEqual([recorded]);
      const stderr = await new Response(proc.stderr).text();
      // Only plandash's own lines: the agent's shell may say "Terminated" of its own children.
      const ours = stderr.split("\n").filter((l) => l.startsWith("plandash:"));
      expect(ours).toEqual([expect.stringContaining(`plandash: stopped by ${signal}; passed it on to the agent`)]);
    } finally {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
    }
  }, TEST_TIMEOUT_MS);

  test("Ctrl-C in a terminal reaches the agent once (from the terminal), and plandash ends with it", async () => {
    await using ws = await tempWorkspace({ ALPHA: PLAN });
    const agent = fakeAgent(ws);
    await using pty = startPty(["next", "ALPHA", "--run", "--root", ws.dir]);
    await waitFor(() => fs.existsSync(agent.started), "the agent to start", DEADLINE_MS);
    pty.press(KEY.ctrlC);
    expect(await withTimeout(pty.exited, "plandash to end after Ctrl-C", DEADLINE_MS)).toBe(130);
    expect(agent.signals()).toEqual(["INT"]);
  }, TEST_TIMEOUT_MS);
});
