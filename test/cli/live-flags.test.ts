/** `--poll[=MS]` and `--no-watch` as a config layer; intervals are bounded like the config's (SPEC §8). */
import { expect, test } from "bun:test";
import { liveFlags } from "../../src/cli/commands/watch";

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
