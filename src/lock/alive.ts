/**
 * Is a lock's holder alive? SPEC §5, pure given the probes (kill(pid, 0) and /proc/<pid>/stat).
 *
 * Alive when: same host, kill(pid, 0) is not ESRCH (EPERM = exists, someone else's process),
 * not a zombie, and /proc/<pid>/stat field 22 equals the recorded processStart. Another host is
 * always alive: we cannot probe it, and stealing a live remote lock is worse than asking.
 * Every doubt resolves to "alive": a wrong "dead" would give two owners, a wrong "alive" only asks.
 */
import type { Proc } from "../ports";
import { isExitedState, parseProcStat } from "./proc-stat";
import type { LockRecord } from "./record";

export type AliveReason =
  | "running" // same host, the process exists and its start time matches
  | "unverified" // the process exists but its start time cannot be read (no /proc, hidepid) or was not recorded
  | "other-host" // a different machine: never judged dead
  | "no-process" // kill(pid, 0) → ESRCH
  | "zombie" // exited, not yet reaped
  | "pid-reused"; // a process with that pid exists but started at another time

export interface Liveness {
  readonly alive: boolean;
  readonly reason: AliveReason;
}

export type LivenessProbe = Pick<Proc, "hostname" | "signalZero" | "readProcStat">;

export function judgeLiveness(record: Pick<LockRecord, "pid" | "host" | "processStart">, probe: LivenessProbe): Liveness {
  if (record.host !== probe.hostname()) return { alive: true, reason: "other-host" };
  if (probe.signalZero(record.pid) === "gone") return { alive: false, reason: "no-process" };
  const raw = probe.readProcStat(record.pid);
  const stat = raw === null ? null : parseProcStat(raw);
  if (stat === null) return { alive: true, reason: "unverified" };
  if (isExitedState(stat.state)) return { alive: false, reason: "zombie" };
  if (record.processStart === null) return { alive: true, reason: "unverified" };
  return stat.startTime === record.processStart ? { alive: true, reason: "running" } : { alive: false, reason: "pid-reused" };
}

/** Our own start time, for the record we write (null without /proc). */
export function ownProcessStart(probe: Pick<Proc, "pid" | "readProcStat">): number | null {
  const raw = probe.readProcStat(probe.pid);
  return raw === null ? null : (parseProcStat(raw)?.startTime ?? null);
}
