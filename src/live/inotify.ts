/**
 * inotify facts for `plandash doctor`: watches in use by this user's processes (counted from
 * /proc/<pid>/fdinfo) against /proc/sys/fs/inotify/max_user_watches, and how many folders a
 * recursive watch of the plans root needs. Null where there is no /proc.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface InotifyUsage {
  readonly watchesInUse: number;
  readonly instancesInUse: number;
  readonly maxUserWatches: number | null;
  readonly maxUserInstances: number | null;
}

function readNumber(file: string): number | null {
  try {
    const n = Number(fs.readFileSync(file, "utf8").trim());
    return Number.isFinite(n) ? n : null;
  } catch {
    // ENOENT: not Linux, or /proc/sys not mounted.
    return null;
  }
}

/** Counts `inotify wd:` lines of every inotify fd we may look at (our own user's processes). */
export function inotifyUsage(proc = "/proc"): InotifyUsage | null {
  const maxUserWatches = readNumber(path.join(proc, "sys/fs/inotify/max_user_watches"));
  if (maxUserWatches === null && !fs.existsSync(proc)) return null;
  let watchesInUse = 0;
  let instancesInUse = 0;
  const uid = process.getuid?.();
  let pids: string[] = [];
  try {
    pids = fs.readdirSync(proc).filter((n) => /^\d+$/.test(n));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      if (uid !== undefined && fs.statSync(path.join(proc, pid)).uid !== uid) continue;
      for (const fd of fs.readdirSync(path.join(proc, pid, "fd"))) {
        let target = "";
        try {
          target = fs.readlinkSync(path.join(proc, pid, "fd", fd));
        } catch {
          continue; // ENOENT: the fd closed while we looked.
        }
        if (target !== "anon_inode:inotify") continue;
        instancesInUse++;
        const info = fs.readFileSync(path.join(proc, pid, "fdinfo", fd), "utf8");
        for (const line of info.split("\n")) if (line.startsWith("inotify wd:")) watchesInUse++;
      }
    } catch {
      // EACCES / ENOENT: another user's process, or one that exited meanwhile.
    }
  }
  return { watchesInUse, instancesInUse, maxUserWatches, maxUserInstances: readNumber(path.join(proc, "sys/fs/inotify/max_user_instances")) };
}

/** Folders under `root` (itself included): a recursive watch takes one inotify watch per folder. */
export function countFolders(root: string): number {
  let count = 0;
  const walk = (dir: string): void => {
    count++;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // EACCES / ENOENT: nothing to watch below.
    }
    for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
  };
  walk(root);
  return count;
}
