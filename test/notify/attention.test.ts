/** Which transitions call for a person, and how they are coalesced (fake clock). */
import { describe, expect, test } from "bun:test";
import type { PlansDiff, Transition } from "../../src/core/diff";
import type { Plan } from "../../src/core/types";
import { ATTENTION_WINDOW_MS, attentionsIn, attentionText, createAttentionBatcher, type Attention } from "../../src/notify/attention";
import { fakeClock } from "../helpers/fake-clock";

/** attentionsIn reads a plan's id and name only. */
const plan = (id: string, name = id): Plan => ({ id, name }) as unknown as Plan;

function diff(changes: Record<string, Transition[]>, added: string[] = []): PlansDiff {
  return {
    changed: Object.entries(changes).map(([id, transitions]) => ({ before: plan(id), after: plan(id), transitions })),
    added: added.map((id) => plan(id)),
    removed: [],
  };
}

const t = (achievement: string, from: Transition["from"], to: Transition["to"]): Transition => ({ achievement, from, to });

describe("attentionsIn", () => {
  test.each([
    [t("1.1", "in-progress", "awaiting-review"), true],
    [t("1.1", "awaiting-review", "needs-fix"), true],
    [t("1.1", "needs-fix", "awaiting-review"), true],
    [t("1.1", "planned", "awaiting-review"), true],
    [t("1.1", "awaiting-review", "approved"), false],
    [t("1.1", "not-started", "planned"), false],
    [t("1.1", "planned", "in-progress"), false],
    [t("1.1", "needs-fix", null), false],
    // An achievement that was not in the plan before did not turn into anything.
    [t("1.1", null, "awaiting-review"), false],
  ])("%p signals: %p", (transition, signals) => {
    expect(attentionsIn(diff({ A: [transition] })).length).toBe(signals ? 1 : 0);
  });

  test("a plan that appears already awaiting review does not signal; its name is what a signal says", () => {
    expect(attentionsIn(diff({}, ["NEW"]))).toEqual([]);
    const d: PlansDiff = { changed: [{ before: plan("a_paused/X", "X"), after: plan("a_paused/X", "X"), transitions: [t("2.1", "in-progress", "awaiting-review")] }], added: [], removed: [] };
    expect(attentionsIn(d)).toEqual([{ planId: "a_paused/X", planName: "X", achievement: "2.1", to: "awaiting-review" }]);
  });
});

describe("the batcher", () => {
  const a = (planId: string, achievement: string, to: Attention["to"] = "awaiting-review"): Attention => ({ planId, planName: planId, achievement, to });

  test("transitions within a second are one signal, sent when the second is over; later ones are the next signal", () => {
    const clock = fakeClock();
    const flushed: (readonly Attention[])[] = [];
    const batcher = createAttentionBatcher(clock, (b) => flushed.push(b));
    batcher.push([a("A", "1.1")]);
    clock.advance(400);
    batcher.push([a("B", "2.1", "needs-fix")]);
    clock.advance(ATTENTION_WINDOW_MS - 401);
    expect(flushed).toEqual([]);
    clock.advance(1);
    expect(flushed).toEqual([[a("A", "1.1"), a("B", "2.1", "needs-fix")]]);
    clock.advance(5_000);
    batcher.push([a("A", "1.2")]);
    clock.advance(ATTENTION_WINDOW_MS);
    expect(flushed.length).toBe(2);
    expect(flushed[1]).toEqual([a("A", "1.2")]);
    expect(clock.pendingTimers).toBe(0);
  });

  test("one achievement changing twice in a window is one attention, with its latest status", () => {
    const clock = fakeClock();
    const flushed: (readonly Attention[])[] = [];
    const batcher = createAttentionBatcher(clock, (b) => flushed.push(b));
    batcher.push([a("A", "1.1")]);
    batcher.push([a("A", "1.1", "needs-fix")]);
    clock.advance(ATTENTION_WINDOW_MS);
    expect(flushed).toEqual([[a("A", "1.1", "needs-fix")]]);
  });

  test("nothing pushed, nothing sent; stop drops a waiting batch and ignores later pushes", () => {
    const clock = fakeClock();
    const flushed: (readonly Attention[])[] = [];
    const batcher = createAttentionBatcher(clock, (b) => flushed.push(b));
    batcher.push([]);
    expect(clock.pendingTimers).toBe(0);
    batcher.push([a("A", "1.1")]);
    batcher.stop();
    batcher.stop();
    batcher.push([a("A", "1.2")]);
    clock.advance(10_000);
    expect(flushed).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });
});

test("the text of a signal names the plan and the achievement", () => {
  const x = (achievement: string, to: Attention["to"]): Attention => ({ planId: "a/AUTH", planName: "AUTH", achievement, to });
  expect(attentionText([x("1.2", "awaiting-review")])).toBe("AUTH 1.2 is awaiting review");
  expect(attentionText([x("1.2", "needs-fix")])).toBe("AUTH 1.2 needs a fix");
  expect(attentionText([x("1.1", "needs-fix"), x("1.2", "awaiting-review")])).toBe("2 achievements want you: AUTH 1.1 needs a fix, AUTH 1.2 awaiting review");
  expect(attentionText(["1.1", "1.2", "1.3", "1.4"].map((id) => x(id, "needs-fix")))).toMatch(/^4 achievements want you: .*AUTH 1\.3 needs a fix, …$/);
});
