/**
 * End-to-end (SPEC §8): a cloned repository cannot run commands. `agentCommand` / `editor` in the
 * workspace config apply only after `plandash trust`, and only while the file is unchanged.
 */
import { describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { runCli, type CliResult } from "../helpers/run-cli";
import { planDir, tempDir, writeFiles } from "../helpers/workspace";

interface Clone {
  readonly root: string;
  readonly home: string;
  readonly config: string;
  readonly marker: string;
  cli(args: readonly string[]): Promise<CliResult>;
}

/** A "cloned repository" in a folder with a space, whose workspace config runs a command. */
function clone(): Clone {
  const base = tempDir("plandash-trust-");
  const root = path.join(base, "my repo", "work-space", "plans");
  const marker = path.join(base, "agent-ran");
  writeFiles(path.join(root, "ALPHA"), planDir("ALPHA", { index: ["1.1 First"] }));
  const config = path.join(root, ".plandash", "config.json");
  writeFiles(root, { ".plandash/config.json": JSON.stringify({ agentCommand: `touch '${marker}'` }) });
  const home = tempDir("plandash-home-");
  return {
    root,
    home,
    config,
    marker,
    cli: (args) => runCli([...args, "--root", root], { home, env: { EDITOR: "", VISUAL: "" } }),
  };
}

const TRUST_HINT = "plandash trust --root '";

describe("plandash trust", () => {
  test("untrusted: the workspace's agentCommand does not run and the warning says how to trust", async () => {
    const c = clone();
    const r = await c.cli(["next", "--run"]);
    expect(fs.existsSync(c.marker)).toBe(false);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`${c.config} sets agentCommand`);
    expect(r.stderr).toContain(`${TRUST_HINT}${c.root}'`);
  });

  test("after trust it runs; after an edit it is untrusted again; --revoke removes the trust", async () => {
    const c = clone();
    const userConfig = path.join(c.home, ".config", "plandash", "config.json");
    writeFiles(c.home, { ".config/plandash/config.json": '{ "watch": "auto" }\n' });

    const trusted = await c.cli(["trust"]);
    expect(trusted.exitCode).toBe(0);
    expect(trusted.stdout).toContain(`Trusted ${c.config}`);
    expect(trusted.stdout).toContain(`agentCommand: touch '${c.marker}'`);
    expect(trusted.stderr).toBe("");
    // The user's own config is never rewritten: trust lives in a file of its own.
    expect(fs.readFileSync(userConfig, "utf8")).toBe('{ "watch": "auto" }\n');
    const store = JSON.parse(fs.readFileSync(path.join(c.home, ".config", "plandash", "trusted.json"), "utf8"));
    expect(store.files).toEqual([expect.objectContaining({ path: fs.realpathSync(c.config) })]);

    const ran = await c.cli(["next", "--run"]);
    expect(ran.stderr).not.toContain("trust");
    expect(ran.exitCode).toBe(0);
    expect(fs.existsSync(c.marker)).toBe(true);
    expect((await c.cli(["doctor"])).stdout).toMatch(/trust +.*trusted: agentCommand applies/);

    fs.rmSync(c.marker);
    fs.writeFileSync(c.config, JSON.stringify({ agentCommand: `touch '${c.marker}'; echo changed` }));
    const edited = await c.cli(["next", "--run"]);
    expect(fs.existsSync(c.marker)).toBe(false);
    expect(edited.exitCode).toBe(1);
    expect(edited.stderr).toContain("changed since you trusted it");
    expect(edited.stderr).toContain(TRUST_HINT);
    expect((await c.cli(["doctor"])).stdout).toMatch(/trust +.*changed since trusted: agentCommand ignored/);

    expect((await c.cli(["trust"])).exitCode).toBe(0);
    expect(JSON.parse((await c.cli(["doctor", "--json"])).stdout).trust).toMatchObject({ state: "trusted", commands: ["agentCommand"] });
    const revoked = await c.cli(["trust", "--revoke"]);
    expect(revoked.exitCode).toBe(0);
    expect(revoked.stdout).toContain("No longer trusted");
    const after = await c.cli(["next", "--run"]);
    expect(after.exitCode).toBe(1);
    expect(fs.existsSync(c.marker)).toBe(false);
    expect((await c.cli(["doctor"])).stdout).toMatch(/trust +.*not trusted: agentCommand ignored/);
  });

  test("the workspace's editor is ignored too until trusted; the user config's commands always apply", async () => {
    const c = clone();
    const opened = path.join(path.dirname(c.marker), "opened");
    fs.writeFileSync(c.config, JSON.stringify({ editor: `touch '${opened}'; true` }));
    const r = await c.cli(["open", "ALPHA"]);
    expect(r.exitCode).toBe(0);
    expect(fs.existsSync(opened)).toBe(false);
    expect(r.stderr).toContain("sets editor");

    const userMarker = path.join(path.dirname(c.marker), "user-agent-ran");
    writeFiles(c.home, { ".config/plandash/config.json": JSON.stringify({ agentCommand: `touch '${userMarker}'` }) });
    expect((await c.cli(["next", "--run"])).exitCode).toBe(0);
    expect(fs.existsSync(userMarker)).toBe(true);
  });

  test("trust without a workspace config refuses and writes nothing", async () => {
    const c = clone();
    fs.rmSync(c.config);
    const r = await c.cli(["trust"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("nothing to trust");
    expect(fs.existsSync(path.join(c.home, ".config", "plandash", "trusted.json"))).toBe(false);
  });
});
