/**
 * Configuration (SPEC §8): flags > env > workspace config > user config > defaults.
 * Validation is pure; reading goes through the FsPort. The user's files are never written.
 */
import * as path from "node:path";
import { DEFAULT_STALE_EXECUTION_DAYS } from "../core/plan";
import type { Env, FsPort } from "../ports";
import { NOT_REGULAR, osErrorCode, PlandashError } from "../util/errors";
import { sha256Hex } from "./trust";

export type WatchMode = "auto" | "fs" | "poll" | "off";
export const WATCH_MODES: readonly WatchMode[] = ["auto", "fs", "poll", "off"];

/** SPEC §8 `notify`: how an achievement turning awaiting-review or needs-fix is signalled. */
export type NotifyMode = "off" | "bell" | "desktop";
export const NOTIFY_MODES: readonly NotifyMode[] = ["off", "bell", "desktop"];

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
  readonly notify: NotifyMode;
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
  notify: "off",
  agentCommand: null,
  editor: null,
};

/** The longest delay a timer can take (setTimeout clamps anything above to 1 ms and warns). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

interface NumberRule {
  readonly kind: "number";
  readonly unit: string;
  readonly min: number;
  /** `min` itself is not allowed (a value must be greater). */
  readonly minExclusive?: boolean;
  readonly max: number;
  readonly whole?: boolean;
}

type KeyRule = { readonly kind: "string" } | { readonly kind: "watch mode" } | { readonly kind: "one of"; readonly values: readonly string[] } | NumberRule;

const STRING: KeyRule = { kind: "string" };

/**
 * SPEC §8: intervals run as timers, so 1 ms … 2^31−1 ms; debounce may be 0 (changes go out on the
 * next tick). staleAfterMinutes is a timer too once the dashboard waits on it, so it has the same
 * ceiling in minutes. staleExecutionDays past ten years and a walk deeper than 16 levels are typos.
 */
const KEY_RULES: Readonly<Record<keyof Config, KeyRule>> = {
  root: STRING,
  watch: { kind: "watch mode" },
  pollInterval: { kind: "number", unit: "milliseconds", min: 1, max: MAX_TIMER_MS },
  rescanInterval: { kind: "number", unit: "milliseconds", min: 1, max: MAX_TIMER_MS },
  debounce: { kind: "number", unit: "milliseconds", min: 0, max: MAX_TIMER_MS },
  staleAfterMinutes: { kind: "number", unit: "minutes", min: 0, minExclusive: true, max: Math.floor(MAX_TIMER_MS / 60_000) },
  staleExecutionDays: { kind: "number", unit: "days", min: 0, max: 3650 },
  maxDepth: { kind: "number", unit: "folder levels", min: 0, max: 16, whole: true },
  agentCommand: STRING,
  editor: STRING,
  notify: { kind: "one of", values: NOTIFY_MODES },
};

function expected(rule: KeyRule): string {
  switch (rule.kind) {
    case "string":
      return "a non-empty string";
    case "watch mode":
      return `one of ${WATCH_MODES.map((m) => `"${m}"`).join(", ")}`;
    case "one of":
      return `one of ${rule.values.map((m) => `"${m}"`).join(", ")}`;
    case "number": {
      const what = `${rule.whole ? "a whole number" : "a number"} of ${rule.unit}`;
      return rule.minExclusive ? `${what} greater than ${rule.min} and at most ${rule.max}` : `${what} from ${rule.min} to ${rule.max}`;
    }
  }
}

function fits(rule: KeyRule, value: unknown): boolean {
  switch (rule.kind) {
    case "string":
      // An empty command or path would run or find nothing; say so now rather than later.
      return typeof value === "string" && value.trim() !== "";
    case "watch mode":
      return typeof value === "string" && (WATCH_MODES as readonly string[]).includes(value);
    case "one of":
      return typeof value === "string" && rule.values.includes(value);
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return false;
      if (rule.whole && !Number.isInteger(value)) return false;
      return (rule.minExclusive ? value > rule.min : value >= rule.min) && value <= rule.max;
  }
}

/** What the file holds, for the message. JSON.parse reads 1e400 as Infinity, which JSON.stringify would call null. */
function describeValue(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return "a number too large to represent";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export interface ConfigLayer {
  readonly file: string;
  readonly values: Partial<Config>;
  /** Unknown keys, said to the user as warnings. */
  readonly warnings: readonly string[];
  /** sha256 of the bytes these values were parsed from (readConfigFile), for `plandash trust`. */
  readonly sha256?: string;
}

/** Pure: a parsed JSON value → a validated layer, or ECONFIG naming the file, the key and the type. */
export function validateConfig(raw: unknown, file: string): ConfigLayer {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new PlandashError("ECONFIG", "config must be a JSON object", { where: file, hint: 'write it as {"key": value}' });
  }
  const values: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(KEY_RULES, key)) {
      warnings.push(`${file}: unknown config key "${key}" ignored (known: ${Object.keys(KEY_RULES).join(", ")})`);
      continue;
    }
    const rule = KEY_RULES[key as keyof Config];
    if (!fits(rule, value)) {
      throw new PlandashError("ECONFIG", `config key "${key}" must be ${expected(rule)}, got ${describeValue(value)}`, {
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
  let bytes: Uint8Array;
  try {
    bytes = fs.readFile(file, 1024 * 1024).bytes;
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
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new PlandashError("ECONFIG", `config is not valid JSON: ${(error as Error).message}`, {
      where: file,
      hint: "fix the JSON syntax",
      cause: error,
    });
  }
  return { ...validateConfig(raw, file), sha256: sha256Hex(bytes) };
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
