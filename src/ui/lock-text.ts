/** Who holds the lock, said one way everywhere (banner, footer, refusals), file text made harmless. */
import { sanitize } from "../core/sanitize";
import type { HolderInfo } from "./app-state";
import { sinceText } from "./time";

export function holderWho(info: HolderInfo | null): string {
  return info === null || info.pid === null ? "another dashboard" : `pid ${info.pid} on ${sanitize(info.host ?? "?")}`;
}

export function holderWhoSince(info: HolderInfo | null, nowMs: number): string {
  const since = info === null ? "" : sinceText(info.since, nowMs);
  return `${holderWho(info)}${since === "" ? "" : ` since ${since}`}`;
}
