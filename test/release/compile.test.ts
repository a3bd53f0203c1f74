/** A release compiles every target with exactly `npm run build`'s flags (scripts/release/compile.ts reads them from package.json). */
import { expect, test } from "bun:test";
import { buildFlags, compileArgs, TARGET_DEFINE } from "../../scripts/release/compile";
import { TARGET_IDS, targetById } from "../../scripts/release/targets";
import packageJson from "../../package.json";

const BUILD = packageJson.scripts.build;

/** The build script's words after `bun`, without its `--outfile FILE`. */
function buildWordsWithoutOutfile(): string[] {
  const words = BUILD.trim().split(/\s+/).slice(1);
  const out = words.indexOf("--outfile");
  return [...words.slice(0, out), ...words.slice(out + 2)];
}

test.each([...TARGET_IDS])("%s: bun build with npm run build's arguments, and only its target, its name and its outfile added", (id) => {
  const args = compileArgs(buildFlags(BUILD), targetById(id), "/release/stage/plandash");
  const added = [`--target=bun-${id}`, `--define=${TARGET_DEFINE}="${id}"`, "--outfile", "/release/stage/plandash"];
  expect(args.slice(-added.length)).toEqual(added);
  expect(args.slice(0, -added.length)).toEqual(buildWordsWithoutOutfile());
});

test("those are the flags SPEC §9.1 asks of the binary: compiled, minified, bytecode, ESM, no .env or bunfig.toml autoload", () => {
  expect(buildFlags(BUILD)).toEqual(
    expect.arrayContaining(["--compile", "--minify", "--bytecode", "--format=esm", "--no-compile-autoload-dotenv", "--no-compile-autoload-bunfig"]),
  );
});

test.each([
  ["tsc -p ."],
  ["bun build src/main.ts --outfile dist/plandash"],
  ["bun build src/main.ts --compile"],
])("a build script the release cannot copy (%p) stops the release with a message naming it", (script) => {
  expect(() => buildFlags(script)).toThrow(`package.json's build script is not the "bun build … --compile … --outfile FILE" the release copies: ${script}`);
});
