import { expect, test } from "bun:test";
import { judgeLiveness, ownProcessStart } from "../../src/lock/alive";
import { fakeProc, HOST, type FakeProcess } from "./fakes";

const RECORD = { pid: 500, host: HOST, processStart: 1500 };

function judge(entry: FakeProcess | undefined, record: { pid: number; host: string; processStart: number | null } = RECORD) {
  const table = new Map<number, FakeProcess>();
  if (entry !== undefined) table.set(500, entry);
  return judgeLiveness(record, fakeProc(1, table));
}

test("a running process with the recorded start time is alive", () => {
  expect(judge({ startTime: 1500 })).toEqual({ alive: true, reason: "running" });
});

test("kill(pid, 0) → ESRCH: dead", () => {
  expect(judge(undefined)).toEqual({ alive: false, reason: "no-process" });
});

test("kill(pid, 0) → EPERM is someone else's live process, not a dead one", () => {
  expect(judge({ startTime: 1500, denied: true })).toEqual({ alive: true, reason: "running" });
});

test("EPERM and /proc hidden (hidepid): alive, unverified", () => {
  expect(judge({ startTime: 1500, denied: true, hiddenStat: true })).toEqual({ alive: true, reason: "unverified" });
});

test("a zombie is dead", () => {
  expect(judge({ startTime: 1500, state: "Z" })).toEqual({ alive: false, reason: "zombie" });
});

test("the pid now belongs to a process started at another time (PID reuse): dead", () => {
  expect(judge({ startTime: 1501 })).toEqual({ alive: false, reason: "pid-reused" });
});

test("another host is always alive, even when that pid does not exist here", () => {
  expect(judge(undefined, { ...RECORD, host: "other-box" })).toEqual({ alive: true, reason: "other-host" });
});

test("a record without processStart (written where there is no /proc) cannot be checked: alive", () => {
  expect(judge({ startTime: 1 }, { ...RECORD, processStart: null })).toEqual({ alive: true, reason: "unverified" });
});

test("a zombie is dead even without a recorded start time", () => {
  expect(judge({ startTime: 1, state: "Z" }, { ...RECORD, processStart: null })).toEqual({ alive: false, reason: "zombie" });
});

test("our own start time comes from /proc/self/stat field 22, null without /proc", () => {
  const table = new Map<number, FakeProcess>([[7, { startTime: 4242 }]]);
  expect(ownProcessStart(fakeProc(7, table))).toBe(4242);
  expect(ownProcessStart(fakeProc(8, table))).toBeNull();
});
