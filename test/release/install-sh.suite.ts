/** install.sh as a user runs it: against a file:// release in a temporary HOME, with nothing installed on any failure. */
import { afterEach, beforeAll, describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../helpers/binary";
import { childEnv } from "../helpers/child-env";
import { waitFor } from "../helpers/wait-for";
import { expectOneLineRefusal, installSandbox, runInstall as install, unameScript } from "./install-sh-run";
import { type GetRelease, hostTarget, type ReleaseBuild, SLOW_MS, VERSION } from "./release-build";

const sandbox = installSandbox();

const shellcheck = Bun.which("shellcheck");
if (shellcheck === null) console.warn("install.sh test: shellcheck is not installed (Debian package shellcheck), so install.sh is not linted");

export function describeInstallSh(get: GetRelease): void {
  describe("install.sh", () => {
    let rel: ReleaseBuild;
    let stamped: string;
    const archive = (): string => `plandash-${VERSION}-${hostTarget()}.tar.gz`;
    beforeAll(() => {
      rel = get();
      stamped = path.join(rel.dir, "install.sh");
    });
    afterEach(() => sandbox.clear());

    test.skipIf(shellcheck === null)(`passes shellcheck as POSIX sh, in the repository and as the release stamps it${shellcheck === null ? " (skipped: shellcheck not installed)" : ""}`, () => {
      for (const file of [path.join(PROJECT_ROOT, "install.sh"), stamped]) {
        const r = Bun.spawnSync(["shellcheck", "--shell=sh", file], { stdout: "pipe", stderr: "pipe" });
        expect(r.stdout.toString() + r.stderr.toString()).toBe("");
        expect(r.exitCode).toBe(0);
      }
    });

    test("installs into ~/.local/bin from the release's own URL, says where, hints at PATH, and leaves no temp files", async () => {
      const h = sandbox.home();
      const r = await install(stamped, h);
      expect(r.stderr).toBe("");
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain(`plandash ${VERSION} (${hostTarget()}) installed to ${h.bin}/plandash\n`);
      expect(r.stdout).toContain(`${h.bin} is not on your PATH`);
      expect(fs.readdirSync(h.bin)).toEqual(["plandash"]);
      expect(fs.readdirSync(h.tmp)).toEqual([]);
      const version = Bun.spawnSync([path.join(h.bin, "plandash"), "--version"], { stdout: "pipe" });
      expect(version.stdout.toString().trim()).toBe(VERSION);
      const onPath = await install(stamped, h, { PATH: `${h.bin}:${process.env.PATH}` });
      expect(onPath.stdout).not.toContain("not on your PATH");
    }, SLOW_MS);

    test("re-running upgrades in place by a rename: the old version is named, and a plandash still running is not disturbed", async () => {
      const h = sandbox.home();
      fs.mkdirSync(h.bin, { recursive: true });
      const installed = path.join(h.bin, "plandash");
      fs.writeFileSync(installed, "#!/bin/sh\necho 0.0.9\n", { mode: 0o755 });
      const upgrade = await install(stamped, h);
      expect(upgrade.exitCode).toBe(0);
      expect(upgrade.stdout).toContain(`plandash ${VERSION} (${hostTarget()}) installed to ${installed}, replacing 0.0.9`);

      const before = fs.statSync(installed).ino;
      // A long-running plandash that stays quiet (watch refuses --no-watch now: issue 9, it would never print a change).
      const running = Bun.spawn([installed, "watch", "--ndjson", "--poll=600000", "--root", h.home], { env: childEnv(h.home), stdout: "pipe", stderr: "pipe" });
      const reader = running.stdout.getReader();
      await waitFor(async () => (await reader.read()).value, "the running plandash prints its snapshot", 20_000);
      const again = await install(stamped, h, { PATH: `${h.bin}:${process.env.PATH}` });
      expect(again.stderr).toBe("");
      expect(again.stdout).toBe(`plandash ${VERSION} (${hostTarget()}) reinstalled to ${installed}\n`);
      expect(fs.statSync(installed).ino).not.toBe(before);
      expect(running.exitCode).toBeNull();
      running.kill("SIGINT");
      expect(await running.exited).toBe(130);
      expect(fs.readdirSync(h.bin)).toEqual(["plandash"]);
    }, SLOW_MS);

    test("a tampered archive is refused in one line and nothing is installed or replaced", async () => {
      const bad = sandbox.dir("plandash-tampered-");
      fs.copyFileSync(path.join(rel.dir, "SHA256SUMS"), path.join(bad, "SHA256SUMS"));
      // A well-formed archive with another "plandash" inside: only the checksum can tell.
      const folder = path.join(bad, "x", archive().replace(/\.tar\.gz$/, ""));
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, "plandash"), "#!/bin/sh\necho 6.6.6\n", { mode: 0o755 });
      expect(Bun.spawnSync(["tar", "-czf", path.join(bad, archive()), "-C", path.join(bad, "x"), path.basename(folder)]).exitCode).toBe(0);

      const fresh = sandbox.home();
      const r = await install(stamped, fresh, { PLANDASH_BASE_URL: `file://${bad}` });
      expectOneLineRefusal(r, new RegExp(`checksum mismatch for ${archive().replaceAll(".", "\\.")} .*nothing was installed`));
      expect(fs.existsSync(path.join(fresh.home, ".local"))).toBe(false);
      expect(fs.readdirSync(fresh.tmp)).toEqual([]);

      const existing = sandbox.home();
      fs.mkdirSync(existing.bin, { recursive: true });
      fs.writeFileSync(path.join(existing.bin, "plandash"), "#!/bin/sh\necho 0.0.9\n", { mode: 0o755 });
      expect((await install(stamped, existing, { PLANDASH_BASE_URL: `file://${bad}` })).exitCode).toBe(1);
      expect(fs.readFileSync(path.join(existing.bin, "plandash"), "utf8")).toBe("#!/bin/sh\necho 0.0.9\n");
      expect(fs.readdirSync(existing.bin)).toEqual(["plandash"]);
    }, SLOW_MS);

    test.each([
      ["FreeBSD", "amd64", /no plandash build for the OS 'FreeBSD' \(uname -s\).*build it from source/],
      ["Linux", "riscv64", /no plandash build for the CPU 'riscv64' \(uname -m\) on linux.*build it from source/],
      ["MINGW64_NT-10.0", "x86_64", /on Windows, download plandash-<version>-windows-x64\.zip .*npm install -g plandash/],
    ])("uname %p %p gets one clear line and nothing is installed", async (os, cpu, message) => {
      const h = sandbox.home();
      const r = await install(stamped, h, { PATH: sandbox.shims({ uname: unameScript(os, cpu) }) });
      expectOneLineRefusal(r, message);
      expect(fs.existsSync(path.join(h.home, ".local"))).toBe(false);
    });

    test("without sha256sum and shasum it refuses before downloading anything", async () => {
      const h = sandbox.home();
      const r = await install(stamped, h, { PATH: sandbox.pathWithout(["sha256sum", "shasum"]) });
      expectOneLineRefusal(r, /neither sha256sum nor shasum is installed.*nothing was installed/);
      expect(fs.existsSync(path.join(h.home, ".local"))).toBe(false);
    });

    test.each([
      ["the repository's install.sh with no PLANDASH_BASE_URL", () => path.join(PROJECT_ROOT, "install.sh"), {}, /no download location: set PLANDASH_BASE_URL/],
      ["a base URL that holds no release", () => stamped, { PLANDASH_BASE_URL: "file:///nonexistent/release" }, /could not download file:\/\/\/nonexistent\/release\/SHA256SUMS: curl: /],
    ])("%s is refused in one line", async (_name, script, env, message) => {
      const h = sandbox.home();
      expectOneLineRefusal(await install(script(), h, env), message);
      expect(fs.readdirSync(h.tmp)).toEqual([]);
    });
  });
}
