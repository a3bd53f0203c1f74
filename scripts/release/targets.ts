/**
 * The release targets (issue 12): what Bun cross-compiles from here, how each is archived, and
 * which npm platform package carries it. Pure data; the one table the release script, the npm
 * launcher and the tests agree on (install.sh repeats the detection in sh).
 */

export const TARGET_IDS = [
  "linux-x64",
  "linux-x64-baseline",
  "linux-x64-musl",
  "linux-arm64",
  "darwin-x64",
  "darwin-arm64",
  "windows-x64",
] as const;

export type TargetId = (typeof TARGET_IDS)[number];

export interface ReleaseTarget {
  readonly id: TargetId;
  /** `bun build --compile --target=…` */
  readonly bunTarget: string;
  /** Node's names (`process.platform`, `process.arch`), which npm's `os` / `cpu` fields use. */
  readonly os: "linux" | "darwin" | "win32";
  readonly cpu: "x64" | "arm64";
  readonly libc: "glibc" | "musl" | null;
  readonly archive: "tar.gz" | "zip";
  readonly exe: "plandash" | "plandash.exe";
  /**
   * The npm package that carries this build, or null: npm cannot choose by CPU features, so the
   * baseline (no AVX2) build ships only as an archive, and the launcher points there on SIGILL.
   */
  readonly npmPackage: string | null;
}

function target(id: TargetId, os: ReleaseTarget["os"], cpu: ReleaseTarget["cpu"], libc: ReleaseTarget["libc"], npmPackage: string | null): ReleaseTarget {
  const windows = os === "win32";
  return { id, bunTarget: `bun-${id}`, os, cpu, libc, archive: windows ? "zip" : "tar.gz", exe: windows ? "plandash.exe" : "plandash", npmPackage };
}

export const TARGETS: readonly ReleaseTarget[] = [
  target("linux-x64", "linux", "x64", "glibc", "plandash-linux-x64"),
  target("linux-x64-baseline", "linux", "x64", "glibc", null),
  target("linux-x64-musl", "linux", "x64", "musl", "plandash-linux-x64-musl"),
  target("linux-arm64", "linux", "arm64", "glibc", "plandash-linux-arm64"),
  target("darwin-x64", "darwin", "x64", null, "plandash-darwin-x64"),
  target("darwin-arm64", "darwin", "arm64", null, "plandash-darwin-arm64"),
  target("windows-x64", "win32", "x64", null, "plandash-win32-x64"),
];

export function isTargetId(value: string): value is TargetId {
  return (TARGET_IDS as readonly string[]).includes(value);
}

export function targetById(id: TargetId): ReleaseTarget {
  const found = TARGETS.find((t) => t.id === id);
  if (found === undefined) throw new Error(`no release target ${id}`);
  return found;
}

export function archiveName(version: string, t: ReleaseTarget): string {
  return `plandash-${version}-${t.id}.${t.archive}`;
}

/** The folder inside an archive: the archive's name without its extension. */
export function archiveFolder(version: string, t: ReleaseTarget): string {
  return `plandash-${version}-${t.id}`;
}
