/** `plandash doctor` names the build: the release target (release builds) and the Bun runtime inside. */
import { expect, test } from "bun:test";
import * as fs from "node:fs";
import { CORPUS_ROOT } from "../helpers/binary";
import { runCli } from "../helpers/run-cli";
import { tempDir } from "../helpers/workspace";
import bunPackage from "../../node_modules/bun/package.json";

test("a plain npm run build says it is a local build for this platform and names its Bun version", async () => {
  const home = tempDir("plandash-home-");
  try {
    const json = await runCli(["doctor", "--json", "--root", CORPUS_ROOT], { home });
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout).build).toEqual({ target: null, bun: bunPackage.version });
    const human = await runCli(["doctor", "--root", CORPUS_ROOT], { home });
    expect(human.stdout).toContain(`build        local build (not a release) for ${process.platform}-${process.arch}, Bun ${bunPackage.version}`);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
