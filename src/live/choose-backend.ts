/**
 * SPEC §4: which backend to use, and why. The decision is pure (facts in, choice out); the
 * facts come from /proc/mounts (FsPort.readMounts) and from trying fs.watch.
 */
import * as path from "node:path";
import type { WatchMode } from "../workspace/config";
import type { BackendFailure, BackendKind } from "./backend";
import type { PollStretch } from "./freshness";
import { osErrorText } from "../util/errors";

/** Filesystems where inotify misses changes made by other machines (or does not work at all). */
export const POLL_FS_TYPES: readonly string[] = ["nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "9p", "drvfs", "vboxsf"];

export interface Mount {
  readonly mountPoint: string;
  readonly fsType: string;
}

export interface BackendChoice {
  readonly backend: BackendKind;
  readonly intervalMs: number | null;
  readonly reason: string;
  /** A poll interval stretched past the configured one (SPEC §4 budget); absent otherwise. */
  readonly stretch?: PollStretch | null;
}

export function needsPolling(fsType: string): boolean {
  const t = fsType.toLowerCase();
  return POLL_FS_TYPES.includes(t) || t === "fuse" || t.startsWith("fuse.") || t.startsWith("fuseblk");
}

/** `/proc/mounts` text → mounts; octal escapes (`\040` for a space) decoded. */
export function parseMounts(text: string): Mount[] {
  const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
  const mounts: Mount[] = [];
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    const [, mountPoint, fsType] = fields;
    if (mountPoint === undefined || fsType === undefined) continue;
    mounts.push({ mountPoint: unescape(mountPoint), fsType });
  }
  return mounts;
}

/** The mount holding `file`: the longest mount point that is `file` or one of its ancestors. */
export function mountFor(mounts: readonly Mount[], file: string): Mount | null {
  let best: Mount | null = null;
  for (const m of mounts) {
    const mp = m.mountPoint === "/" ? "/" : m.mountPoint.replace(/\/+$/, "");
    const inside = mp === "/" || file === mp || file.startsWith(`${mp}/`);
    // Later lines win on equal length: they are mounted on top.
    if (inside && (best === null || mp.length >= best.mountPoint.replace(/\/+$/, "").length)) best = m;
  }
  return best;
}

export interface ChoiceFacts {
  readonly mode: WatchMode;
  readonly pollIntervalMs: number;
  /** Filesystem type of the plans root, or null when unknown (no /proc/mounts). */
  readonly fsType: string | null;
  /** Where the mode came from, said in the reason ("--poll", "PLANDASH_POLL=1", "config"). */
  readonly modeSource?: string;
}

export function chooseBackend(facts: ChoiceFacts): BackendChoice {
  const poll = (reason: string): BackendChoice => ({ backend: "poll", intervalMs: facts.pollIntervalMs, reason });
  const from = facts.modeSource === undefined ? "" : ` (${facts.modeSource})`;
  switch (facts.mode) {
    case "off":
      return { backend: "off", intervalMs: null, reason: `live updates turned off${from}; refresh by hand` };
    case "poll":
      return poll(`polling forced${from}`);
    case "fs":
      return { backend: "fs", intervalMs: null, reason: `file system events forced${from}` };
    case "auto":
      if (facts.fsType !== null && needsPolling(facts.fsType)) return poll(`plans root is on ${facts.fsType}, where file system events are unreliable`);
      return { backend: "fs", intervalMs: null, reason: facts.fsType === null ? "file system events" : `file system events (${facts.fsType})` };
  }
}

/** Polling after fs.watch failed: at start (ENOSPC, EMFILE…) or later (an error event). `watch` and `doctor` say it the same way. */
export function pollAfterFailure(failure: BackendFailure, pollIntervalMs: number): BackendChoice {
  return {
    backend: "poll",
    intervalMs: pollIntervalMs,
    reason: `fs.watch failed (${osErrorText(failure.code, failure.message)}); polling every ${pollIntervalMs} ms`,
  };
}

/** Reads /proc/mounts; null where there is none (macOS, some sandboxes). */
export type MountsReader = () => string | null;

export function fsTypeOf(readMounts: MountsReader, file: string): string | null {
  const text = readMounts();
  if (text === null) return null;
  return mountFor(parseMounts(text), path.resolve(file))?.fsType ?? null;
}
