/** Archives and checksums: tar.gz (zip for Windows) of one folder, and a SHA256SUMS that `sha256sum -c` reads. */
import * as path from "node:path";
import { PlandashError } from "../../src/util/errors";
import type { ReleaseTarget } from "./targets";

function requireTool(name: string, why: string): string {
  const found = Bun.which(name);
  if (found === null) throw new PlandashError("EIO", `${name} not found on PATH (${why})`, { hint: `install ${name}, or leave the targets that need it out with --target` });
  return found;
}

function run(argv: readonly string[], cwd: string, what: string): void {
  const r = Bun.spawnSync([...argv], { cwd, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) {
    const reason = r.stderr.toString().trim().split("\n")[0] ?? `exit ${r.exitCode}`;
    throw new PlandashError("EIO", `${what} failed: ${reason}`);
  }
}

/** Packs `<stageDir>/<folder>` into `archivePath`, entries owned by root (uid 0), so nobody's uid lands on disk when root unpacks it. */
export function writeArchive(t: ReleaseTarget, stageDir: string, folder: string, archivePath: string): void {
  if (t.archive === "zip") {
    run([requireTool("zip", "for the Windows .zip"), "-q", "-r", "-X", archivePath, folder], stageDir, `zip ${path.basename(archivePath)}`);
  } else {
    // GNU tar flags: releases are built on Linux (see README "Install").
    run([requireTool("tar", "for the .tar.gz archives"), "--owner=0", "--group=0", "--numeric-owner", "-czf", archivePath, folder], stageDir, `tar ${path.basename(archivePath)}`);
  }
}

export async function sha256File(file: string): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  for await (const chunk of Bun.file(file).stream()) hasher.update(chunk);
  return hasher.digest("hex");
}

/** `sha256sum` format: hash, two spaces, file name; sorted by name so the file is stable. */
export function formatSums(entries: readonly { readonly name: string; readonly sha256: string }[]): string {
  return [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => `${e.sha256}  ${e.name}\n`)
    .join("");
}
