/** SPEC §8: the trust list, and which workspace config keys apply with it. */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { realFs, type FsPort } from "../../src/ports";
import { readConfigFile } from "../../src/workspace/config";
import {
  gateWorkspaceLayer,
  parseTrustList,
  readTrustList,
  sha256Hex,
  trustStateOf,
  withoutTrust,
  withTrust,
  writeTrustList,
} from "../../src/workspace/trust";
import { tempDir, writeFiles } from "../helpers/workspace";

const HASH_A = "a".repeat(64);
const HASH_B = "b".repeat(64);
const list = { entries: [{ path: "/w/.plandash/config.json", sha256: HASH_A, trustedAt: "t" }] };

describe("trust list (pure)", () => {
  test.each([
    ["/w/.plandash/config.json", HASH_A, "trusted"],
    ["/w/.plandash/config.json", HASH_B, "changed"],
    ["/other/.plandash/config.json", HASH_A, "untrusted"],
  ])("%p with hash %p is %p", (file, hash, state) => {
    expect(trustStateOf(list, file, hash)).toBe(state as never);
  });

  test("trusting again replaces the entry of that path; revoking removes it", () => {
    const again = withTrust(list, { path: "/w/.plandash/config.json", sha256: HASH_B, trustedAt: "u" });
    expect(again.entries).toEqual([{ path: "/w/.plandash/config.json", sha256: HASH_B, trustedAt: "u" }]);
    expect(withoutTrust(again, "/w/.plandash/config.json").entries).toEqual([]);
  });

  test.each([["not json"], ['{"files": "x"}'], ['{"files": [{"path": "/a", "sha256": "short"}]}'], ["[1]"]])("%p is not a trust list", (text) => {
    expect(parseTrustList(text)).toBeNull();
  });
});

describe("trust list on disk", () => {
  test("written whole through a temp file and read back; a missing list is empty", () => {
    const dir = tempDir();
    const file = path.join(dir, "plandash", "trusted.json");
    expect(readTrustList(realFs, file).entries).toEqual([]);
    writeTrustList(realFs, file, list, "1-2");
    expect(readTrustList(realFs, file)).toEqual(list);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["trusted.json"]);
  });

  test("a broken list is ECONFIG naming it", () => {
    const dir = tempDir();
    writeFiles(dir, { "trusted.json": "{" });
    expect(() => readTrustList(realFs, path.join(dir, "trusted.json"))).toThrow("not a plandash trust list");
  });

  test("a failed rename leaves no temp file behind", () => {
    const dir = tempDir();
    const failing: FsPort = { ...realFs, rename: () => { throw Object.assign(new Error("EACCES"), { code: "EACCES" }); } };
    expect(() => writeTrustList(failing, path.join(dir, "trusted.json"), list, "x")).toThrow("cannot write the trust list (EACCES)");
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("gating the workspace layer", () => {
  function setup(config: object) {
    const dir = tempDir();
    writeFiles(dir, { "ws/.plandash/config.json": JSON.stringify(config) });
    const file = path.join(dir, "ws", ".plandash", "config.json");
    const layer = readConfigFile(realFs, file);
    if (layer === null) throw new Error("no layer");
    return { env: { XDG_CONFIG_HOME: path.join(dir, "xdg") }, listFile: path.join(dir, "xdg", "plandash", "trusted.json"), file, layer };
  }

  test("untrusted: the command keys are dropped, the rest applies", () => {
    const s = setup({ agentCommand: "rm -rf ~", editor: "vim", debounce: 5 });
    const gated = gateWorkspaceLayer(realFs, s.env, s.layer);
    expect(gated.layer.values).toEqual({ debounce: 5 });
    expect(gated.trust).toMatchObject({ state: "untrusted", commands: [{ key: "agentCommand", command: "rm -rf ~" }, { key: "editor", command: "vim" }] });
  });

  test("trusted at this content: everything applies; the hash is of the bytes read", () => {
    const s = setup({ agentCommand: "claude {prompt}" });
    expect(s.layer.sha256).toBe(sha256Hex(fs.readFileSync(s.file)));
    writeTrustList(realFs, s.listFile, { entries: [{ path: s.file, sha256: s.layer.sha256 ?? "", trustedAt: "t" }] }, "1");
    expect(gateWorkspaceLayer(realFs, s.env, s.layer).layer.values).toEqual({ agentCommand: "claude {prompt}" });
  });

  test("a broken trust list trusts nothing and says why, without failing the command", () => {
    const s = setup({ editor: "vim" });
    writeFiles(path.dirname(s.listFile), { "trusted.json": "garbage" });
    const gated = gateWorkspaceLayer(realFs, s.env, s.layer);
    expect(gated.layer.values).toEqual({});
    expect(gated.trust.listProblem).toContain("not a plandash trust list");
  });
});
