import { describe, expect, test } from "bun:test";
import { EventEmitter } from "node:events";
import { tryFsWatch } from "../../src/live/fs-backend";
import type { WatcherHandle } from "../../src/ports";
import { fakeClock } from "../helpers/fake-clock";

/** A watch that starts fine and reports `error` on the next turn, as Bun does for a subfolder it ran out of watches for. */
function lateFailingWatch(error: Error | null) {
  let closed = false;
  const watchTree = (): WatcherHandle => {
    const handle = Object.assign(new EventEmitter(), { close: () => (closed = true) });
    if (error !== null) queueMicrotask(() => handle.emit("error", error));
    return handle as unknown as WatcherHandle;
  };
  return { watchTree, closed: () => closed };
}

describe("trying fs.watch the way watch would use it", () => {
  test("an error reported just after the start counts as a failure, and the watch is closed", async () => {
    const w = lateFailingWatch(Object.assign(new Error("ENOSPC: no space left on device, watch '/p/d23'"), { code: "ENOSPC" }));
    const failure = await tryFsWatch(w, fakeClock({ auto: true }), "/p");
    expect(failure?.code).toBe("ENOSPC");
    expect(w.closed()).toBe(true);
  });

  test("a watch that cannot start is a failure; one that holds is none", async () => {
    const throwing = {
      watchTree: (): WatcherHandle => {
        throw Object.assign(new Error("EMFILE: too many open files"), { code: "EMFILE" });
      },
    };
    expect((await tryFsWatch(throwing, fakeClock({ auto: true }), "/p"))?.code).toBe("EMFILE");
    const fine = lateFailingWatch(null);
    expect(await tryFsWatch(fine, fakeClock({ auto: true }), "/p")).toBeNull();
    expect(fine.closed()).toBe(true);
  });
});
