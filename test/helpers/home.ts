/**
 * A HOME for a child under test: its user config (~/.config/plandash/config.json) and small
 * shell scripts standing in for the editor or the agent. Removed on dispose; pass `dir` as the
 * session's `home` (a session given a home leaves it to its owner).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "./workspace";

export interface TestHome extends AsyncDisposable {
  readonly dir: string;
  path(name: string): string;
  /** An executable /bin/sh script in HOME, one line each; returns its absolute path. */
  script(name: string, lines: readonly string[]): string;
  /** Writes the user config. */
  config(values: Record<string, unknown>): void;
  /** The text of a file in HOME, or null while it does not exist. */
  read(name: string): string | null;
}

export function testHome(): TestHome {
  const dir = tempDir("plandash-home-");
  const at = (name: string): string => path.join(dir, name);
  return {
    dir,
    path: at,
    script(name, lines) {
      const file = at(name);
      fs.writeFileSync(file, ["#!/bin/sh", ...lines, ""].join("\n"), { mode: 0o755 });
      return file;
    },
    config(values) {
      fs.mkdirSync(at(".config/plandash"), { recursive: true });
      fs.writeFileSync(at(".config/plandash/config.json"), JSON.stringify(values));
    },
    read: (name) => (fs.existsSync(at(name)) ? fs.readFileSync(at(name), "utf8") : null),
    async [Symbol.asyncDispose]() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
