/**
 * The lock's full multi-process stress run (issue 5): 20 processes race for a free lock and for a
 * dead holder's, 50 rounds each, then hammer acquire/release for 10 s. Prints the figures.
 * `npm run bench:lock`; ROUNDS / HAMMER_MS / CONTENDERS override the defaults.
 */
import { runHammer, runRaces } from "../test/lock/contention";
import { tempDir } from "../test/helpers/workspace";

const contenders = Number(process.env.CONTENDERS ?? 20);
const rounds = Number(process.env.ROUNDS ?? 50);
const hammerMs = Number(process.env.HAMMER_MS ?? 10_000);
let failed = false;

for (const dead of [false, true]) {
  const started = performance.now();
  const r = await runRaces(tempDir("plandash-lock-bench-"), { contenders, rounds, dead });
  const counts = new Map<number, number>();
  for (const n of r.ownersPerRound) counts.set(n, (counts.get(n) ?? 0) + 1);
  const ok = r.ownersPerRound.every((n) => n === 1) && r.loggedPerRound.every((n) => n === 1);
  failed ||= !ok;
  console.log(
    `${dead ? "dead lock" : "free lock"}: ${contenders} processes × ${rounds} rounds in ${Math.round(performance.now() - started)} ms; ` +
      `owners per round ${[...counts].map(([n, c]) => `${n}×${c}`).join(", ")}; log ${r.loggedPerRound.every((n) => n === 1) ? "1 per round" : JSON.stringify(r.loggedPerRound)}; ` +
      `lost link(2) races: lock ${r.lostLinks.lock}, guard ${r.lostLinks.guard}${dead ? `; winner saw: ${[...new Set(r.replacedReasons)].join(", ")}` : ""} — ${ok ? "ok" : "FAIL"}`,
  );
}

const h = await runHammer(tempDir("plandash-lock-bench-"), { contenders, durationMs: hammerMs });
failed ||= h.overlaps.length > 0 || h.lost.length > 0;
console.log(
  `hammer: ${contenders} processes for ${hammerMs} ms: ${h.holds} holds (per process min ${Math.min(...h.holdsPerProcess)}, max ${Math.max(...h.holdsPerProcess)}); ` +
    `overlaps ${h.overlaps.length}; lost releases ${h.lost.length} — ${h.overlaps.length + h.lost.length === 0 ? "ok" : "FAIL"}`,
);
for (const o of h.overlaps.slice(0, 5)) console.log(`  ${o}`);
process.exit(failed ? 1 : 0);
