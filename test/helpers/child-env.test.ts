import { afterEach, expect, test } from "bun:test";
import { childEnv } from "./child-env";

const saved = { CI: process.env.CI, FORCE_COLOR: process.env.FORCE_COLOR };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

test("CI and colour settings of the test run do not reach a child; a test passes them on purpose", () => {
  process.env.CI = "true";
  process.env.FORCE_COLOR = "1";
  const env = childEnv("/tmp/home");
  expect(env.CI).toBeUndefined();
  expect(env.FORCE_COLOR).toBeUndefined();
  expect(env.NO_COLOR).toBe("1");
  expect(env.HOME).toBe("/tmp/home");
  expect(childEnv("/tmp/home", { CI: "true" }).CI).toBe("true");
});
