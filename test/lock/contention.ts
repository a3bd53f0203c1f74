/**
 * Multi-process contention runs, shared by the stress test (test/lock/stress.test.ts) and the full
 * benchmark run (bench/lock-stress.ts). Real processes (test/fixtures/lock-contender.ts), a real
 * file system, no fakes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lockFilePath } from "../../src/lock/lock";
import { serializeRecord } from "../../src/lock/record";
import { withTimeout } from "../helpers/wait-for";

const CONTENDER = path.resolve(import.meta.dir, "..", "fixtures", "lock-contender.ts");
const STEP_TIMEOUT_MS = 20_000;

interface Contender {
  readonly proc: ReturnType<typeof Bun.spawn>;
  next(): Promise<Record<string, unknown>>;
  send(message: unknown): void;
}

function spawnContender(args: readonly string[]): Contender {
  const proc = Bun.spawn([process.execPath, CONTENDER, ...args], { stdin: "pipe", stdout: "pipe", stderr: "inherit" });
  const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  return {
    proc,
    async next() {
      for (;;) {
        const newline = buffered.indexOf("\n");
        if (newline >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          return JSON.parse(line) as Record<string, unknown>;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`contender ${proc.pid} ended without answering (exit ${await proc.exited})`);
        buffered += decoder.decode(value, { stream: true });
      }
    },
    send(message) {
      const sink = proc.stdin as import("bun").FileSink;
      sink.write(`${JSON.stringify(message)}\n`);
      void sink.flush();
    },
  };
}

/** The pid of a process that has already exited: a dead holder. */
export async function deadPid(): Promise<number> {
  const proc = Bun.spawn(["true"]);
  await proc.exited;
  return proc.pid;
}

export interface RaceReport {
  readonly rounds: number;
  /** Owners per round, from the contenders' answers. */
  readonly ownersPerRound: number[];
  /** Owners per round, from the winners' log. */
  readonly loggedPerRound: number[];
  /** Dead rounds: how the winner judged the record it replaced. */
  readonly replacedReasons: string[];
  /** link(2) calls that lost to another contender, summed over all rounds: proof the race was real. */
  readonly lostLinks: { lock: number; guard: number };
}

/** `contenders` processes race `rounds` times for a free lock (or a dead holder's, with `dead`). */
export async function runRaces(root: string, options: { contenders: number; rounds: number; dead: boolean }): Promise<RaceReport> {
  const log = path.join(root, `winners-${options.dead ? "dead" : "free"}.log`);
  fs.writeFileSync(log, "");
  const all = Array.from({ length: options.contenders }, () => spawnContender(["race", root, log]));
  try {
    await withTimeout(Promise.all(all.map((c) => c.next())), "every contender ready", STEP_TIMEOUT_MS);
    const ownersPerRound: number[] = [];
    const replacedReasons: string[] = [];
    const lostLinks = { lock: 0, guard: 0 };
    const file = lockFilePath(root);
    for (let round = 0; round < options.rounds; round++) {
      if (options.dead) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const pid = await deadPid();
        const record = { pid, host: os.hostname(), processStart: 1, nonce: `dead${round}xxxxxxxx`, version: "test", createdAt: new Date().toISOString() };
        fs.writeFileSync(file, serializeRecord(record));
      } else if (fs.existsSync(file)) {
        throw new Error(`round ${round}: the lock was not released after the previous round`);
      }
      const at = Date.now() + 40;
      for (const c of all) c.send({ go: round, at });
      const answers = await withTimeout(Promise.all(all.map((c) => c.next())), `answers of round ${round}`, STEP_TIMEOUT_MS);
      const winners = answers.filter((a) => a.kind === "held");
      ownersPerRound.push(winners.length);
      for (const w of winners) if (options.dead) replacedReasons.push(String(w.replaced));
      for (const a of answers) {
        const lost = a.lostLinks as { lock: number; guard: number };
        lostLinks.lock += lost.lock;
        lostLinks.guard += lost.guard;
      }
      for (const c of all) c.send({ end: round });
      await withTimeout(Promise.all(all.map((c) => c.next())), `end of round ${round}`, STEP_TIMEOUT_MS);
    }
    const loggedPerRound = Array.from({ length: options.rounds }, () => 0);
    for (const line of fs.readFileSync(log, "utf8").split("\n").filter(Boolean)) {
      const round = Number(line.split(" ")[0]);
      loggedPerRound[round] = (loggedPerRound[round] ?? 0) + 1;
    }
    return { rounds: options.rounds, ownersPerRound, loggedPerRound, replacedReasons, lostLinks };
  } finally {
    for (const c of all) c.send({ quit: true });
    await Promise.all(all.map((c) => c.proc.exited));
  }
}

export interface HammerReport {
  readonly durationMs: number;
  readonly holds: number;
  readonly holdsPerProcess: number[];
  /** Descriptions of any two holds that overlapped (must be empty). */
  readonly overlaps: string[];
  /** Releases that did not find our own record (must be empty). */
  readonly lost: string[];
}

/**
 * `contenders` processes acquire and release in a loop for `durationMs`, appending to one O_APPEND
 * log; in file order, every "acq" must be followed by the same process's "rel" before the next "acq".
 */
export async function runHammer(root: string, options: { contenders: number; durationMs: number }): Promise<HammerReport> {
  const startupAllowanceMs = 1_500;
  const until = Date.now() + startupAllowanceMs + options.durationMs;
  const log = path.join(root, "hammer.log");
  fs.writeFileSync(log, "");
  const all = Array.from({ length: options.contenders }, () => spawnContender(["hammer", root, log, String(until)]));
  const results = await withTimeout(Promise.all(all.map((c) => c.next())), "every hammer finished", options.durationMs + STEP_TIMEOUT_MS);
  await Promise.all(all.map((c) => c.proc.exited));
  const overlaps: string[] = [];
  const lost: string[] = [];
  let holder: { pid: string; at: string } | null = null;
  let holds = 0;
  for (const line of fs.readFileSync(log, "utf8").split("\n").filter(Boolean)) {
    const [kind = "", pid = "", at = ""] = line.split(" ");
    if (kind === "lost") {
      lost.push(line);
    } else if (kind === "acq") {
      holds++;
      if (holder !== null) overlaps.push(`pid ${pid} acquired at ${at} µs while pid ${holder.pid} held it since ${holder.at} µs`);
      holder = { pid, at };
    } else if (holder !== null && holder.pid === pid) {
      holder = null;
    } else {
      overlaps.push(`pid ${pid} released at ${at} µs but the holder was ${holder === null ? "nobody" : `pid ${holder.pid}`}`);
    }
  }
  const holdsPerProcess = results.map((r) => Number(r.holds));
  return { durationMs: options.durationMs, holds, holdsPerProcess, overlaps, lost };
}
