/**
 * install.sh's choices, against a stand-in release (the real archive and SHA256SUMS code around a
 * shell "binary", so no release build is needed): which archive it picks for the machine it is on
 * (uname, ldd and /proc/cpuinfo answered by shims first on PATH), where it installs
 * (PLANDASH_INSTALL_DIR), and `shasum -a 256` when there is no sha256sum.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../helpers/binary";
import { tempDir } from "../helpers/workspace";
import { expectOneLineRefusal, installSandbox, runInstall, standInRelease, unameScript, type InstallHome } from "./install-sh-run";
import { VERSION } from "./release-build";
import type { TargetId } from "../../scripts/release/targets";

const INSTALL_SH = path.join(PROJECT_ROOT, "install.sh");
const UNIX_TARGETS: readonly TargetId[] = ["linux-x64", "linux-x64-baseline", "linux-x64-musl", "linux-arm64", "darwin-x64", "darwin-arm64"];
const REAL_GREP = Bun.which("grep") ?? "/usr/bin/grep";

const GLIBC = "echo 'ldd (GNU libc) 2.36'";
const MUSL = "echo 'musl libc (x86_64)' >&2; echo 'Version 1.2.4' >&2; exit 1";
const AVX2 = "fpu sse2 avx avx2";
const NO_AVX2 = "fpu sse2 avx";

interface Machine {
  readonly os: string;
  readonly cpu: string;
  /** What `ldd --version` says. */
  readonly ldd: string;
  /** The flags /proc/cpuinfo lists. */
  readonly flags: string;
  /** What `sysctl -n sysctl.proc_translated` prints (1 under Rosetta). */
  readonly translated?: string;
}

/** Shims for `machine`: install.sh asks `grep -q avx2 /proc/cpuinfo`, which the grep shim answers from `flags`. */
function machineScripts(m: Machine): Record<string, string> {
  return {
    uname: unameScript(m.os, m.cpu),
    ldd: m.ldd,
    sysctl: `echo '${m.translated ?? "0"}'`,
    grep: `if [ "$#" -eq 3 ] && [ "$1" = -q ] && [ "$3" = /proc/cpuinfo ]; then case ' ${m.flags} ' in *" $2 "*) exit 0 ;; *) exit 1 ;; esac; fi\nexec '${REAL_GREP}' "$@"`,
  };
}

const LINUX_X64: Machine = { os: "Linux", cpu: "x86_64", ldd: GLIBC, flags: AVX2 };

const sandbox = installSandbox();
let release: string;
beforeAll(async () => {
  release = tempDir("plandash-standin-release-");
  await standInRelease(release, VERSION, UNIX_TARGETS);
});
afterEach(() => sandbox.clear());
afterAll(() => fs.rmSync(release, { recursive: true, force: true }));

/** The target of the plandash installed at `file` (the stand-in prints it). */
function installedTarget(file: string): string {
  return Bun.spawnSync([file, "which-target"], { stdout: "pipe" }).stdout.toString().trim();
}

function install(h: InstallHome, machine: Machine, env: Record<string, string> = {}, rest?: string) {
  return runInstall(INSTALL_SH, h, { PLANDASH_BASE_URL: `file://${release}`, PATH: sandbox.shims(machineScripts(machine), rest), ...env });
}

describe("install.sh picks the archive for the machine", () => {
  test.each([
    ["x86_64 glibc with AVX2", "linux-x64", LINUX_X64],
    ["x86_64 glibc without AVX2", "linux-x64-baseline", { ...LINUX_X64, flags: NO_AVX2 }],
    ["x86_64 musl with AVX2", "linux-x64-musl", { ...LINUX_X64, ldd: MUSL }],
    ["aarch64 glibc", "linux-arm64", { ...LINUX_X64, cpu: "aarch64", flags: "fp asimd" }],
    ["macOS arm64", "darwin-arm64", { os: "Darwin", cpu: "arm64", ldd: GLIBC, flags: "" }],
    ["macOS x86_64", "darwin-x64", { os: "Darwin", cpu: "x86_64", ldd: GLIBC, flags: AVX2 }],
    ["macOS x86_64 under Rosetta", "darwin-arm64", { os: "Darwin", cpu: "x86_64", ldd: GLIBC, flags: AVX2, translated: "1" }],
  ] as [string, TargetId, Machine][])("%s → %s", async (_name, target, machine) => {
    const h = sandbox.home();
    const r = await install(h, machine);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`plandash ${VERSION} (${target}) installed to ${h.bin}/plandash\n`);
    expect(installedTarget(path.join(h.bin, "plandash"))).toBe(target);
  });

  test.each([
    ["x86_64 musl without AVX2", { ...LINUX_X64, ldd: MUSL, flags: NO_AVX2 }, /no plandash build for musl libc on this CPU \(x64 without AVX2\)/],
    ["aarch64 musl", { ...LINUX_X64, cpu: "aarch64", ldd: MUSL }, /no plandash build for musl libc on this CPU \(arm64\)/],
  ] as [string, Machine, RegExp][])("%s has no build: one line, nothing installed", async (_name, machine, message) => {
    const h = sandbox.home();
    expectOneLineRefusal(await install(h, machine), message);
    expect(fs.existsSync(path.join(h.home, ".local"))).toBe(false);
    expect(fs.readdirSync(h.tmp)).toEqual([]);
  });
});

describe("install.sh where and how", () => {
  test("PLANDASH_INSTALL_DIR is where the binary goes (made when missing, a space in it is fine); ~/.local is left alone", async () => {
    const h = sandbox.home();
    const dir = path.join(h.home, "opt", "my tools", "bin");
    const r = await install(h, LINUX_X64, { PLANDASH_INSTALL_DIR: dir });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`plandash ${VERSION} (linux-x64) installed to ${dir}/plandash\n`);
    expect(r.stdout).toContain(`${dir} is not on your PATH`);
    expect(fs.readdirSync(dir)).toEqual(["plandash"]);
    expect(installedTarget(path.join(dir, "plandash"))).toBe("linux-x64");
    expect(fs.existsSync(path.join(h.home, ".local"))).toBe(false);
  });

  const shasum = Bun.which("shasum");
  if (shasum === null) console.warn("install.sh test: shasum is not installed (Debian package perl), so the shasum fallback is not tried");

  test.skipIf(shasum === null)("without sha256sum it checks with shasum -a 256: a good archive installs, a tampered one is refused", async () => {
    const noSha256sum = sandbox.pathWithout(["sha256sum"]);
    const good = sandbox.home();
    const r = await install(good, LINUX_X64, {}, noSha256sum);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(installedTarget(path.join(good.bin, "plandash"))).toBe("linux-x64");

    // The release's SHA256SUMS, another archive under the linux-x64 name: refused at the checksum, before it is unpacked.
    const tampered = sandbox.dir("plandash-tampered-");
    await standInRelease(tampered, VERSION, ["linux-x64-baseline"]);
    const name = `plandash-${VERSION}-linux-x64.tar.gz`;
    fs.renameSync(path.join(tampered, `plandash-${VERSION}-linux-x64-baseline.tar.gz`), path.join(tampered, name));
    fs.copyFileSync(path.join(release, "SHA256SUMS"), path.join(tampered, "SHA256SUMS"));
    const bad = sandbox.home();
    const refused = await install(bad, LINUX_X64, { PLANDASH_BASE_URL: `file://${tampered}` }, noSha256sum);
    expectOneLineRefusal(refused, new RegExp(`checksum mismatch for ${name.replaceAll(".", "\\.")} .*nothing was installed`));
    expect(fs.existsSync(path.join(bad.home, ".local"))).toBe(false);
  });
});
