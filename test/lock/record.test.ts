import { expect, test } from "bun:test";
import { readingOf, serializeRecord, toRecord, type LockRecord } from "../../src/lock/record";

const GOOD: LockRecord = { pid: 12, host: "box", processStart: 345, nonce: "abcdEFGH1234_-xy", version: "0.1.0", createdAt: "2026-01-01T00:00:00.000Z" };
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

test("a record survives serialize → read, keyed by its nonce", () => {
  const reading = readingOf(bytes(serializeRecord(GOOD)), 1, 0);
  expect(reading).toEqual({ kind: "record", record: GOOD, key: `n${GOOD.nonce}`, mtimeMs: 0 });
});

test("processStart may be null (no /proc)", () => {
  expect(toRecord({ ...GOOD, processStart: null })).toEqual({ ...GOOD, processStart: null });
});

test.each([
  ["an empty file", "", "empty"],
  ["only whitespace", " \n\t", "empty"],
  ["half a record", serializeRecord(GOOD).slice(0, 30), "not-json"],
  ["someone else's text", "locked by bob\n", "not-json"],
  ["a JSON array", "[1,2]", "not-a-record"],
  ["JSON null", "null", "not-a-record"],
  ["pid 0 (kill(0) would signal our process group)", JSON.stringify({ ...GOOD, pid: 0 }), "not-a-record"],
  ["a negative pid", JSON.stringify({ ...GOOD, pid: -1 }), "not-a-record"],
  ["a pid as a string", JSON.stringify({ ...GOOD, pid: "12" }), "not-a-record"],
  ["a fractional pid", JSON.stringify({ ...GOOD, pid: 1.5 }), "not-a-record"],
  ["no nonce", JSON.stringify({ ...GOOD, nonce: undefined }), "not-a-record"],
  ["a nonce with a path in it", JSON.stringify({ ...GOOD, nonce: "../../etc/passwd" }), "not-a-record"],
  ["an empty host", JSON.stringify({ ...GOOD, host: "" }), "not-a-record"],
  ["a start time as text", JSON.stringify({ ...GOOD, processStart: "345" }), "not-a-record"],
])("%s is judged corrupt (%s), never thrown", (_name, text, problem) => {
  const reading = readingOf(bytes(text), 9, 5);
  expect(reading.kind).toBe("corrupt");
  if (reading.kind === "corrupt") {
    expect(reading.problem).toBe(problem as "empty" | "not-json" | "not-a-record");
    expect(reading.key).toMatch(/^c[0-9a-z]+-[0-9a-f]{20}$/);
  }
});

test("invalid UTF-8 does not throw", () => {
  expect(readingOf(new Uint8Array([0xff, 0xfe, 0x7b]), 1, 0).kind).toBe("corrupt");
});

test("a corrupt file's key changes with its content and its inode", () => {
  const a = readingOf(bytes("junk"), 1, 0);
  const b = readingOf(bytes("junk!"), 1, 0);
  const c = readingOf(bytes("junk"), 2, 0);
  const keys = [a, b, c].map((r) => (r.kind === "corrupt" ? r.key : ""));
  expect(new Set(keys).size).toBe(3);
});

test("what is not a regular file, or is larger than it was read, is corrupt without parsing what was read", () => {
  const fifo = readingOf(new Uint8Array(0), 3, 7, { size: 0, regular: false });
  expect(fifo).toMatchObject({ kind: "corrupt", problem: "not-a-file" });
  const huge = readingOf(bytes(serializeRecord(GOOD)), 3, 7, { size: 50 * 1024 ** 3, regular: true });
  expect(huge).toMatchObject({ kind: "corrupt", problem: "too-large", size: 50 * 1024 ** 3 });
});

test("a huge file's key changes when it grows or is touched, though only its start was read", () => {
  const keyOf = (size: number, mtimeMs: number): string => {
    const r = readingOf(bytes("same start"), 4, mtimeMs, { size, regular: true });
    return r.kind === "corrupt" ? r.key : "";
  };
  expect(new Set([keyOf(1e9, 1), keyOf(2e9, 1), keyOf(1e9, 2)]).size).toBe(3);
});
