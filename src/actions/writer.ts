/**
 * The one module every write of an action goes through (SPEC §7, issue 6 item 5).
 *
 * A path is accepted only when it stays inside the plans root: it must be relative, with no
 * `..`, `.` or empty segment and no backslash or control character (core/safe-name.ts), and
 * the real path of its deepest existing ancestor must lie inside the real path of the root (so a
 * symlinked folder cannot lead outside). Missing folders are then created under that real
 * ancestor and the file is created exclusively: an existing file (or a dangling symlink in its
 * place) is never overwritten.
 */
import * as path from "node:path";
import type { FsPort } from "../ports";
import { unsafeNameReason } from "../core/safe-name";
import { osErrorCode, PlandashError, type Result } from "../util/errors";

export interface WrittenFile {
  /** Relative to the plans root, `/`-separated (the convention of status --json). */
  readonly rel: string;
  /** Absolute, through real folders (symlinks inside the root resolved). */
  readonly absPath: string;
  readonly bytes: number;
  /** Folders that had to be created, relative to the plans root, outermost first. */
  readonly createdDirs: readonly string[];
}

function escape(rel: string, why: string): { ok: false; error: PlandashError } {
  return {
    ok: false,
    error: new PlandashError("EESCAPE", `refusing to write ${rel}: ${why}`, {
      hint: "plandash only writes inside the plans root, to names without backslashes or control characters; check the plan's folder, its name and its symlinks",
    }),
  };
}

/** Splits a root-relative path into segments, refusing anything that could climb out or hide in a name. */
export function safeSegments(rel: string): Result<string[]> {
  if (rel.includes("\0")) return escape(JSON.stringify(rel), "the path contains a NUL byte");
  if (rel.startsWith("/") || path.isAbsolute(rel)) return escape(rel, "the path is not relative to the plans root");
  const unsafe = unsafeNameReason(rel);
  if (unsafe !== null) return escape(JSON.stringify(rel), `the path holds ${unsafe}`);
  const segments = rel.split("/");
  for (const s of segments) {
    if (s === ".." || s === "." || s === "") return escape(rel, `the path has a "${s === "" ? "//" : s}" segment`);
  }
  return { ok: true, value: segments };
}

function isInside(parent: string, child: string): boolean {
  const r = path.relative(parent, child);
  return r === "" || (!r.startsWith("..") && !path.isAbsolute(r));
}

/** Real path of `abs`, or null when nothing is there (ENOENT); other failures are refusals. */
function realPathOrNull(fs: FsPort, abs: string): Result<string | null> {
  try {
    return { ok: true, value: fs.realPath(abs) };
  } catch (error) {
    const code = osErrorCode(error);
    if (code === "ENOENT") return { ok: true, value: null };
    if (code === "ENOTDIR") return { ok: false, error: new PlandashError("EIO", `cannot write under ${abs}: a file is in the way of a folder`, { hint: "move that file away" }) };
    return { ok: false, error: new PlandashError("EIO", `cannot resolve ${abs} (${code ?? "EIO"})`, { hint: "check the folder's permissions and symlinks", cause: error }) };
  }
}

function noRoot(root: string): { ok: false; error: PlandashError } {
  return { ok: false, error: new PlandashError("ENOROOT", `plans root ${root} does not exist`, { hint: "run `plandash init` or pass --root" }) };
}

/**
 * Creates `rel` (relative to `root`) with `content`. Refusals are returned, never thrown: EESCAPE
 * when the path would leave the root, EEXIST when something is already there, EIO for other OS
 * failures.
 */
export function writeNewFile(fs: FsPort, root: string, rel: string, content: string): Result<WrittenFile> {
  const split = safeSegments(rel);
  if (!split.ok) return split;
  const segments = split.value;
  const realRoot = realPathOrNull(fs, root);
  if (!realRoot.ok) return realRoot;
  if (realRoot.value === null) return noRoot(root);

  // Walk down from the file's folder to the deepest ancestor that exists and resolve it.
  const folders = segments.slice(0, -1);
  let existing = folders.length;
  let realAncestor: string | null = null;
  for (; existing >= 0; existing--) {
    const found = realPathOrNull(fs, path.join(root, ...folders.slice(0, existing)));
    if (!found.ok) return found;
    realAncestor = found.value;
    if (realAncestor !== null) break;
  }
  if (realAncestor === null) return noRoot(root);
  if (!isInside(realRoot.value, realAncestor)) {
    const via = folders.slice(0, existing).join("/") || ".";
    return escape(rel, `${via} resolves to ${realAncestor}, outside the plans root ${realRoot.value}`);
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
      return { ok: false, error: new PlandashError("EEXIST", `${rel} already exists`, { hint: "plandash never overwrites; open and edit the existing file instead" }) };
    }
    return { ok: false, error: new PlandashError("EIO", `cannot write ${rel} (${code ?? "EIO"})`, { hint: "check the folder's permissions and free space", cause: error }) };
  }
  return { ok: true, value: { rel: segments.join("/"), absPath, bytes: new TextEncoder().encode(content).length, createdDirs } };
}
