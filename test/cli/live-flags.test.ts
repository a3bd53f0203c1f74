/** `--poll[=MS]`, `--no-watch` and `--heartbeat[=S]` as watch parses them; intervals are bounded like the config's (SPEC §8). */
import { expect, test } from "bun:test";
import { parseInvocation } from "../../src/cli/args";
import { heartbeatMs, liveFlags } from "../../src/cli/commands/watch";
import { COMMANDS, DEFAULT_COMMAND } from "../../src/cli/registry";

const args = (values: Record<string, string | boolean>) => ({ values, positionals: [] });

test.each([
  ["", { watch: "poll" }],
  ["250", { watch: "poll", pollInterval: 250 }],
  ["1", { watch: "poll", pollInterval: 1 }],
  ["2147483647", { watch: "poll", pollInterval: 2147483647 }],
])("--poll=%p is %p", (poll, layer) => {
  expect(liveFlags(args({ poll })).layer).toEqual(layer as never);
});

test.each([
  ["0", "--poll=0: the interval must be at least 1 ms"],
  ["-5", "--poll=-5: the interval must be at least 1 ms"],
  ["99999999999", "--poll=99999999999: the interval must be at most 2147483647 ms"],
  ["soon", "--poll=soon: the interval must be a whole number of milliseconds"],
  ["1.5", "--poll=1.5: the interval must be a whole number of milliseconds"],
])("--poll=%p is a usage error: %p", (poll, message) => {
  expect(() => liveFlags(args({ poll }))).toThrow(message);
});

/** watch's arguments as the CLI parses them (the real command table, so `--heartbeat` is optional-valued as shipped). */
function watchArgs(argv: readonly string[]) {
  const inv = parseInvocation(["watch", ...argv], COMMANDS, DEFAULT_COMMAND);
  if (inv.kind !== "run") throw new Error(`watch ${argv.join(" ")} did not parse to a run`);
  return inv.args;
}

test.each([
  [["--heartbeat"], 30_000],
  [["--heartbeat", "--ndjson"], 30_000],
  [["--ndjson", "--heartbeat"], 30_000],
  [["--heartbeat=1"], 1_000],
  [["--heartbeat=0.5"], 500],
  [[], null],
] as [string[], number | null][])("watch %p: heartbeat interval %p ms (SPEC §3.2: 30 s when the flag has no value; none without it)", (argv, ms) => {
  const args = watchArgs(argv);
  expect(heartbeatMs(args)).toBe(ms);
  if (argv.includes("--ndjson")) expect(args.values.ndjson).toBe(true);
});
