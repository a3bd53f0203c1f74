import { expect, test } from "bun:test";
import { writeAllSync } from "../../src/cli/fd-output";

function fakeWrite(script: (number | string)[]) {
  const written: string[] = [];
  const write = ((_fd: number, buf: Uint8Array, offset: number, length: number) => {
    const step = script.shift() ?? length;
    if (typeof step === "string") throw Object.assign(new Error(step), { code: step });
    const n = Math.min(step, length);
    written.push(Buffer.from(buf.subarray(offset, offset + n)).toString("utf8"));
    return n;
  }) as unknown as typeof import("node:fs").writeSync;
  return { write, written };
}

test("partial writes and EAGAIN are retried until every byte is out, in order", () => {
  const fake = fakeWrite([3, "EAGAIN", 2, "EAGAIN", "EAGAIN", 100]);
  writeAllSync(1, "hello, world", fake.write);
  expect(fake.written.join("")).toBe("hello, world");
  expect(fake.written).toEqual(["hel", "lo", ", world"]);
});

test("EPIPE is thrown to the caller, not retried", () => {
  const fake = fakeWrite([2, "EPIPE"]);
  expect(() => writeAllSync(1, "abcdef", fake.write)).toThrow("EPIPE");
  expect(fake.written).toEqual(["ab"]);
});
