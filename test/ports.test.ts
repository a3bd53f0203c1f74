/**
 * The real bindings of the ports: reading never blocks and never opens what is not a regular file
 * as if it were one. Each read runs in its own process with a deadline, so a blocking read fails
 * the test instead of freezing the runner.
 */
import { afterAll, describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "./helpers/binary";
import { withTimeout } from "./helpers/wait-for";
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

async function readIn(child: "fs" | "lock", file: string): Promise<Record<string, unknown>> {
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
