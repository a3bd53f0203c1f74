/**
 * Which npm platform package the launcher runs, and what it says when that cannot work. Pure: the
 * launcher passes in the host and what it found installed.
 */
import { TARGETS, type ReleaseTarget } from "../scripts/release/targets";

export type PackagedTarget = ReleaseTarget & { readonly npmPackage: string };

export interface Host {
  readonly platform: string;
  readonly arch: string;
}

export const PACKAGED: readonly PackagedTarget[] = TARGETS.filter((t): t is PackagedTarget => t.npmPackage !== null);

const REINSTALL = "reinstall here with: npm install -g plandash";

/**
 * The packages built for this host, in the order to try them. npm installs only the one whose
 * `libc` fits, so on Linux x64 whichever of glibc / musl is present is the right one.
 */
export function candidatesFor(host: Host): PackagedTarget[] {
  return PACKAGED.filter((t) => t.os === host.platform && t.cpu === host.arch);
}

function hostName(host: Host): string {
  return `${host.platform} ${host.arch}`;
}

export function unsupportedMessage(host: Host): string {
  const built = [...new Set(PACKAGED.map((t) => `${t.os} ${t.cpu}`))].join(", ");
  return `plandash: no prebuilt binary for ${hostName(host)} (there are for ${built}) — build it from source: see "Install" in the README`;
}

/** None of the host's packages is installed: either npm skipped optional dependencies, or node_modules came from another machine. */
export function missingMessage(host: Host, wanted: readonly PackagedTarget[], foreign: readonly PackagedTarget[]): string {
  const names = wanted.map((t) => t.npmPackage).join(" or ");
  const other = foreign[0];
  if (other !== undefined) {
    return `plandash: ${other.npmPackage} is installed, a build for ${other.os} ${other.cpu}, but this is ${hostName(host)} and ${names} is missing (node_modules installed on another machine, or with --os/--cpu?) — ${REINSTALL}`;
  }
  return `plandash: the platform package ${names} is not installed (npm was run with --omit=optional or --no-optional?) — ${REINSTALL}`;
}

/** The binary could not be started (ENOEXEC: another CPU's binary; EACCES: lost its execute bit). */
export function spawnFailedMessage(binary: string, code: string): string {
  return `plandash: cannot run ${binary} (${code}) — the platform package is damaged or for another CPU; ${REINSTALL}`;
}

/** SIGILL from the linux-x64 build: its CPU lacks AVX2, and npm cannot choose the baseline build by CPU features. */
export function illegalInstructionMessage(t: PackagedTarget): string {
  return `plandash: the ${t.id} build stopped on an illegal instruction: this CPU probably lacks AVX2 — install the ${t.id}-baseline build with install.sh instead (see "Install" in the README)`;
}
