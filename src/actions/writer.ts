/**
 * The one module every write of an action goes through (SPEC §7, issue 6 item 5).
 *
 * A path is accepted only when it stays inside the plans root: it must be relative, with no
 * `..`, `.` or empty segment, and the real path of its deepest existing ancestor must lie
 * inside the real path of the root (so a symlinked folder cannot lead outside). Missing folders
 * are then created under that real ancestor and the file is created exclusively: an existing
 * file (or a dangling symlink in its place) is never overwritten.
 */
import * as path from "node:path";
import type { FsPort } from "../ports";
import { osErrorCode, PlandashError } from "../util/errors";

export interface WrittenFile {
  /** Relative to the plans root, `/`-separated (the convention of status --json). */
  readonly rel: string;
  /** Absolute, through real folders (symlinks inside the root resolved). */
  readonly absPath: string;
  readonly bytes: number;
  /** Folders that had to be created, relative to the plans root, outermost first. */
  readonly createdDirs: readonly string[];
}

function escape(rel: string, why: string): PlandashError {
  return new PlandashError("EESCAPE", `refusing to write ${rel}: ${why}`, {
    hint: "plandash only writes inside the plans root; check the plan's folder and its symlinks",
  });
}

/** Splits a root-relative path into segments, refusing anything that could climb out. */
export function safeSegments(rel: string): string[] {
  if (rel.includes("\0")) throw escape(JSON.stringify(rel), "the path contains a NUL byte");
  if (rel.startsWith("/") || rel.includes("\\") || path.isAbsolute(rel)) throw escape(rel, "the path is not relative to the plans root");
  const segments = rel.split("/");
  for (const s of segments) {
    if (s === ".." || s === "." || s === "") throw escape(rel, `the path has a "${s === "" ? "//" : s}" segment`);
  }
  return segments;
}

function isInside(parent: string, child: string): boolean {
  const r = path.relative(parent, child);
  return r === "" || (!r.startsWith("..") && !path.isAbsolute(r));
}

/** Real path of `abs`, or null when nothing is there (ENOENT). Other errors are thrown. */
function realPathOrNull(fs: FsPort, abs: string): string | null {
  try {
    return fs.realPath(abs);
  } catch (error) {
    const code = osErrorCode(error);
    if (code === "ENOENT") return null;
    if (code === "ENOTDIR") throw new PlandashError("EIO", `cannot write under ${abs}: a file is in the way of a folder`, { hint: "move that file away" });
    throw new PlandashError("EIO", `cannot resolve ${abs} (${code ?? "EIO"})`, { hint: "check the folder's permissions and symlinks", cause: error });
  }
}

/**
 * Creates `rel` (relative to `root`) with `content`. Throws PlandashError: EESCAPE when the path
 * would leave the root, EEXIST when something is already there, EIO for other OS failures.
 */
export function writeNewFile(fs: FsPort, root: string, rel: string, content: string): WrittenFile {
  const segments = safeSegments(rel);
  const realRoot = realPathOrNull(fs, root);
  if (realRoot === null) throw new PlandashError("ENOROOT", `plans root ${root} does not exist`, { hint: "run `plandash init` or pass --root" });

  // Walk down from the file's folder to the deepest ancestor that exists and resolve it.
  const folders = segments.slice(0, -1);
  let existing = folders.length;
  let realAncestor: string | null = null;
  for (; existing >= 0; existing--) {
    realAncestor = realPathOrNull(fs, path.join(root, ...folders.slice(0, existing)));
    if (realAncestor !== null) break;
  }
  if (realAncestor === null) throw new PlandashError("ENOROOT", `plans root ${root} does not exist`, { hint: "run `plandash init` or pass --root" });
  if (!isInside(realRoot, realAncestor)) {
    const via = folders.slice(0, existing).join("/") || ".";
    throw escape(rel, `${via} resolves to ${realAncestor}, outside the plans root ${realRoot}`);
  }

  const createdDirs: string[] = [];
  let dir = realAncestor;
  for (let i = existing; i < folders.length; i++) {
    dir = path.join(dir, folders[i] ?? "");
    createdDirs.push(folders.slice(0, i + 1).join("/"));
  }
  const fileName = segments[segments.length - 1] ?? "";
  const absPath = path.join(dir, fileName);
  try {
    if (createdDirs.length > 0) fs.mkdirp(dir);
    fs.writeExclusive(absPath, content);
  } catch (error) {
    const code = osErrorCode(error);
    if (code === "EEXIST") {
      throw new PlandashError("EEXIST", `${rel} already exists`, { hint: "plandash never overwrites; open and edit the existing file instead" });
    }
    throw new PlandashError("EIO", `cannot write ${rel} (${code ?? "EIO"})`, { hint: "check the folder's permissions and free space", cause: error });
  }
  return { rel: segments.join("/"), absPath, bytes: new TextEncoder().encode(content).length, createdDirs };
}
