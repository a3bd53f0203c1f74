import { describe, expect, test } from "bun:test";
import { createLineWriter, pieces } from "../../src/live/line-writer";
import { fakeClock } from "./fake-clock";

const eagain = () => Object.assign(new Error("EAGAIN: resource temporarily unavailable, write"), { code: "EAGAIN" });

describe("line writer", () => {
  test("pieces never exceed the size and never split a surrogate pair", () => {
    const text = "a".repeat(1023) + "😀" + "b".repeat(10);
    const parts = pieces(text);
    expect(parts.join("")).toBe(text);
    expect(parts.every((p) => p.length <= 1024)).toBe(true);
    expect(parts[0]?.endsWith("a")).toBe(true);
  });

  test("a full pipe (EAGAIN) delays the rest, in order, until it drains", async () => {
    const clock = fakeClock();
    const written: string[] = [];
    let full = true;
    const w = createLineWriter({ write: (t) => { if (full) throw eagain(); written.push(t); } }, clock, () => {
      throw new Error("must not close");
    });
    w.write(["first", "x".repeat(5000)]);
    w.write(["last"]);
    expect(written).toEqual([]);
    full = false;
    clock.advance(2);
    await w.flushed();
    expect(written.join("")).toBe(`first\n${"x".repeat(5000)}\nlast\n`);
  });

  test("EPIPE closes quietly; later lines are dropped", () => {
    const clock = fakeClock();
    const closed: unknown[] = [];
    let calls = 0;
    const w = createLineWriter({ write: () => { calls++; throw Object.assign(new Error("EPIPE"), { code: "EPIPE" }); } }, clock, (e) => closed.push(e));
    w.write(["a"]);
    w.write(["b"]);
    expect(closed).toEqual([null]);
    expect(calls).toBe(1);
  });
});
