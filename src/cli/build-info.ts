/** Which build this is (issue 12): the release target it was compiled for, and the Bun runtime inside it. */

// Set by `npm run release` through `bun build --define` (scripts/release/compile.ts); a plain
// `npm run build` or `bun src/main.ts` leaves it undefined.
declare const __PLANDASH_TARGET__: string | undefined;

export interface BuildInfo {
  /** The release target (`linux-x64`, `darwin-arm64`…), or null for a local build. */
  readonly target: string | null;
  readonly bun: string;
}

export function buildInfo(): BuildInfo {
  return { target: typeof __PLANDASH_TARGET__ === "string" ? __PLANDASH_TARGET__ : null, bun: Bun.version };
}

export function describeBuild(build: BuildInfo, platform: string): string {
  return build.target === null ? `local build (not a release) for ${platform}, Bun ${build.bun}` : `${build.target} release, Bun ${build.bun}`;
}
