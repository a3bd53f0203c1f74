/** The lock protocol with fakes: every branch of acquire / takeover / verify / release / clear. */
import { describe, expect, test } from "bun:test";
import { CORRUPT_GRACE_MS, clearLock, createLock, inspectLock } from "../../src/lock/lock";
import { serializeRecord } from "../../src/lock/record";
import { LOCK, putRecord, recordFor, ROOT, world, type FakeProcess } from "./fakes";

const isLock = (f: string): boolean => f === LOCK;
const isGuard = (f: string): boolean => f.includes(".guard-");

function onDisk(w: ReturnType<typeof world>): { pid: number; nonce: string } | null {
  const text = w.fs.text(LOCK);
  return text === null ? null : (JSON.parse(text) as { pid: number; nonce: string });
}

describe("acquire", () => {
  test("a free lock is taken: full record, .gitignore of *, no temp files left", async () => {
    const w = world();
    const lock = createLock(w.deps(100), ROOT);
    const result = await lock.acquire();
    expect(result.kind).toBe("held");
    if (result.kind !== "held") return;
    expect(result.replaced).toBeNull();
    expect(JSON.parse(w.fs.text(LOCK) ?? "")).toEqual({
      pid: 100,
      host: "box",
      processStart: 1100,
      nonce: result.record.nonce,
      version: "9.9.9",
      createdAt: "2026-01-02T03:04:05.000Z",
    });
    expect(w.fs.text(`${ROOT}/.plandash/.gitignore`)).toBe("*\n");
    expect(w.fs.names()).toEqual([`${ROOT}/.plandash/.gitignore`, LOCK]);
  });

  test("an existing .gitignore is left as it is", async () => {
    const w = world();
    w.fs.put(`${ROOT}/.plandash/.gitignore`, "mine\n");
    await createLock(w.deps(100), ROOT).acquire();
    expect(w.fs.text(`${ROOT}/.plandash/.gitignore`)).toBe("mine\n");
  });

  test("acquiring again is idempotent: our own record is ours, not a second instance", async () => {
    const w = world();
    const lock = createLock(w.deps(100), ROOT);
    const first = await lock.acquire();
    const second = await lock.acquire();
    expect(second).toEqual(first);
  });

  test("a live holder is reported with its record and never replaced", async () => {
    const w = world();
    w.deps(200);
    putRecord(w.fs, recordFor(200));
    const before = w.fs.text(LOCK);
    const result = await createLock(w.deps(100), ROOT).acquire();
    expect(result).toMatchObject({ kind: "held-by-other", alive: true, holder: { record: { pid: 200 }, reason: "running", ours: false } });
    expect(w.fs.text(LOCK)).toBe(before);
  });

  test("EPERM is alive: someone else's process keeps its lock", async () => {
    const w = world();
    w.table.set(200, { startTime: 1200, denied: true });
    putRecord(w.fs, recordFor(200));
    expect((await createLock(w.deps(100), ROOT).acquire()).kind).toBe("held-by-other");
  });

  test("another host keeps its lock even when its pid does not exist here", async () => {
    const w = world();
    putRecord(w.fs, recordFor(200, { host: "elsewhere" }));
    const result = await createLock(w.deps(100), ROOT).acquire();
    expect(result).toMatchObject({ kind: "held-by-other", holder: { reason: "other-host", alive: true } });
  });

  test("another process of the same pid and host but another nonce is a stranger (not us)", async () => {
    const w = world();
    const a = createLock(w.deps(100), ROOT);
    const b = createLock(w.deps(100), ROOT);
    expect((await a.acquire()).kind).toBe("held");
    expect((await b.acquire()).kind).toBe("held-by-other");
  });

  const deadCases: [string, FakeProcess | undefined, string][] = [
    ["the process is gone (ESRCH)", undefined, "no-process"],
    ["the process is a zombie", { startTime: 1200, state: "Z" }, "zombie"],
    ["the pid was reused by a process started later", { startTime: 99_999 }, "pid-reused"],
  ];
  test.each(deadCases)("a dead holder is taken over silently when %s", async (_name, proc, reason) => {
    const w = world();
    if (proc !== undefined) w.table.set(200, proc);
    putRecord(w.fs, recordFor(200));
    const result = await createLock(w.deps(100), ROOT).acquire();
    expect(result).toMatchObject({ kind: "held", replaced: { record: { pid: 200 }, alive: false, reason } });
    expect(onDisk(w)?.pid).toBe(100);
    expect(w.fs.names().filter(isGuard)).toEqual([]);
  });

  test("an empty or corrupt file older than the grace period is taken over", async () => {
    for (const content of ["", "garbage", serializeRecord(recordFor(200)).slice(0, 25)]) {
      const w = world();
      w.fs.put(LOCK, content, w.clock.now() - CORRUPT_GRACE_MS - 1);
      const result = await createLock(w.deps(100), ROOT).acquire();
      expect(result).toMatchObject({ kind: "held", replaced: { record: null, reason: "corrupt" } });
      expect(onDisk(w)?.pid).toBe(100);
    }
  });

  test("a FIFO or a huge file on the lock path is corrupt: taken over when old, held when fresh", async () => {
    const old = world();
    old.fs.putSpecial(LOCK, old.clock.now() - CORRUPT_GRACE_MS - 1);
    expect(await createLock(old.deps(100), ROOT).acquire()).toMatchObject({ kind: "held", replaced: { record: null, problem: "not-a-file", reason: "corrupt" } });
    expect(onDisk(old)?.pid).toBe(100);

    const huge = world();
    huge.fs.put(LOCK, "x".repeat(70 * 1024), huge.clock.now() - CORRUPT_GRACE_MS - 1);
    expect(await createLock(huge.deps(100), ROOT).acquire()).toMatchObject({ kind: "held", replaced: { problem: "too-large", reason: "corrupt" } });

    const fresh = world();
    fresh.fs.putSpecial(LOCK, fresh.clock.now() - 10);
    expect(await createLock(fresh.deps(100), ROOT).acquire()).toMatchObject({ kind: "held-by-other", holder: { problem: "not-a-file", reason: "corrupt-recent" } });
  });

  test("a corrupt file written moments ago counts as held (a foreign writer may be mid-write)", async () => {
    const w = world();
    w.fs.put(LOCK, "", w.clock.now() - 10);
    const result = await createLock(w.deps(100), ROOT).acquire();
    expect(result).toMatchObject({ kind: "held-by-other", alive: true, holder: { problem: "empty", reason: "corrupt-recent" } });
    expect(w.fs.text(LOCK)).toBe("");
  });

  test("losing the create race (link EEXIST) means judging the winner, who is alive", async () => {
    const w = world();
    const winner = createLock(w.deps(200), ROOT);
    w.fs.before("link", isLock, () => void winner.acquire());
    const result = await createLock(w.deps(100), ROOT).acquire();
    expect(result).toMatchObject({ kind: "held-by-other", holder: { record: { pid: 200 } } });
    expect(onDisk(w)?.pid).toBe(200);
  });

  test("a slow contender never deletes the fresh owner's lock: the dead record changes under it", async () => {
    const w = world();
    putRecord(w.fs, recordFor(200)); // pid 200 is dead
    const fast = createLock(w.deps(300), ROOT);
    // The slow one has judged pid 200 dead; before it claims the guard, the fast one takes over.
    w.fs.before("link", isGuard, () => void fast.acquire());
    const result = await createLock(w.deps(100), ROOT).acquire();
    expect(result).toMatchObject({ kind: "held-by-other", alive: true, holder: { record: { pid: 300 } } });
    expect(onDisk(w)?.pid).toBe(300);
    expect(fast.verify().kind).toBe("ours");
  });

  test("a guard left by a claimant that died mid-takeover is removed the same careful way", async () => {
    const w = world();
    putRecord(w.fs, recordFor(200)); // dead holder
    putRecord(w.fs, recordFor(201, { nonce: "deadguardnonce01" }), `${LOCK}.guard-n${recordFor(200).nonce}`); // dead claimant
    const result = await createLock(w.deps(100), ROOT).acquire();
    expect(result.kind).toBe("held");
    expect(w.fs.names().filter(isGuard)).toEqual([]);
  });

  test("a live claimant's guard means busy: wait, then take the lock once it has finished", async () => {
    const w = world();
    putRecord(w.fs, recordFor(200)); // dead holder
    const guard = `${LOCK}.guard-n${recordFor(200).nonce}`;
    w.deps(300);
    putRecord(w.fs, recordFor(300, { nonce: "liveguardnonce01" }), guard);
    let reads = 0;
    const release = (): void => {
      if (++reads === 3) w.fs.unlink(guard); // the live claimant gives up without changing the lock
      else w.fs.before("read", (f) => f === guard, release);
    };
    w.fs.before("read", (f) => f === guard, release);
    const result = await createLock(w.deps(100), ROOT).acquire();
    expect(result).toMatchObject({ kind: "held", replaced: { record: { pid: 200 } } });
  });

  test("a guard held by a live process for longer than busyWaitMs: its own result, busy, not a holder judged dead", async () => {
    const w = world();
    putRecord(w.fs, recordFor(200));
    w.deps(300);
    putRecord(w.fs, recordFor(300, { nonce: "liveguardnonce01" }), `${LOCK}.guard-n${recordFor(200).nonce}`);
    const result = await createLock(w.deps(100), ROOT).acquire({ busyWaitMs: 100 });
    expect(result).toEqual({ kind: "busy", holder: expect.objectContaining({ record: expect.objectContaining({ pid: 200 }), alive: false }) });
    expect(onDisk(w)?.pid).toBe(200);
  });

  test("a takeover that finds another takeover in progress for longer than busyWaitMs is busy too", async () => {
    const w = world();
    w.deps(200);
    putRecord(w.fs, recordFor(200));
    w.deps(300);
    putRecord(w.fs, recordFor(300, { nonce: "liveguardnonce02" }), `${LOCK}.guard-n${recordFor(200).nonce}`);
    const result = await createLock(w.deps(100), ROOT).takeover({ busyWaitMs: 100 });
    expect(result.kind).toBe("busy");
    expect(onDisk(w)?.pid).toBe(200);
  });

  test("temp files and guards of dead processes are swept after taking the lock; live ones stay", async () => {
    const w = world();
    w.deps(300);
    putRecord(w.fs, recordFor(201, { nonce: "deadtempnonce001" }), `${LOCK}.tmp-deadtempnonce001`);
    putRecord(w.fs, recordFor(202, { nonce: "deadguardnonce01" }), `${LOCK}.guard-nsomeoldnonce00`);
    putRecord(w.fs, recordFor(300, { nonce: "livetempnonce001" }), `${LOCK}.tmp-livetempnonce001`);
    await createLock(w.deps(100), ROOT).acquire();
    expect(w.fs.names()).toEqual([`${ROOT}/.plandash/.gitignore`, LOCK, `${LOCK}.tmp-livetempnonce001`]);
  });
});

describe("verify, takeover and release", () => {
  test("verify says ours while the record carries our nonce, and who took it after a takeover", async () => {
    const w = world();
    const a = createLock(w.deps(100), ROOT);
    const b = createLock(w.deps(200), ROOT);
    await a.acquire();
    expect(a.verify().kind).toBe("ours");
    const taken = await b.takeover();
    expect(taken).toMatchObject({ kind: "held", replaced: { record: { pid: 100 }, alive: true } });
    expect(a.verify()).toMatchObject({ kind: "lost", holder: { record: { pid: 200 }, alive: true } });
  });

  test("verify reads the file once: while the very file it found ours is there, a check is one stat; any other file is read again", async () => {
    const w = world();
    const a = createLock(w.deps(100), ROOT);
    await a.acquire();
    let reads = 0;
    const read = w.fs.read.bind(w.fs);
    w.fs.read = (file) => {
      if (file === LOCK) reads++;
      return read(file);
    };
    for (let i = 0; i < 5; i++) expect(a.verify().kind).toBe("ours");
    expect(reads).toBe(1);
    // Someone rewrites it in place with a foreign record: a new stamp, so it is read and judged.
    putRecord(w.fs, recordFor(300));
    expect(a.verify()).toMatchObject({ kind: "lost", holder: { record: { pid: 300 } } });
    expect(reads).toBe(2);
  });

  test("verify reports nobody when the lock was removed", async () => {
    const w = world();
    const a = createLock(w.deps(100), ROOT);
    await a.acquire();
    w.fs.unlink(LOCK);
    expect(a.verify()).toEqual({ kind: "lost", holder: null });
  });

  test("release removes our record", async () => {
    const w = world();
    const a = createLock(w.deps(100), ROOT);
    await a.acquire();
    expect(await a.release()).toBe("released");
    expect(w.fs.text(LOCK)).toBeNull();
    expect(a.releaseSync()).toBe("not-held");
  });

  test("release never removes a stranger's lock (after a takeover)", async () => {
    const w = world();
    const a = createLock(w.deps(100), ROOT);
    const b = createLock(w.deps(200), ROOT);
    await a.acquire();
    await b.takeover();
    expect(a.releaseSync()).toBe("not-ours");
    expect(onDisk(w)?.pid).toBe(200);
  });

  test("release never removes a stranger's lock that replaced ours between its read and its unlink", async () => {
    const w = world();
    const a = createLock(w.deps(100), ROOT);
    const b = createLock(w.deps(200), ROOT);
    await a.acquire();
    // b's takeover lands just as a claims the guard to release: a must then leave b's record.
    w.fs.before("link", isGuard, () => void b.takeover());
    expect(a.releaseSync()).toBe("not-ours");
    expect(onDisk(w)?.pid).toBe(200);
  });

  test("release of a lock that was never acquired touches nothing", () => {
    const w = world();
    putRecord(w.fs, recordFor(200));
    expect(createLock(w.deps(100), ROOT).releaseSync()).toBe("not-held");
    expect(onDisk(w)?.pid).toBe(200);
  });

  test("takeover of a free lock just takes it", async () => {
    const w = world();
    expect(await createLock(w.deps(100), ROOT).takeover()).toMatchObject({ kind: "held", replaced: null });
  });
});

describe("read-only inspection and --clear", () => {
  test("inspect writes nothing, not even the folder", () => {
    const w = world();
    expect(inspectLock(w.deps(100), ROOT)).toBeNull();
    putRecord(w.fs, recordFor(200));
    expect(inspectLock(w.deps(100), ROOT)).toMatchObject({ record: { pid: 200 }, alive: false, reason: "no-process" });
    expect(w.fs.writes).toBe(0);
  });

  test("clear removes a dead lock", () => {
    const w = world();
    putRecord(w.fs, recordFor(200));
    expect(clearLock(w.deps(100), ROOT, { force: false })).toMatchObject({ kind: "cleared", holder: { alive: false } });
    expect(w.fs.text(LOCK)).toBeNull();
  });

  test("clear refuses a live lock unless forced", () => {
    const w = world();
    w.deps(200);
    putRecord(w.fs, recordFor(200));
    expect(clearLock(w.deps(100), ROOT, { force: false })).toMatchObject({ kind: "refused", holder: { alive: true } });
    expect(onDisk(w)?.pid).toBe(200);
    expect(clearLock(w.deps(100), ROOT, { force: true })).toMatchObject({ kind: "cleared", holder: { alive: true } });
    expect(w.fs.text(LOCK)).toBeNull();
  });

  test("clear removes a FIFO left on the lock path", () => {
    const w = world();
    w.fs.putSpecial(LOCK, w.clock.now() - CORRUPT_GRACE_MS - 1);
    expect(clearLock(w.deps(100), ROOT, { force: false })).toMatchObject({ kind: "cleared", holder: { problem: "not-a-file", alive: false } });
    expect(w.fs.names()).toEqual([]);
  });

  test("clear of a free lock says so", () => {
    expect(clearLock(world().deps(100), ROOT, { force: false })).toEqual({ kind: "free" });
  });

  test("clear never removes a fresh owner's lock that replaced the dead one meanwhile", () => {
    const w = world();
    putRecord(w.fs, recordFor(200));
    const fresh = createLock(w.deps(300), ROOT);
    w.fs.before("link", isGuard, () => void fresh.acquire());
    expect(clearLock(w.deps(100), ROOT, { force: false })).toMatchObject({ kind: "refused", holder: { record: { pid: 300 } } });
    expect(onDisk(w)?.pid).toBe(300);
  });
});
