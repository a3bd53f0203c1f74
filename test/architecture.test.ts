/** The folder layout is the architecture: the core stays pure and nothing imports the CLI. */
import { expect, test } from "bun:test";
import * as path from "node:path";
import { PROJECT_ROOT } from "./helpers/binary";

async function importsOf(pattern: string): Promise<{ file: string; spec: string }[]> {
  const found: { file: string; spec: string }[] = [];
  for await (const file of new Bun.Glob(pattern).scan({ cwd: path.join(PROJECT_ROOT, "src") })) {
    const text = await Bun.file(path.join(PROJECT_ROOT, "src", file)).text();
    for (const m of text.matchAll(/^\s*(?:import|export)[^"';]*?from\s+["']([^"']+)["']/gm)) found.push({ file, spec: m[1] ?? "" });
    for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push({ file, spec: m[1] ?? "" });
  }
  return found;
}

test("src/core imports nothing from node:, bun, ui, cli, live or workspace", async () => {
  const imports = await importsOf("core/**/*.ts");
  expect(imports.length).toBeGreaterThan(5);
  const bad = imports.filter(({ spec }) => /^(node:|bun$|bun:)|\/(ui|cli|live|workspace|lock|actions)\//.test(spec) || /^(fs|path|os)$/.test(spec));
  expect(bad).toEqual([]);
  const text = await Promise.all([...new Bun.Glob("core/**/*.ts").scanSync({ cwd: path.join(PROJECT_ROOT, "src") })].map((f) => Bun.file(path.join(PROJECT_ROOT, "src", f)).text()));
  expect(text.filter((t) => /\b(Bun\.|process\.|Date\.now\(|setTimeout\()/.test(t))).toEqual([]);
});

test("only main.ts imports from cli/, and only ui/theme.ts imports picocolors", async () => {
  const imports = await importsOf("**/*.ts");
  expect(imports.filter(({ file, spec }) => spec.includes("/cli/") && !file.startsWith("cli/") && file !== "main.ts")).toEqual([]);
  expect(imports.filter(({ file, spec }) => spec === "picocolors" && file !== "ui/theme.ts")).toEqual([]);
});

test("no file-name pattern for plan documents outside core/file-roles.ts", async () => {
  const offenders: string[] = [];
  for await (const file of new Bun.Glob("**/*.ts").scan({ cwd: path.join(PROJECT_ROOT, "src") })) {
    if (file === "core/file-roles.ts") continue;
    const text = await Bun.file(path.join(PROJECT_ROOT, "src", file)).text();
    // A regex literal anchored on a document prefix (`/^FIX_(\d+)/`) is a second parser of names.
    if (/\/\^(SUBPLAN|EXECUTION_TASK|APPROVED|FIX|PLAN)_/.test(text)) offenders.push(file);
  }
  expect(offenders).toEqual([]);
});

test("src/ui reads no files and binds nothing itself; src/actions never reaches into src/ui", async () => {
  const ui = await importsOf("ui/**/*.ts");
  expect(ui.length).toBeGreaterThan(10);
  // The screen asks the engine and the actions for anything on disk; it never reads it itself.
  expect(ui.filter(({ spec }) => /^(node:fs|fs|bun|bun:.*)$/.test(spec) || /\/workspace\//.test(spec))).toEqual([]);
  const actions = await importsOf("actions/**/*.ts");
  expect(actions.filter(({ spec }) => /\/ui\//.test(spec))).toEqual([]);
});

test("the lock and the actions bind nothing themselves: no node:fs, no child processes, no Bun.spawn (ports.ts does)", async () => {
  const imports = [...(await importsOf("lock/**/*.ts")), ...(await importsOf("actions/**/*.ts"))];
  expect(imports.filter(({ spec }) => /^node:(fs|child_process)$|^(fs|child_process)$/.test(spec))).toEqual([]);
  const files = [...new Bun.Glob("{lock,actions}/**/*.ts").scanSync({ cwd: path.join(PROJECT_ROOT, "src") })];
  expect(files.length).toBeGreaterThan(5);
  const binding: string[] = [];
  for (const f of files) if (/\bBun\.(spawn|spawnSync|which|file|write)\b/.test(await Bun.file(path.join(PROJECT_ROOT, "src", f)).text())) binding.push(f);
  expect(binding).toEqual([]);
});
