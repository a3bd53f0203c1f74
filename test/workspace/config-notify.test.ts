/** SPEC §8 `notify`: off (the default), bell or desktop; anything else names the file, the key and the choices. */
import { expect, test } from "bun:test";
import { DEFAULT_CONFIG, mergeConfig, validateConfig } from "../../src/workspace/config";

test("notify is off unless a config says bell or desktop", () => {
  expect(DEFAULT_CONFIG.notify).toBe("off");
  for (const mode of ["off", "bell", "desktop"] as const) {
    const layer = validateConfig({ notify: mode }, "/w/.plandash/config.json");
    expect(layer.warnings).toEqual([]);
    expect(mergeConfig([layer.values]).notify).toBe(mode);
  }
});

test.each([["loud"], [true], [""], ["BELL"]])("notify %p is a config error naming the file, the key and the choices", (value) => {
  expect(() => validateConfig({ notify: value }, "/w/.plandash/config.json")).toThrow(/config key "notify" must be one of "off", "bell", "desktop", got /);
  try {
    validateConfig({ notify: value }, "/w/.plandash/config.json");
  } catch (error) {
    expect((error as { code: string; where: string }).code).toBe("ECONFIG");
    expect((error as { where: string }).where).toBe("/w/.plandash/config.json");
  }
});
