/** SPEC §1.4 review rounds: which round of FIX / RESOLUTION files decides an achievement's state. */

export interface RoundFiles {
  readonly fix: string | null;
  readonly resolution: string | null;
}

export interface LatestRound extends RoundFiles {
  readonly round: number;
}

/**
 * The latest round is the highest that has a FIX; when no round has one, the highest that has a
 * RESOLUTION. null when there is no feedback file of either kind.
 */
export function latestRound(rounds: ReadonlyMap<number, RoundFiles>): LatestRound | null {
  let withFix: number | null = null;
  let withResolution: number | null = null;
  for (const [round, files] of rounds) {
    if (files.fix !== null && (withFix === null || round > withFix)) withFix = round;
    if (files.resolution !== null && (withResolution === null || round > withResolution)) withResolution = round;
  }
  const round = withFix ?? withResolution;
  if (round === null) return null;
  const files = rounds.get(round);
  return { round, fix: files?.fix ?? null, resolution: files?.resolution ?? null };
}

/**
 * The round a new FIX request opens: 1 with no feedback yet, the next one once the latest round
 * is resolved, null while the latest round still waits for its resolution.
 */
export function nextFixRound(latest: { readonly round: number | null; readonly resolution: string | null }): number | null {
  if (latest.round === null) return 1;
  return latest.resolution !== null ? latest.round + 1 : null;
}
