/** Which npm platform package the launcher looks for on each host (npm/platform-package.ts). */
import { expect, test } from "bun:test";
import { candidatesFor, missingMessage, PACKAGED, unsupportedMessage } from "../../npm/platform-package";

test.each([
  ["linux", "x64", ["plandash-linux-x64", "plandash-linux-x64-musl"]],
  ["linux", "arm64", ["plandash-linux-arm64"]],
  ["darwin", "x64", ["plandash-darwin-x64"]],
  ["darwin", "arm64", ["plandash-darwin-arm64"]],
  ["win32", "x64", ["plandash-win32-x64"]],
  ["win32", "arm64", []],
  ["freebsd", "x64", []],
  ["linux", "ia32", []],
])("%s %s looks for %p", (platform, arch, names) => {
  expect(candidatesFor({ platform, arch }).map((t) => t.npmPackage)).toEqual(names);
});

test("an unsupported host is named with the hosts that have builds and the way out", () => {
  expect(unsupportedMessage({ platform: "freebsd", arch: "x64" })).toBe(
    'plandash: no prebuilt binary for freebsd x64 (there are for linux x64, linux arm64, darwin x64, darwin arm64, win32 x64) — build it from source: see "Install" in the README',
  );
});

test("another machine's package is named as such, not reported as a plain omission", () => {
  const host = { platform: "darwin", arch: "x64" };
  const arm = PACKAGED.filter((t) => t.npmPackage === "plandash-darwin-arm64");
  expect(missingMessage(host, candidatesFor(host), arm)).toContain("plandash-darwin-arm64 is installed, a build for darwin arm64, but this is darwin x64");
  expect(missingMessage(host, candidatesFor(host), [])).toContain("the platform package plandash-darwin-x64 is not installed");
});
