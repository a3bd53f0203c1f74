/**
 * Multi-process stress: real processes race for the lock on a real file system.
 * The full run (20 × 50 rounds each, 10 s hammer) is the default; LOCK_STRESS_ROUNDS and
 * LOCK_HAMMER_MS shrink it, and `npm run bench:lock` prints the figures.
 */
import { expect, test } from "bun:test";
import { tempDir } from "../helpers/workspace";
import { runHammer, runRaces } from "./contention";

const CONTENDERS = 20;
const ROUNDS = Number(process.env.LOCK_STRESS_ROUNDS ?? 50);
const HAMMER_MS = Number(process.env.LOCK_HAMMER_MS ?? 10_000);

test(`${CONTENDERS} processes race for a free lock, ${ROUNDS} rounds: exactly one owner each round`, async () => {
  const report = await runRaces(tempDir("plandash-lock-free-"), { contenders: CONTENDERS, rounds: ROUNDS, dead: false });
  expect(report.ownersPerRound).toEqual(Array.from({ length: ROUNDS }, () => 1));
  expect(report.loggedPerRound).toEqual(Array.from({ length: ROUNDS }, () => 1));
}, 300_000);

test(`${CONTENDERS} processes race for a dead holder's lock, ${ROUNDS} rounds: exactly one takes it over`, async () => {
  const report = await runRaces(tempDir("plandash-lock-dead-"), { contenders: CONTENDERS, rounds: ROUNDS, dead: true });
  expect(report.ownersPerRound).toEqual(Array.from({ length: ROUNDS }, () => 1));
  expect(report.loggedPerRound).toEqual(Array.from({ length: ROUNDS }, () => 1));
  for (const reason of report.replacedReasons) expect(["no-process", "pid-reused"]).toContain(reason);
}, 300_000);

test(`${CONTENDERS} processes hammer acquire/release: no two holds overlap`, async () => {
  const report = await runHammer(tempDir("plandash-lock-hammer-"), { contenders: CONTENDERS, durationMs: HAMMER_MS });
  expect(report.overlaps).toEqual([]);
  expect(report.lost).toEqual([]);
  expect(report.holds).toBeGreaterThan(CONTENDERS);
}, HAMMER_MS + 120_000);
