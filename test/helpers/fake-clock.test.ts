import { describe, expect, test } from "bun:test";
import { fakeClock } from "./fake-clock";

describe("the fake clock", () => {
  test("advance fires due timers in due order, including ones set on the way, and stops at the end of the span", () => {
    const clock = fakeClock({ start: 0 });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`);
      clock.setTimeout(() => fired.push(`c@${clock.now()}`), 5);
      clock.setTimeout(() => fired.push(`late@${clock.now()}`), 100);
    }, 10);
    clock.advance(30);
    expect(fired).toEqual(["a@10", "c@15", "b@20"]);
    expect(clock.now()).toBe(30);
    expect(clock.pendingTimers).toBe(1);
    expect(clock.nextDueAt).toBe(110);
  });

  test("a cleared timer never fires", () => {
    const clock = fakeClock({ start: 0 });
    let fired = false;
    clock.clearTimeout(clock.setTimeout(() => (fired = true), 1));
    clock.advance(10);
    expect(fired).toBe(false);
  });

  test("auto mode: an awaited wait of an hour resolves at once and the clock reads an hour later", async () => {
    const clock = fakeClock({ start: 0, auto: true });
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 3_600_000));
    expect(clock.now()).toBe(3_600_000);
  });
});
