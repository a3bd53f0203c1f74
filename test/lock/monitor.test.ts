/** The lock monitor with fakes: a holder learns its lock was taken, a watcher learns it was freed or taken. */
import { describe, expect, test } from "bun:test";
import { clearLock, createLock } from "../../src/lock/lock";
import { createLockMonitor, DEFAULT_LOCK_CHECK_MS, type LockEvent, type LockRole } from "../../src/lock/monitor";
// The clock with real timer semantics (fires on advance); test/lock/fakes.ts's clock runs every timer at once.
import { fakeClock } from "../live/fake-clock";
import { LOCK, putRecord, recordFor, ROOT, world } from "./fakes";

function monitored(role: LockRole, lock: ReturnType<typeof createLock>, intervalMs?: number) {
  const clock = fakeClock();
  const events: LockEvent[] = [];
  const errors: unknown[] = [];
  const monitor = createLockMonitor({
    lock,
    clock,
    role,
    ...(intervalMs === undefined ? {} : { intervalMs }),
    onChange: (e) => events.push(e),
    onError: (e) => errors.push(e),
  });
  return { clock, events, errors, monitor };
}

/** kind and the holder's pid (null: nobody / not a record), the parts a dashboard shows. */
const brief = (events: readonly LockEvent[]): [string, number | null][] => events.map((e) => [e.kind, e.holder?.record?.pid ?? null]);

describe("as the holder", () => {
  test("a takeover is reported within one check interval (at most 500 ms), naming the new holder", async () => {
    const w = world();
    const ours = createLock(w.deps(100), ROOT);
    expect((await ours.acquire()).kind).toBe("held");
    const m = monitored("holder", ours);
    expect(DEFAULT_LOCK_CHECK_MS).toBeLessThanOrEqual(500);
    m.clock.advance(DEFAULT_LOCK_CHECK_MS * 4);
    expect(m.events).toEqual([]);

    w.deps(200);
    expect((await createLock(w.deps(200), ROOT).takeover()).kind).toBe("held");
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    expect(brief(m.events)).toEqual([["lost", 200]]);
    const lost = m.events[0];
    expect(lost?.kind === "lost" && lost.holder?.record?.host).toBe("box");
    expect(m.monitor.role).toBe("watcher");
  });

  test("a record removed under us (lock --clear --force) is lost to nobody; taken later, that is reported too", async () => {
    const w = world();
    const ours = createLock(w.deps(100), ROOT);
    await ours.acquire();
    const m = monitored("holder", ours);
    clearLock(w.deps(300), ROOT, { force: true });
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    expect(brief(m.events)).toEqual([["lost", null]]);
    w.deps(200);
    await createLock(w.deps(200), ROOT).acquire();
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    expect(brief(m.events)).toEqual([["lost", null], ["held", 200]]);
  });

  test("after losing it, the former holder hears when the new holder lets go", async () => {
    const w = world();
    const ours = createLock(w.deps(100), ROOT);
    await ours.acquire();
    const m = monitored("holder", ours);
    w.deps(200);
    const theirs = createLock(w.deps(200), ROOT);
    await theirs.takeover();
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    m.clock.advance(DEFAULT_LOCK_CHECK_MS * 3);
    expect(await theirs.release()).toBe("released");
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    expect(brief(m.events)).toEqual([["lost", 200], ["freed", null]]);
  });
});

describe("as a watcher (read-only)", () => {
  test("the first check reports what is there; then only changes: holder dies → freed, another takes it → held", async () => {
    const w = world();
    w.deps(200);
    putRecord(w.fs, recordFor(200));
    const m = monitored("watcher", createLock(w.deps(100), ROOT));
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    expect(brief(m.events)).toEqual([["held", 200]]);
    m.clock.advance(DEFAULT_LOCK_CHECK_MS * 10);
    expect(brief(m.events)).toEqual([["held", 200]]);

    w.table.delete(200); // the holder's process is gone: the lock may be taken
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    const freed = m.events[1];
    expect(freed).toMatchObject({ kind: "freed", holder: { record: { pid: 200 }, alive: false, reason: "no-process" } });

    w.deps(300);
    await createLock(w.deps(300), ROOT).acquire();
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    expect(brief(m.events)).toEqual([["held", 200], ["freed", 200], ["held", 300]]);
  });

  test("a free lock is reported as freed at the first check, so a change before the monitor started is not missed", () => {
    const m = monitored("watcher", createLock(world().deps(100), ROOT));
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    expect(brief(m.events)).toEqual([["freed", null]]);
  });

  test("one live holder replacing another is a new held event", async () => {
    const w = world();
    w.deps(200);
    await createLock(w.deps(200), ROOT).acquire();
    const m = monitored("watcher", createLock(w.deps(100), ROOT));
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    w.deps(300);
    await createLock(w.deps(300), ROOT).takeover();
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    expect(brief(m.events)).toEqual([["held", 200], ["held", 300]]);
  });

  test("setRole('holder') after taking the freed lock: a later takeover is lost, not held", async () => {
    const w = world();
    const ours = createLock(w.deps(100), ROOT);
    const m = monitored("watcher", ours);
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    await ours.acquire();
    m.monitor.setRole("holder");
    m.clock.advance(DEFAULT_LOCK_CHECK_MS * 2);
    w.deps(200);
    await createLock(w.deps(200), ROOT).takeover();
    m.clock.advance(DEFAULT_LOCK_CHECK_MS);
    expect(brief(m.events)).toEqual([["freed", null], ["lost", 200]]);
  });
});

describe("checking", () => {
  test("an unreadable lock path is an error, checking goes on and reports once it is readable", () => {
    const w = world();
    const lock = createLock(w.deps(100), ROOT);
    let broken = true;
    const flaky = { verify: () => lock.verify(), inspect: () => (broken ? (() => { throw Object.assign(new Error("EACCES"), { code: "EACCES" }); })() : lock.inspect()) };
    const clock = fakeClock();
    const events: LockEvent[] = [];
    const errors: unknown[] = [];
    createLockMonitor({ lock: flaky, clock, role: "watcher", onChange: (e) => events.push(e), onError: (e) => errors.push(e) });
    clock.advance(DEFAULT_LOCK_CHECK_MS * 2);
    expect(errors).toHaveLength(2);
    expect(events).toEqual([]);
    broken = false;
    clock.advance(DEFAULT_LOCK_CHECK_MS);
    expect(brief(events)).toEqual([["freed", null]]);
  });

  test("stop() ends the checks (idempotent): no timer left, no event after it", async () => {
    const w = world();
    const ours = createLock(w.deps(100), ROOT);
    await ours.acquire();
    const m = monitored("holder", ours, 100);
    m.clock.advance(300);
    await m.monitor.stop();
    await m.monitor.stop();
    expect(m.clock.pendingTimers).toBe(0);
    w.fs.files.delete(LOCK);
    m.clock.advance(1_000);
    expect(m.events).toEqual([]);
  });

  test("intervals above 500 ms are refused: the holder must hear within 1 s", () => {
    expect(() => monitored("holder", createLock(world().deps(100), ROOT), 501)).toThrow(/500/);
  });
});
