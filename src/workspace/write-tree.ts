/** Writes a file tree under a directory with exclusive create: never overwrites anything. */
import * as path from "node:path";
import type { FsPort } from "../ports";

export type FileTree = Readonly<Record<string, string>>;

/** Returns the paths written, relative to `dir`. Throws (code EEXIST) before touching an existing file. */
export function writeTree(fs: FsPort, dir: string, tree: FileTree): string[] {
  const written: string[] = [];
  for (const [rel, content] of Object.entries(tree)) {
    const file = path.join(dir, ...rel.split("/"));
    fs.mkdirp(path.dirname(file));
    fs.writeExclusive(file, content);
    written.push(rel);
  }
  return written;
}
