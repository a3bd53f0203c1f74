import { describe, expect, test } from "bun:test";
import type { ProcessRunner } from "../../src/actions/process";
import { resolveReviewer } from "../../src/actions/reviewer";

function gitSays(name: string | null): ProcessRunner {
  return {
    which: (cmd) => (cmd === "git" && name !== null ? "/usr/bin/git" : null),
    run: async (argv) => {
      expect(argv.slice(1)).toEqual(["config", "user.name"]);
      return { exitCode: name === "" ? 1 : 0, signal: null, stdout: `${name ?? ""}\n`, spawnError: null, timedOut: false, forwarded: null };
    },
  };
}

describe("reviewer", () => {
  test.each([
    ["--reviewer wins", "Grace", gitSays("Ada Lovelace"), { USER: "ada" }, "Grace"],
    ["git config user.name", undefined, gitSays("Ada Lovelace"), { USER: "ada" }, "Ada Lovelace"],
    ["$USER when git has no name", undefined, gitSays(""), { USER: "ada" }, "ada"],
    ["$USER when there is no git", undefined, gitSays(null), { USER: "ada" }, "ada"],
    ["$LOGNAME after that", undefined, gitSays(null), { LOGNAME: "lovelace" }, "lovelace"],
    ["unknown at last", undefined, gitSays(null), {}, "unknown"],
  ] as const)("%s", async (_label, explicit, runner, env, expected) => {
    expect(await resolveReviewer(explicit, { runner, env, cwd: "/" })).toBe(expected);
  });
});
