import { describe, expect, test } from "bun:test";
import { createCoalescer } from "../../src/live/coalesce";
import { fakeClock } from "./fake-clock";

function setup(windowMs = 10) {
  const clock = fakeClock();
  const flushes: string[][] = [];
  const c = createCoalescer({ clock, windowMs, onFlush: (keys) => flushes.push([...keys]) });
  return { clock, flushes, c };
}

describe("coalescer", () => {
  test("10,000 hints over 100 plans in one window give exactly 100 keys in one batch", () => {
    const { clock, flushes, c } = setup();
    for (let i = 0; i < 10_000; i++) c.add(`p${i % 100}`);
    expect(flushes).toEqual([]);
    clock.advance(10);
    expect(flushes).toHaveLength(1);
    expect(new Set(flushes[0]).size).toBe(100);
    expect(flushes[0]).toHaveLength(100);
  });

  test("nothing is handed over before the window ends", () => {
    const { clock, flushes, c } = setup();
    c.add("a");
    clock.advance(9);
    expect(flushes).toEqual([]);
    clock.advance(1);
    expect(flushes).toEqual([["a"]]);
  });

  test("a steady stream of hints cannot starve a key: the window is not pushed back", () => {
    const { clock, flushes, c } = setup();
    for (let t = 0; t < 100; t++) {
      c.add("busy");
      clock.advance(1);
    }
    // One flush per 10 ms window: 100 ms of hints → 10 flushes, never more than one per window.
    expect(flushes.length).toBe(10);
    for (const f of flushes) expect(f).toEqual(["busy"]);
  });

  test("keys whose windows end together are flushed together; later keys wait for their own window", () => {
    const { clock, flushes, c } = setup();
    c.add("a");
    c.add("b");
    clock.advance(5);
    c.add("c");
    clock.advance(5);
    expect(flushes).toEqual([["a", "b"]]);
    clock.advance(5);
    expect(flushes).toEqual([["a", "b"], ["c"]]);
  });

  test("a zero window batches the hints of one turn", () => {
    const { clock, flushes, c } = setup(0);
    c.add("a");
    c.add("a");
    c.add("b");
    clock.advance(0);
    expect(flushes).toEqual([["a", "b"]]);
  });

  test("drain hands over pending keys at once; stop drops them and is idempotent", () => {
    const { clock, flushes, c } = setup();
    c.add("a");
    expect(c.drain()).toEqual(["a"]);
    c.add("b");
    c.stop();
    c.stop();
    clock.advance(100);
    expect(flushes).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });
});
