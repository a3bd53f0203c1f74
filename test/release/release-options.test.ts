/** `npm run release` options are checked before anything is built: one line, exit 2. */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../helpers/workspace";
import { runRelease } from "./release-build";

describe("npm run release refuses bad options in one line, exit 2, before building anything", () => {
  test.each([
    [["--target", "linux-sparc"], /unknown target linux-sparc .*linux-x64, linux-x64-baseline, linux-x64-musl, linux-arm64, darwin-x64, darwin-arm64, windows-x64/],
    [["--base-url", "https://example.com/it's"], /--base-url .*https:\/\/example\.com\/it's/],
    [["--base-url", "ftp://example.com/x"], /--base-url .*http/],
    [["--frobnicate"], /--frobnicate/],
  ])("%p", async (args, message) => {
    const out = tempDir("plandash-release-bad-");
    try {
      const r = await runRelease([...args, "--out", path.join(out, "release")]);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(fs.existsSync(path.join(out, "release"))).toBe(false);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
