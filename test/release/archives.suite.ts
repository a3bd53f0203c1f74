/** `npm run release` end-to-end for the host target and linux-arm64: archives, checksums, and binaries that work. */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { CORPUS_PLANS, CORPUS_ROOT } from "../helpers/binary";
import { childEnv } from "../helpers/child-env";
import { goldenDifference } from "../helpers/golden";
import { tempDir } from "../helpers/workspace";
import bunPackage from "../../node_modules/bun/package.json";
import { ARM64_SYSROOT, ARM64_TARGET, type GetRelease, hostTarget, qemuMissing, SLOW_MS, unpackArchive, VERSION } from "./release-build";

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function run(argv: readonly string[], env: Record<string, string> = {}): Run {
  const home = tempDir("plandash-home-");
  try {
    const r = Bun.spawnSync([...argv], { cwd: home, env: childEnv(home, env), stdout: "pipe", stderr: "pipe" });
    return { exitCode: r.exitCode, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** --version, the golden status of the shared corpus, and doctor's build line: what a user checks first. */
function expectWorkingBinary(launch: readonly string[], target: string): void {
  const version = run([...launch, "--version"]);
  expect(version.stderr).toBe("");
  expect(version.stdout.trim()).toBe(VERSION);

  const status = run([...launch, "status", "--json", "--root", CORPUS_ROOT]);
  expect(status.exitCode).toBe(0);
  const doc = JSON.parse(status.stdout);
  expect(doc.root).toBe(CORPUS_PLANS);
  expect(goldenDifference(doc)).toBeNull();

  const doctor = run([...launch, "doctor", "--json", "--root", CORPUS_ROOT]);
  expect(doctor.exitCode).toBe(0);
  expect(JSON.parse(doctor.stdout).build).toEqual({ target, bun: bunPackage.version });
  const human = run([...launch, "doctor", "--root", CORPUS_ROOT]);
  expect(human.stdout).toContain(`build        ${target} release, Bun ${bunPackage.version}`);
}

const qemu = qemuMissing();
if (qemu !== null) console.warn(`release test: the linux-arm64 binary is not run: ${qemu}`);

/** ELF e_machine (bytes 18–19, little-endian): 0xb7 is aarch64. */
function elfMachine(file: string): number {
  const head = Buffer.alloc(20);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, 20, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head.readUInt16LE(18);
}

export function describeArchives(get: GetRelease): void {
  describe("npm run release", () => {
    const archives = (): string[] => [hostTarget(), ARM64_TARGET].map((t) => `plandash-${VERSION}-${t}.tar.gz`);

    test("writes one archive per target and a SHA256SUMS that sha256sum -c verifies, and prints each artefact with its size", () => {
      const names = fs.readdirSync(get().dir).sort();
      expect(names).toEqual([...archives(), "SHA256SUMS", "install.sh", "npm"].sort());
      const sums = fs.readFileSync(path.join(get().dir, "SHA256SUMS"), "utf8");
      expect(sums.trimEnd().split("\n").map((l) => l.replace(/^[0-9a-f]{64} {2}/, ""))).toEqual([...archives(), "install.sh"].sort());
      const check = Bun.spawnSync(["sha256sum", "-c", "SHA256SUMS"], { cwd: get().dir, stdout: "pipe", stderr: "pipe" });
      expect(check.stderr.toString()).toBe("");
      expect(check.exitCode).toBe(0);
      for (const name of archives()) {
        const size = fs.statSync(path.join(get().dir, name)).size;
        expect(get().stdout).toMatch(new RegExp(`${name.replaceAll(".", "\\.")} +${(size / 1e6).toFixed(1)} MB`));
      }
    }, SLOW_MS);

    test("each archive holds one folder with the binary, README.md and LICENSE", () => {
      for (const name of archives()) {
        const list = Bun.spawnSync(["tar", "-tzvf", path.join(get().dir, name)], { stdout: "pipe" }).stdout.toString();
        const folder = name.replace(/\.tar\.gz$/, "");
        const entries = list.trimEnd().split("\n").map((l) => l.split(/\s+/));
        expect(entries.map((e) => e.at(-1)).sort()).toEqual([`${folder}/`, `${folder}/LICENSE`, `${folder}/README.md`, `${folder}/plandash`]);
        expect(entries.find((e) => e.at(-1) === `${folder}/plandash`)?.[0]).toBe("-rwxr-xr-x");
      }
    }, SLOW_MS);

    test("the host binary taken from its archive prints the version, the golden status of the corpus, and its build in doctor", async () => {
      await using unpacked = await unpackArchive(path.join(get().dir, `plandash-${VERSION}-${hostTarget()}.tar.gz`));
      expectWorkingBinary([unpacked.binary], hostTarget());
    }, SLOW_MS);

    test.skipIf(qemu !== null)(`the linux-arm64 binary taken from its archive does the same under qemu-aarch64${qemu === null ? "" : ` (skipped: ${qemu})`}`, async () => {
      await using unpacked = await unpackArchive(path.join(get().dir, `plandash-${VERSION}-${ARM64_TARGET}.tar.gz`));
      expect(elfMachine(unpacked.binary)).toBe(0xb7);
      expectWorkingBinary(["qemu-aarch64", "-L", ARM64_SYSROOT, unpacked.binary], ARM64_TARGET);
    }, SLOW_MS);

    test("the install.sh copy carries the --base-url as its default", () => {
      const script = fs.readFileSync(path.join(get().dir, "install.sh"), "utf8");
      expect(script).toContain(`PLANDASH_DEFAULT_BASE_URL='${get().baseUrl}'`);
      expect(fs.statSync(path.join(get().dir, "install.sh")).mode & 0o111).not.toBe(0);
    });
  });
}
