/**
 * End-to-end (SPEC §3.1): text from files never drives the terminal. A plan folder and PLAN file
 * named with escape sequences, titles that set the clipboard (OSC 52), a hostile lock record and
 * config key: every human output of the compiled binary, stdout and stderr, carries no control
 * character from them; JSON keeps the text exactly.
 */
import { describe, expect, test } from "bun:test";
import { binaryPath } from "../helpers/binary";
import { childEnv } from "../helpers/child-env";
import { runCli, type CliResult } from "../helpers/run-cli";
import { waitFor } from "../helpers/wait-for";
import { tempDir, tempWorkspace, type TempWorkspace } from "../helpers/workspace";

const EVIL = "EVIL\x1b[2J\x1b]0;TITLE\x07";
const CLIP = "\x1b]52;c;aGk=\x07";
const GROUP = "grp\x1b[31m\x9b2J";
const planText = (title: string): string =>
  ["# PLAN", "", "**Status**: In Progress", "", "## Achievement Index", "", `- Achievement 1.1: Clip${CLIP} me`, `- Achievement 1.2: ${title}`, ""].join("\n");

/** C0 but tab and LF, DEL, C1 — and with colour on, everything but SGR `ESC [ … m`. */
function controlsIn(text: string, allowSgr = false): string[] {
  const rest = allowSgr ? text.replace(/\x1b\[[0-9;]*m/g, "") : text;
  return [...rest.matchAll(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g)].map((m) => JSON.stringify(rest.slice(Math.max(0, m.index - 10), m.index + 10)));
}

function expectClean(r: CliResult, allowSgr = false): void {
  expect(controlsIn(r.stdout, allowSgr)).toEqual([]);
  expect(controlsIn(r.stderr)).toEqual([]);
}

async function hostile(): Promise<TempWorkspace> {
  const ws = await tempWorkspace({
    [EVIL]: {
      [`PLAN_${EVIL}.md`]: planText(`Second${CLIP}`),
      "subplans/SUBPLAN_X_11.md": "# SUBPLAN\n",
      "execution/EXECUTION_TASK_X_11_01.md": "**Status**: Complete\n",
      "execution/feedbacks/FIX_11.md": "fix\n",
      [`execution/EXECUTION_TASK_\x1b]0;orphan\x07_99_01.md`]: "**Status**: In Progress\n",
    },
    [`${GROUP}/INNER`]: { "PLAN_INNER.md": planText("plain") },
  });
  await ws.write(".plandash/config.json", JSON.stringify({ [`key${CLIP}`]: 1 }));
  await ws.write(
    ".plandash/dashboard.lock",
    JSON.stringify({ pid: 999_999_999, host: `host${CLIP}`, processStart: null, nonce: "abcdefgh1234", version: `v${CLIP}`, createdAt: `t${CLIP}` }),
  );
  return ws;
}

describe("file text in human output", () => {
  test("status, status PLAN, status --check: no control character from the files, stdout or stderr", async () => {
    await using ws = await hostile();
    const table = await runCli(["status", "--root", ws.root]);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toContain("EVIL␛[2J␛]0;TITLE␇");
    expect(table.stdout).toContain("grp␛[31m\\x9b2J");
    expect(table.stderr).toContain('unknown config key "key␛]52;c;aGk=␇"');
    expectClean(table);
    const one = await runCli(["status", "1", "--root", ws.root]);
    expect(one.exitCode).toBe(0);
    expect(one.stdout).toContain("Clip␛]52;c;aGk=␇ me");
    expect(one.stdout).toContain("orphan-file");
    expectClean(one);
    const check = await runCli(["status", "--check", "--root", ws.root]);
    expect(check.exitCode).toBe(1);
    expect(check.stderr).toContain("EVIL␛[2J");
    expectClean(check);
  });

  test("with FORCE_COLOR the only escapes are the command's own SGR colours", async () => {
    await using ws = await hostile();
    for (const args of [["status"], ["status", "1"]]) {
      const r = await runCli([...args, "--root", ws.root], { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
      expect(r.stdout).toContain("\x1b[");
      expectClean(r, true);
    }
  });

  test("JSON keeps the names and titles exactly", async () => {
    await using ws = await hostile();
    const doc = JSON.parse((await runCli(["status", "--json", "--root", ws.root])).stdout);
    expect(doc.plans[0].id).toBe(EVIL);
    expect(doc.plans[0].achievements[0].title).toBe(`Clip${CLIP} me`);
  });

  test("next prints the headline and the prompt without the files' escapes", async () => {
    await using ws = await hostile();
    for (const args of [["next"], ["next", "2"]]) {
      const r = await runCli([...args, "--root", ws.root]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain("Clip␛]52;c;aGk=␇ me");
      expectClean(r);
    }
  });

  test("new, open and lock name the plan and the lock holder without escapes", async () => {
    await using ws = await hostile();
    // A folder name with control characters cannot be written into (h-core's unsafe-name): the
    // refusal that names it is as clean as any other line.
    const created = await runCli(["new", "subplan", "2", "1.2", "--root", ws.root]);
    expect(created.stderr).toContain("refusing to write");
    expectClean(created);
    const opened = await runCli(["open", "1", "--root", ws.root], { env: { EDITOR: "", VISUAL: "" } });
    expect(opened.exitCode).toBe(0);
    expect(opened.stdout).toContain("EVIL␛[2J");
    expectClean(opened);
    const lock = await runCli(["lock", "--root", ws.root]);
    expect(lock.stdout).toContain("host␛]52");
    expectClean(lock);
    expectClean(await runCli(["doctor", "--root", ws.root]));
  });

  test("watch prints added plans and transitions without the files' escapes", async () => {
    await using ws = await hostile();
    const home = tempDir("plandash-home-");
    const proc = Bun.spawn([binaryPath(), "watch", "--root", ws.root], { cwd: home, env: childEnv(home), stdout: "pipe", stderr: "pipe", stdin: "ignore" });
    let out = "";
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of proc.stdout as ReadableStream<Uint8Array>) out += decoder.decode(chunk, { stream: true });
    })();
    try {
      await waitFor(() => out.includes("backend:"), `the backend line; so far: ${JSON.stringify(out)}`);
      await ws.write(`NEW${CLIP}/PLAN_NEW${CLIP}.md`, planText("x"));
      await ws.write(`${EVIL}/execution/feedbacks/APPROVED_11.md`, "ok\n");
      await waitFor(() => out.includes("added") && out.includes("→ approved"), `the added and approved lines; so far: ${JSON.stringify(out)}`);
    } finally {
      proc.kill("SIGTERM");
      await proc.exited;
    }
    const stderr = await new Response(proc.stderr).text();
    expect(out).toContain("NEW␛]52;c;aGk=␇");
    expectClean({ exitCode: 0, stdout: out, stderr });
  });
});
