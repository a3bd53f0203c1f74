import { expect, test } from "bun:test";
import { osErrorText } from "../../src/util/errors";

test.each([
  ["Bun's fs.watch message, which starts with its code", "ENOSPC", "ENOSPC: no space left on device, watch '/p'", "ENOSPC: no space left on device, watch '/p'"],
  ["a message without the code", "EMFILE", "too many open files", "EMFILE: too many open files"],
  ["a message that only is the code", "ENOSPC", "ENOSPC", "ENOSPC"],
  ["a code that only prefixes another word", "EPERM", "EPERMANENT trouble", "EPERM: EPERMANENT trouble"],
])("%s: the code is said once", (_name, code, message, expected) => {
  expect(osErrorText(code, message)).toBe(expected);
});
