/**
 * The facts a figure depends on, printed with the table and stored in bench/results.json: cores,
 * CPU, kernel, Bun, the filesystem the workspaces live on, memory, and the load when measured (a
 * shared 2-core machine moves wall-clock figures by tens of percent).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import { fsTypeOf } from "../src/live/choose-backend";

export interface MachineFacts {
  readonly cores: number;
  readonly cpu: string;
  readonly kernel: string;
  readonly platform: string;
  readonly bun: string;
  readonly filesystem: string | null;
  readonly memoryGb: number;
  /** 1-minute load average when the run began and when it ended. */
  readonly loadAtStart: number;
  readonly loadAtEnd: number | null;
}

export function machineFacts(workDir: string): MachineFacts {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    kernel: os.release(),
    platform: `${process.platform}-${process.arch}`,
    bun: Bun.version,
    filesystem: fsTypeOf(readMounts, workDir),
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAtStart: round2(os.loadavg()[0] ?? 0),
    loadAtEnd: null,
  };
}

export function withLoadAtEnd(facts: MachineFacts): MachineFacts {
  return { ...facts, loadAtEnd: round2(os.loadavg()[0] ?? 0) };
}

/** One line for the table's heading. */
export function describeMachine(m: MachineFacts): string {
  const load = m.loadAtEnd === null ? `${m.loadAtStart}` : `${m.loadAtStart} → ${m.loadAtEnd}`;
  return `${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Linux ${m.kernel}, Bun ${m.bun}, ${m.filesystem ?? "unknown filesystem"}; load average ${load}`;
}

function readMounts(): string | null {
  try {
    return fs.readFileSync("/proc/mounts", "utf8");
  } catch {
    // ENOENT: no /proc (macOS); the filesystem is then unknown.
    return null;
  }
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
