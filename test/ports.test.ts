/**
 * The real bindings of the ports: reading never blocks and never opens what is not a regular file
 * as if it were one. Each read runs in its own process with a deadline, so a blocking read fails
 * the test instead of freezing the runner.
 */
import { afterAll, describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "./helpers/binary";
import { realProcessRunner } from "../src/ports";
import { waitFor, withTimeout } from "./helpers/wait-for";
import { tempDir as makeTempDir } from "./helpers/workspace";

const DEADLINE_MS = 10_000;

const made: string[] = [];
function tempDir(): string {
  const dir = makeTempDir("plandash-ports-");
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

async function readIn(child: "fs" | "lock" | "header" | "header+mtime", file: string): Promise<Record<string, unknown>> {
  const proc = Bun.spawn([process.execPath, path.join(PROJECT_ROOT, "test/fixtures/read-path.ts"), child, file], { stdout: "pipe", stderr: "inherit" });
  try {
    const out = await withTimeout(new Response(proc.stdout).text(), `reading ${file} through the ${child} port (it blocks)`, DEADLINE_MS);
    return JSON.parse(out) as Record<string, unknown>;
  } finally {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
  }
}

function fifo(dir: string, name = "pipe"): string {
  const file = path.join(dir, name);
  expect(Bun.spawnSync(["mkfifo", file]).exitCode).toBe(0);
  return file;
}

describe("realFs.readFile", () => {
  test("a FIFO fails at once with ENOTREG, saying what it is", async () => {
    const r = await readIn("fs", fifo(tempDir()));
    expect(r).toMatchObject({ ok: false, code: "ENOTREG" });
    expect(String(r.message)).toContain("not a regular file (a FIFO)");
  }, 3 * DEADLINE_MS);

  test("a link to a FIFO and a link to a device fail the same way", async () => {
    const dir = tempDir();
    fs.symlinkSync(fifo(dir), path.join(dir, "to-fifo.md"));
    fs.symlinkSync("/dev/zero", path.join(dir, "to-zero.md"));
    expect(await readIn("fs", path.join(dir, "to-fifo.md"))).toMatchObject({ ok: false, code: "ENOTREG" });
    const zero = await readIn("fs", path.join(dir, "to-zero.md"));
    expect(zero).toMatchObject({ ok: false, code: "ENOTREG" });
    expect(String(zero.message)).toContain("a device");
  }, 3 * DEADLINE_MS);

  test("a folder fails with EISDIR and a regular file is read (capped)", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "big.md"), "x".repeat(5000));
    expect(await readIn("fs", dir)).toMatchObject({ ok: false, code: "EISDIR" });
    expect(await readIn("fs", path.join(dir, "big.md"))).toEqual({ ok: true, bytes: 1024, size: 5000 });
  }, 3 * DEADLINE_MS);
});

describe("realFs.readHeader (EXECUTION_TASK headers: one open, one read)", () => {
  test("a FIFO swapped in after the listing never blocks: it reads as empty, or fails at once when its kind is checked", async () => {
    const file = fifo(tempDir(), "EXECUTION_TASK_P_11_01.md");
    expect(await readIn("header", file)).toEqual({ ok: true, bytes: 0, mtimeMs: null });
    expect(await readIn("header+mtime", file)).toMatchObject({ ok: false, code: "ENOTREG" });
  }, 3 * DEADLINE_MS);

  test("a folder fails with EISDIR; a file is read up to the cap, its mtime only when asked", async () => {
    const dir = tempDir();
    const file = path.join(dir, "big.md");
    fs.writeFileSync(file, "x".repeat(5000));
    fs.utimesSync(file, 1_000_000, 1_000_000);
    expect(await readIn("header", dir)).toMatchObject({ ok: false, code: "EISDIR" });
    expect(await readIn("header", file)).toEqual({ ok: true, bytes: 1024, mtimeMs: null });
    expect(await readIn("header+mtime", file)).toEqual({ ok: true, bytes: 1024, mtimeMs: 1_000_000_000 });
  }, 3 * DEADLINE_MS);
});

describe("realLockFs.read", () => {
  test("a FIFO on the lock path is reported as not regular, not read", async () => {
    expect(await readIn("lock", fifo(tempDir(), "dashboard.lock"))).toEqual({ ok: true, bytes: 0, size: 0, regular: false });
  }, 3 * DEADLINE_MS);

  test("a 50 GB sparse file is read only up to the cap, with its full size", async () => {
    const file = path.join(tempDir(), "dashboard.lock");
    fs.writeFileSync(file, "");
    fs.truncateSync(file, 50 * 1024 ** 3);
    expect(await readIn("lock", file)).toEqual({ ok: true, bytes: 64 * 1024, size: 50 * 1024 ** 3, regular: true });
  }, 3 * DEADLINE_MS);

  test("nothing there is null", async () => {
    expect(await readIn("lock", path.join(tempDir(), "none"))).toEqual({ ok: true, none: true });
  }, 3 * DEADLINE_MS);
});

describe("realProcessRunner", () => {
  const runner = realProcessRunner({ PATH: process.env.PATH });
  /** A program that writes "started", records each signal it gets in `got`, and exits 128+n on TERM/INT (or ignores TERM). */
  function recorder(dir: string, options: { ignoreTerm?: boolean; sleepS?: number } = {}): { argv: string[]; got: string; started: string } {
    const got = path.join(dir, "got");
    const started = path.join(dir, "started");
    const onTerm = options.ignoreTerm ? `echo TERM >> "${got}"` : `echo TERM >> "${got}"; kill $child 2>/dev/null; exit 143`;
    const script = [
      `trap '${onTerm}' TERM`,
      `trap 'echo INT >> "${got}"; kill $child 2>/dev/null; exit 130' INT`,
      // Ignoring TERM means the whole program: its sleep ignores it too (an ignored signal survives exec).
      options.ignoreTerm ? `(trap '' TERM; exec sleep ${options.sleepS ?? 20}) & child=$!` : `sleep ${options.sleepS ?? 20} & child=$!`,
      `echo started > "${started}"`,
      // wait returns early when a trapped signal arrives; loop so an ignored TERM keeps us running.
      "while kill -0 $child 2>/dev/null; do wait $child; done",
    ].join("\n");
    return { argv: ["/bin/sh", "-c", script], got, started };
  }
  const lines = (file: string): string[] => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n") : []);

  test("aborting with SIGTERM passes SIGTERM on to the program and the run ends with it", async () => {
    const dir = tempDir();
    const r = recorder(dir);
    const controller = new AbortController();
    const running = runner.run(r.argv, { stdin: "ignore", stdout: "ignore", stderr: "inherit", signal: controller.signal });
    await waitFor(() => fs.existsSync(r.started), "the program to start");
    controller.abort("SIGTERM");
    const result = await withTimeout(running, "the run to end after SIGTERM was passed on", DEADLINE_MS);
    expect(lines(r.got)).toEqual(["TERM"]);
    expect(result).toMatchObject({ exitCode: 143, forwarded: "SIGTERM", timedOut: false });
  }, 3 * DEADLINE_MS);

  test("SIGINT is passed on too, unless the program gets it from a terminal we share", async () => {
    const dir = tempDir();
    const r = recorder(dir);
    const controller = new AbortController();
    const running = runner.run(r.argv, { stdin: "ignore", stdout: "ignore", stderr: "inherit", signal: controller.signal });
    await waitFor(() => fs.existsSync(r.started), "the program to start");
    controller.abort("SIGINT");
    expect(await withTimeout(running, "the run to end after SIGINT", DEADLINE_MS)).toMatchObject({ exitCode: 130, forwarded: "SIGINT" });
    expect(lines(r.got)).toEqual(["INT"]);

    const shared = recorder(fs.mkdtempSync(path.join(dir, "t")), { sleepS: 1 });
    const c2 = new AbortController();
    const second = runner.run(shared.argv, { stdin: "ignore", stdout: "ignore", stderr: "inherit", signal: c2.signal, alreadyDelivered: ["SIGINT", "SIGHUP"] });
    await waitFor(() => fs.existsSync(shared.started), "the second program to start");
    c2.abort("SIGINT");
    expect(await withTimeout(second, "the second program to end on its own", DEADLINE_MS)).toMatchObject({ exitCode: 0, forwarded: null });
    expect(lines(shared.got)).toEqual([]);
  }, 3 * DEADLINE_MS);

  test("a program that ignores the signal passed on is killed after the grace period", async () => {
    const dir = tempDir();
    const r = recorder(dir, { ignoreTerm: true });
    const controller = new AbortController();
    const running = runner.run(r.argv, { stdin: "ignore", stdout: "ignore", stderr: "inherit", signal: controller.signal, stopGraceMs: 200 });
    await waitFor(() => fs.existsSync(r.started), "the program to start");
    controller.abort("SIGTERM");
    expect(await withTimeout(running, "the run to end once the program is killed", DEADLINE_MS)).toMatchObject({ exitCode: null, signal: "SIGKILL", forwarded: "SIGTERM" });
    expect(lines(r.got)).toEqual(["TERM"]);
  }, 3 * DEADLINE_MS);

  test("a program past its timeout is killed and the result says it timed out", async () => {
    const r = recorder(tempDir());
    const result = await withTimeout(runner.run(r.argv, { stdin: "ignore", stdout: "ignore", stderr: "inherit", timeoutMs: 200 }), "the timeout to end the run", DEADLINE_MS);
    expect(result).toMatchObject({ exitCode: null, signal: "SIGKILL", timedOut: true, forwarded: null });
  }, 3 * DEADLINE_MS);

  test("a program that ends on its own: not timed out, nothing forwarded", async () => {
    expect(await runner.run(["/bin/sh", "-c", "exit 3"], { stdin: "ignore", stdout: "ignore", stderr: "inherit", timeoutMs: 5_000 })).toEqual({
      exitCode: 3,
      signal: null,
      stdout: "",
      spawnError: null,
      timedOut: false,
      forwarded: null,
    });
  });
});
