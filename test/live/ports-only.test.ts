/** SPEC-free house rule (issue 10 §0.3): the live engine binds no system call of its own; everything goes through src/ports.ts. */
import { expect, test } from "bun:test";
import * as path from "node:path";
import { PROJECT_ROOT } from "../helpers/binary";

/** Not part of the engine: doctor's inotify counter and watch's stdout probe read /proc and use FFI directly. */
const OUTSIDE_THE_ENGINE = new Set(["inotify.ts", "stdout-closed.ts"]);

test("src/live reaches the file system, the clock and the watch only through the ports", async () => {
  const offenders: string[] = [];
  for (const file of new Bun.Glob("*.ts").scanSync({ cwd: path.join(PROJECT_ROOT, "src", "live") })) {
    if (OUTSIDE_THE_ENGINE.has(file)) continue;
    const text = await Bun.file(path.join(PROJECT_ROOT, "src", "live", file)).text();
    for (const m of text.matchAll(/from "((?:node:)?(?:fs|os|child_process)|bun(?::\w+)?)"|require\("([^"]+)"\)|\bDate\.now\(\)|(?<![.\w])setTimeout\(/g)) offenders.push(`${file}: ${m[0]}`);
  }
  expect(offenders).toEqual([]);
});
