/**
 * Configuration (SPEC §8): flags > env > workspace config > user config > defaults.
 * Validation is pure; reading goes through the FsPort. The user's files are never written.
 */
import * as path from "node:path";
import { DEFAULT_STALE_EXECUTION_DAYS } from "../core/plan";
import type { Env, FsPort } from "../ports";
import { NOT_REGULAR, osErrorCode, PlandashError } from "../util/errors";

export type WatchMode = "auto" | "fs" | "poll" | "off";
export const WATCH_MODES: readonly WatchMode[] = ["auto", "fs", "poll", "off"];

export interface Config {
  readonly root: string | null;
  readonly watch: WatchMode;
  readonly pollInterval: number;
  readonly rescanInterval: number;
  readonly debounce: number;
  readonly staleAfterMinutes: number;
  readonly staleExecutionDays: number;
  readonly maxDepth: number;
  readonly agentCommand: string | null;
  readonly editor: string | null;
}

export const DEFAULT_CONFIG: Config = {
  root: null,
  watch: "auto",
  pollInterval: 1000,
  rescanInterval: 30_000,
  debounce: 10,
  staleAfterMinutes: 5,
  staleExecutionDays: DEFAULT_STALE_EXECUTION_DAYS,
  maxDepth: 3,
  agentCommand: null,
  editor: null,
};

type KeyType = "string" | "positive number" | "non-negative number" | "whole number" | "watch mode";

const KEY_TYPES: Readonly<Record<keyof Config, KeyType>> = {
  root: "string",
  watch: "watch mode",
  pollInterval: "positive number",
  rescanInterval: "positive number",
  debounce: "non-negative number",
  staleAfterMinutes: "positive number",
  staleExecutionDays: "non-negative number",
  maxDepth: "whole number",
  agentCommand: "string",
  editor: "string",
};

const EXPECTED: Readonly<Record<KeyType, string>> = {
  string: "a non-empty string",
  "positive number": "a number greater than 0",
  "non-negative number": "a number of 0 or more",
  "whole number": "a whole number of 0 or more",
  "watch mode": `one of ${WATCH_MODES.map((m) => `"${m}"`).join(", ")}`,
};

function fits(type: KeyType, value: unknown): boolean {
  switch (type) {
    case "string":
      // An empty command or path would run or find nothing; say so now rather than later.
      return typeof value === "string" && value.trim() !== "";
    case "positive number":
      return typeof value === "number" && Number.isFinite(value) && value > 0;
    case "non-negative number":
      return typeof value === "number" && Number.isFinite(value) && value >= 0;
    case "whole number":
      return typeof value === "number" && Number.isInteger(value) && value >= 0;
    case "watch mode":
      return typeof value === "string" && (WATCH_MODES as readonly string[]).includes(value);
  }
}

export interface ConfigLayer {
  readonly file: string;
  readonly values: Partial<Config>;
  /** Unknown keys, said to the user as warnings. */
  readonly warnings: readonly string[];
}

/** Pure: a parsed JSON value → a validated layer, or ECONFIG naming the file, the key and the type. */
export function validateConfig(raw: unknown, file: string): ConfigLayer {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new PlandashError("ECONFIG", "config must be a JSON object", { where: file, hint: 'write it as {"key": value}' });
  }
  const values: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(KEY_TYPES, key)) {
      warnings.push(`${file}: unknown config key "${key}" ignored (known: ${Object.keys(KEY_TYPES).join(", ")})`);
      continue;
    }
    const type = KEY_TYPES[key as keyof Config];
    if (!fits(type, value)) {
      throw new PlandashError("ECONFIG", `config key "${key}" must be ${EXPECTED[type]}, got ${JSON.stringify(value)}`, {
        where: file,
        hint: "fix the value or remove the key",
      });
    }
    values[key] = value;
  }
  return { file, values: values as Partial<Config>, warnings };
}

/** Reads one config file; null when it does not exist. */
export function readConfigFile(fs: FsPort, file: string): ConfigLayer | null {
  let text: string;
  try {
    text = new TextDecoder().decode(fs.readFile(file, 1024 * 1024).bytes);
  } catch (error) {
    const code = osErrorCode(error);
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    if (code === NOT_REGULAR) {
      // Not an OS refusal to pass over (no cause): a FIFO or device where the config belongs is a mistake to fix.
      throw new PlandashError("ECONFIG", "config is not a regular file (a FIFO, socket or device)", { where: file, hint: "replace it with a JSON file, or remove it" });
    }
    throw new PlandashError("ECONFIG", `cannot read config (${code ?? "EIO"})`, { where: file, hint: "check its permissions", cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PlandashError("ECONFIG", `config is not valid JSON: ${(error as Error).message}`, {
      where: file,
      hint: "fix the JSON syntax",
      cause: error,
    });
  }
  return validateConfig(raw, file);
}

export function userConfigPath(env: Env): string | null {
  if (env.XDG_CONFIG_HOME) return path.join(env.XDG_CONFIG_HOME, "plandash", "config.json");
  if (env.HOME) return path.join(env.HOME, ".config", "plandash", "config.json");
  return null;
}

export function workspaceConfigPath(plansRoot: string): string {
  return path.join(plansRoot, ".plandash", "config.json");
}

/** Settings that come from the environment (SPEC §8: env sits between flags and files). */
export function envLayer(env: Env): Partial<Config> {
  const values: { -readonly [K in keyof Config]?: Config[K] } = {};
  if (env.PLANDASH_ROOT) values.root = env.PLANDASH_ROOT;
  if (env.PLANDASH_POLL === "1") values.watch = "poll";
  return values;
}

export interface LoadedConfig {
  readonly config: Config;
  readonly files: readonly string[];
  readonly warnings: readonly string[];
}

/** Later layers win. */
export function mergeConfig(layers: readonly Partial<Config>[]): Config {
  const merged: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  }
  return merged as unknown as Config;
}
