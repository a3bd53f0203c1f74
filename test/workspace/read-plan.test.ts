/** Reading one plan folder through the FsPort: what is not a regular file is refused from the listing, never opened. */
import { expect, test } from "bun:test";
import { buildPlan } from "../../src/core/plan";
import type { DirEntry, FileStat, FsPort } from "../../src/ports";
import { readPlan } from "../../src/workspace/read-plan";

/** A tiny in-memory tree; readFile of a FIFO or device throws, as a read that would block. */
function fakeFs(tree: Record<string, "fifo" | "device-link" | string>): FsPort & { opened: string[]; headers: [string, boolean][] } {
  const opened: string[] = [];
  /** readHeader calls: the file and whether its mtime was asked for. */
  const headers: [string, boolean][] = [];
  const kindOf = (p: string): DirEntry["kind"] => {
    const v = tree[p];
    if (v === undefined) return "dir";
    return v === "fifo" ? "other" : v === "device-link" ? "symlink" : "file";
  };
  const fail = (code: string, p: string): never => {
    throw Object.assign(new Error(`${code}: ${p}`), { code });
  };
  return {
    opened,
    headers,
    readDir(dir) {
      const names = new Set<string>();
      for (const p of Object.keys(tree)) if (p.startsWith(`${dir}/`)) names.add(p.slice(dir.length + 1).split("/")[0] ?? "");
      if (names.size === 0) fail("ENOENT", dir);
      return [...names].sort().map((name) => ({ name, kind: kindOf(`${dir}/${name}`) }));
    },
    stat(p): FileStat {
      const v = tree[p];
      return { kind: v === undefined ? "dir" : v === "fifo" || v === "device-link" ? "other" : "file", size: 0, mtimeMs: 0, ino: 1 };
    },
    readFile(p, max) {
      opened.push(p);
      const v = tree[p];
      if (v === undefined) return fail("ENOENT", p);
      if (v === "fifo" || v === "device-link") return fail("ENOTREG", p);
      const bytes = new TextEncoder().encode(v).subarray(0, max);
      return { bytes, size: bytes.length, mtimeMs: 0 };
    },
    readHeader(p, max, withMtime) {
      opened.push(p);
      headers.push([p, withMtime]);
      const v = tree[p];
      if (v === undefined) return fail("ENOENT", p);
      if (v === "fifo" || v === "device-link") return fail("ENOTREG", p);
      return { bytes: new TextEncoder().encode(v).subarray(0, max), mtimeMs: withMtime ? 0 : null };
    },
    realPath: (p) => p,
    writeExclusive: () => fail("EROFS", "fake"),
    mkdirp: () => fail("EROFS", "fake"),
    rename: () => fail("EROFS", "fake"),
    exists: (p) => tree[p] !== undefined,
    makeTempDir: () => fail("EROFS", "fake"),
    removeTree: () => fail("EROFS", "fake"),
    statOrNull: () => null,
    watchTree: () => fail("ENOSYS", "fake"),
    pinDir: () => null,
    readMounts: () => null,
  };
}

const D = "/ws/P";

test("a FIFO and a link to a device named like role files: unreadable-file warnings, never opened, counted as absent", () => {
  const fs = fakeFs({
    [`${D}/PLAN_P.md`]: "## Achievement Index\n- Achievement 1.1: One\n- Achievement 1.2: Two\n",
    [`${D}/subplans/SUBPLAN_P_11.md`]: "# sub",
    [`${D}/subplans/SUBPLAN_P_12.md`]: "device-link",
    [`${D}/execution/EXECUTION_TASK_P_11_01.md`]: "fifo",
    [`${D}/execution/feedbacks/APPROVED_11.md`]: "fifo",
    [`${D}/parallel.json`]: "fifo",
  });
  const entries = fs.readDir(D);
  const input = readPlan(fs, { id: "P", absDir: D, planFiles: ["PLAN_P.md"], entryNames: new Set(entries.map((e) => e.name)) });
  const plan = buildPlan(input, { nowMs: 0, staleExecutionDays: 7 });
  expect(plan.warnings.map((w) => [w.code, w.file, w.message])).toEqual([
    ["unreadable-file", "P/parallel.json", "cannot read this file (not a regular file: a FIFO, socket or device)"],
    ["unreadable-file", "P/subplans/SUBPLAN_P_12.md", "cannot read this file (not a regular file: a FIFO, socket or device)"],
    ["unreadable-file", "P/execution/EXECUTION_TASK_P_11_01.md", "cannot read this file (not a regular file: a FIFO, socket or device)"],
    ["unreadable-file", "P/execution/feedbacks/APPROVED_11.md", "cannot read this file (not a regular file: a FIFO, socket or device)"],
  ]);
  expect(plan.achievements.map((a) => a.status)).toEqual(["planned", "not-started"]);
  expect(plan.parallel).toBeNull();
  // The listing said FIFO: the execution is refused without an open(2), which is what could block.
  expect(fs.opened).not.toContain(`${D}/execution/EXECUTION_TASK_P_11_01.md`);
});

test("EXECUTION_TASK headers are read once each; only executions of achievements without an approval get an mtime (SPEC §2.1 stale)", () => {
  const fs = fakeFs({
    [`${D}/PLAN_P.md`]: "## Achievement Index\n- Achievement 1.1: One\n- Achievement 1.2: Two\n- Achievement 1.3: Three\n",
    [`${D}/execution/EXECUTION_TASK_P_11_01.md`]: "**Status**: Complete",
    [`${D}/execution/EXECUTION_TASK_P_12_01.md`]: "**Status**: In Progress",
    [`${D}/execution/EXECUTION_TASK_P_12_02.md`]: "**Status**: In Progress",
    [`${D}/execution/EXECUTION_TASK_P_13_01.md`]: "**Status**: Complete",
    [`${D}/execution/feedbacks/APPROVED_11.md`]: "ok",
  });
  const entries = fs.readDir(D);
  const input = readPlan(fs, { id: "P", absDir: D, planFiles: ["PLAN_P.md"], entryNames: new Set(entries.map((e) => e.name)) });
  expect(fs.headers).toEqual([
    [`${D}/execution/EXECUTION_TASK_P_11_01.md`, false],
    [`${D}/execution/EXECUTION_TASK_P_12_01.md`, true],
    [`${D}/execution/EXECUTION_TASK_P_12_02.md`, true],
    [`${D}/execution/EXECUTION_TASK_P_13_01.md`, true],
  ]);
  // The fake's files are all 8 days old: the in-progress achievement is stale, the others cannot be.
  const plan = buildPlan(input, { nowMs: 8 * 86_400_000, staleExecutionDays: 7 });
  expect(plan.achievements.map((a) => [a.id, a.status, a.stale])).toEqual([
    ["1.1", "approved", false],
    ["1.2", "in-progress", true],
    ["1.3", "awaiting-review", false],
  ]);
});
