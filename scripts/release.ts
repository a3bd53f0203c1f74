/**
 * `npm run release [-- --target T]... [--base-url URL] [--out DIR]` (issue 12): every target's
 * binary, archived with README and LICENSE, plus SHA256SUMS, install.sh and the npm packages.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatError, isPlandashError } from "../src/util/errors";
import { formatSums, sha256File, writeArchive } from "./release/archive";
import { buildFlags, compileTarget } from "./release/compile";
import { stampBaseUrl } from "./release/install-script";
import { packPackage, type RootManifest, stageMainPackage, stagePlatformPackage } from "./release/npm-packages";
import { parseReleaseOptions, RELEASE_USAGE } from "./release/options";
import { prepareOutDir } from "./release/out-dir";
import { archiveFolder, archiveName, targetById } from "./release/targets";

const PROJECT_ROOT = path.resolve(import.meta.dir, "..");

function megabytes(bytes: number): string {
  return bytes < 1e5 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

function seconds(sinceMs: number): string {
  return `${((performance.now() - sinceMs) / 1000).toFixed(1)} s`;
}

function line(name: string, file: string, note = ""): void {
  process.stdout.write(`  ${name.padEnd(44)} ${megabytes(fs.statSync(file).size).padStart(9)}${note === "" ? "" : `  ${note}`}\n`);
}

async function release(argv: readonly string[]): Promise<void> {
  const options = parseReleaseOptions(argv, path.join(PROJECT_ROOT, "dist", "release"));
  if (options.help) {
    process.stdout.write(RELEASE_USAGE);
    return;
  }
  const started = performance.now();
  const pkg = (await Bun.file(path.join(PROJECT_ROOT, "package.json")).json()) as RootManifest & { scripts: { build: string } };
  const flags = buildFlags(pkg.scripts.build);
  const installTemplate = stampBaseUrl(fs.readFileSync(path.join(PROJECT_ROOT, "install.sh"), "utf8"), options.baseUrl);
  const outDir = path.resolve(options.outDir);
  prepareOutDir(outDir);
  const npmDir = path.join(outDir, "npm");
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "plandash-release-stage-"));
  process.stdout.write(`plandash ${pkg.version} → ${outDir}\n`);
  try {
    const sums: { name: string; sha256: string }[] = [];
    for (const id of options.targets) {
      const t0 = performance.now();
      const t = targetById(id);
      const folder = archiveFolder(pkg.version, t);
      const dir = path.join(stage, folder);
      fs.mkdirSync(dir);
      const binary = path.join(dir, t.exe);
      await compileTarget(PROJECT_ROOT, flags, t, binary);
      fs.chmodSync(binary, 0o755);
      const binarySize = fs.statSync(binary).size;
      for (const doc of ["README.md", "LICENSE"]) fs.copyFileSync(path.join(PROJECT_ROOT, doc), path.join(dir, doc));
      const name = archiveName(pkg.version, t);
      writeArchive(t, stage, folder, path.join(outDir, name));
      sums.push({ name, sha256: await sha256File(path.join(outDir, name)) });
      let packed = "";
      if (t.npmPackage !== null) {
        const pkgDir = path.join(stage, t.npmPackage);
        stagePlatformPackage(pkgDir, pkg, { ...t, npmPackage: t.npmPackage }, binary, path.join(PROJECT_ROOT, "LICENSE"));
        packed = packPackage(pkgDir, npmDir, path.join(stage, "npm-cache"));
        fs.rmSync(pkgDir, { recursive: true, force: true });
      }
      fs.rmSync(dir, { recursive: true, force: true });
      line(name, path.join(outDir, name), `binary ${megabytes(binarySize)}, ${seconds(t0)}`);
      if (packed !== "") line(`npm/${packed}`, path.join(npmDir, packed));
    }
    const mainDir = path.join(stage, "plandash");
    await stageMainPackage(mainDir, pkg, PROJECT_ROOT);
    const mainPacked = packPackage(mainDir, npmDir, path.join(stage, "npm-cache"));
    line(`npm/${mainPacked}`, path.join(npmDir, mainPacked), "launcher");
    const install = path.join(outDir, "install.sh");
    fs.writeFileSync(install, installTemplate, { mode: 0o755 });
    sums.push({ name: "install.sh", sha256: await sha256File(install) });
    line("install.sh", install, options.baseUrl === null ? "no default base URL (set PLANDASH_BASE_URL)" : `default base URL ${options.baseUrl}`);
    fs.writeFileSync(path.join(outDir, "SHA256SUMS"), formatSums(sums));
    line("SHA256SUMS", path.join(outDir, "SHA256SUMS"));
    process.stdout.write(`done: ${options.targets.length} target${options.targets.length === 1 ? "" : "s"} in ${seconds(started)}\n`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

try {
  await release(Bun.argv.slice(2));
} catch (error) {
  if (process.env.PLANDASH_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.stderr.write(isPlandashError(error) ? `${formatError(error)}\n` : `plandash release: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = isPlandashError(error) && error.code === "EUSAGE" ? 2 : 1;
}
