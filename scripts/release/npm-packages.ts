/**
 * The npm side of a release: one package per platform holding the binary (npm installs only the
 * one whose `os` / `cpu` / `libc` fit), and the `plandash` package with a small node launcher that
 * lists them all as optional dependencies and runs the right one (npm/launcher.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PlandashError } from "../../src/util/errors";
import { TARGETS, type ReleaseTarget } from "./targets";

/** The root package.json fields a published package carries over. */
export interface RootManifest {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly license?: string;
  readonly keywords?: readonly string[];
  readonly engines?: Readonly<Record<string, string>>;
  readonly repository?: unknown;
  readonly homepage?: string;
  readonly bugs?: unknown;
  readonly author?: unknown;
}

const OS_NAMES = { linux: "Linux", darwin: "macOS", win32: "Windows" } as const;

function shared(root: RootManifest): Record<string, unknown> {
  const { license, repository, homepage, bugs, author } = root;
  return Object.fromEntries(Object.entries({ license, repository, homepage, bugs, author }).filter(([, v]) => v !== undefined));
}

export function platformManifest(root: RootManifest, t: ReleaseTarget & { npmPackage: string }): Record<string, unknown> {
  return {
    name: t.npmPackage,
    version: root.version,
    description: `The plandash binary for ${OS_NAMES[t.os]} ${t.cpu}${t.libc === "musl" ? " (musl)" : ""}; installed and run by the plandash package`,
    ...shared(root),
    os: [t.os],
    cpu: [t.cpu],
    ...(t.libc === null ? {} : { libc: [t.libc] }),
    files: ["bin/", "README.md", "LICENSE"],
    preferUnplugged: true,
  };
}

export function mainManifest(root: RootManifest): Record<string, unknown> {
  const optionalDependencies: Record<string, string> = {};
  for (const t of TARGETS) if (t.npmPackage !== null) optionalDependencies[t.npmPackage] = root.version;
  return {
    name: root.name,
    version: root.version,
    ...(root.description === undefined ? {} : { description: root.description }),
    ...shared(root),
    ...(root.keywords === undefined ? {} : { keywords: root.keywords }),
    ...(root.engines?.node === undefined ? {} : { engines: { node: root.engines.node } }),
    bin: { plandash: "bin/plandash.js" },
    files: ["bin/", "README.md", "LICENSE"],
    optionalDependencies,
  };
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Lays out a platform package in `dir` around the binary (moved in, not copied: it is 100 MB). */
export function stagePlatformPackage(dir: string, root: RootManifest, t: ReleaseTarget & { npmPackage: string }, binary: string, licenseFile: string): void {
  fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
  writeJson(path.join(dir, "package.json"), platformManifest(root, t));
  fs.copyFileSync(licenseFile, path.join(dir, "LICENSE"));
  fs.writeFileSync(path.join(dir, "README.md"), `# ${t.npmPackage}\n\nThe \`plandash\` binary for ${OS_NAMES[t.os]} ${t.cpu}. Install \`plandash\` instead: \`npm install -g plandash\`.\n`);
  const exe = path.join(dir, "bin", t.exe);
  fs.renameSync(binary, exe);
  fs.chmodSync(exe, 0o755);
}

/** Lays out the `plandash` package: manifest, README, LICENSE and the launcher bundled for node. */
export async function stageMainPackage(dir: string, root: RootManifest, projectRoot: string): Promise<void> {
  fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
  writeJson(path.join(dir, "package.json"), mainManifest(root));
  fs.copyFileSync(path.join(projectRoot, "LICENSE"), path.join(dir, "LICENSE"));
  fs.copyFileSync(path.join(projectRoot, "README.md"), path.join(dir, "README.md"));
  const built = await Bun.build({ entrypoints: [path.join(projectRoot, "npm", "launcher.ts")], target: "node", format: "cjs" });
  const output = built.outputs[0];
  if (!built.success || output === undefined) {
    throw new PlandashError("EIO", `bundling npm/launcher.ts failed: ${built.logs.map(String).join(" ") || "no output"}`);
  }
  const launcher = path.join(dir, "bin", "plandash.js");
  fs.writeFileSync(launcher, `#!/usr/bin/env node\n${await output.text()}`);
  fs.chmodSync(launcher, 0o755);
}

/**
 * `npm pack` of a staged package into `outDir`; returns the tarball's file name. npm keeps a copy of
 * everything it packs in its cache, 50 MB a platform per release, so it packs with `cacheDir`, a
 * throwaway cache the caller removes.
 */
export function packPackage(dir: string, outDir: string, cacheDir: string): string {
  const argv = ["npm", "pack", "--json", "--silent", "--cache", cacheDir, "--pack-destination", outDir];
  const r = Bun.spawnSync(argv, { cwd: dir, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) {
    throw new PlandashError("EIO", `npm pack in ${dir} failed: ${r.stderr.toString().trim().split("\n")[0] ?? `exit ${r.exitCode}`}`);
  }
  const [packed] = JSON.parse(r.stdout.toString()) as { filename: string }[];
  if (packed === undefined) throw new PlandashError("EIO", `npm pack in ${dir} printed no file name`);
  return packed.filename;
}
