import { describe, expect, test } from "bun:test";
import { createCoalescer } from "../../src/live/coalesce";
import { fakeClock } from "../helpers/fake-clock";

function setup(windowMs = 10) {
  const clock = fakeClock();
  const flushes: { at: number; keys: string[] }[] = [];
  const c = createCoalescer({ clock, windowMs, onFlush: (keys) => flushes.push({ at: clock.now(), keys: [...keys] }) });
  return { clock, flushes, c, keys: () => flushes.map((f) => f.keys) };
}

describe("coalescer", () => {
  test("10,000 hints over 100 plans in one window give exactly 100 keys in one batch", () => {
    const { clock, c, keys } = setup();
    for (let i = 0; i < 10_000; i++) c.add(`p${i % 100}`);
    expect(keys()).toEqual([]);
    clock.advance(10);
    expect(keys()).toHaveLength(1);
    expect(new Set(keys()[0]).size).toBe(100);
    expect(keys()[0]).toHaveLength(100);
  });

  test("the first hint for a quiet key goes out on the next turn; hints within the window wait for its end", () => {
    const { clock, c, keys } = setup();
    c.add("a");
    expect(keys()).toEqual([]);
    clock.advance(0);
    expect(keys()).toEqual([["a"]]);
    clock.advance(1);
    c.add("a");
    c.add("a");
    clock.advance(8);
    expect(keys()).toEqual([["a"]]);
    clock.advance(1);
    expect(keys()).toEqual([["a"], ["a"]]);
  });

  test("a steady stream cannot starve a key, and a key goes out at most once per window", () => {
    const { clock, c, flushes } = setup();
    for (let t = 0; t < 100; t++) {
      c.add("busy");
      clock.advance(1);
    }
    clock.advance(10);
    expect(flushes.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < flushes.length; i++) expect((flushes[i]?.at ?? 0) - (flushes[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(10);
  });

  test("keys that fall due together go out together; a quiet key is not held back by a busy one", () => {
    const { clock, c, keys } = setup();
    c.add("a");
    c.add("b");
    clock.advance(0);
    c.add("a");
    clock.advance(5);
    c.add("c");
    clock.advance(0);
    expect(keys()).toEqual([["a", "b"], ["c"]]);
    clock.advance(5);
    expect(keys()).toEqual([["a", "b"], ["c"], ["a"]]);
  });

  test("a zero window batches the hints of one turn", () => {
    const { clock, c, keys } = setup(0);
    c.add("a");
    c.add("a");
    c.add("b");
    clock.advance(0);
    expect(keys()).toEqual([["a", "b"]]);
  });

  test("drain hands over pending keys at once; stop drops them and is idempotent", () => {
    const { clock, c, keys } = setup();
    c.add("a");
    expect(c.drain()).toEqual(["a"]);
    c.add("b");
    c.stop();
    c.stop();
    clock.advance(100);
    expect(keys()).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });
});
