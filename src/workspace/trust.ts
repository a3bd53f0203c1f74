/**
 * Trusting a workspace config (SPEC §8). `agentCommand` and `editor` run commands, and a workspace
 * config arrives with a cloned repository, so from there they apply only once the user trusted that
 * file: its real path and the sha256 of its content are on the trust list, and any edit withdraws
 * the trust until it is given again (as `direnv allow` does).
 *
 * The list is a file of its own, `$XDG_CONFIG_HOME/plandash/trusted.json`, written only by
 * `plandash trust`: the user's config.json is never rewritten.
 */
import * as path from "node:path";
import type { Env, FsPort } from "../ports";
import { isPlandashError, osErrorCode, PlandashError } from "../util/errors";
import type { ConfigLayer } from "./config";

/** The config keys whose values are command lines plandash runs. */
export const COMMAND_KEYS = ["agentCommand", "editor"] as const;
export type CommandKey = (typeof COMMAND_KEYS)[number];

export const TRUST_LIST_SCHEMA = "plandash.trusted/1";
const TRUST_LIST_CAP_BYTES = 1024 * 1024;

export interface TrustEntry {
  /** Real path of the workspace config file. */
  readonly path: string;
  readonly sha256: string;
  readonly trustedAt: string;
}

export interface TrustList {
  readonly entries: readonly TrustEntry[];
}

/** `changed`: that path was trusted with other content. */
export type TrustState = "trusted" | "untrusted" | "changed";

export interface WorkspaceTrust {
  /** The workspace config file, as found under the plans root. */
  readonly file: string;
  readonly realPath: string;
  readonly sha256: string;
  readonly state: TrustState;
  /** The command keys this file sets, with their command lines. */
  readonly commands: readonly { readonly key: CommandKey; readonly command: string }[];
  /** Why the trust list could not be read (then nothing is trusted), else null. */
  readonly listProblem: string | null;
}

export function sha256Hex(bytes: Uint8Array): string {
  // Bun's native hasher: node:crypto would be loaded (and cost every command) just for this.
  return new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
}

export function trustListPath(env: Env): string | null {
  if (env.XDG_CONFIG_HOME) return path.join(env.XDG_CONFIG_HOME, "plandash", "trusted.json");
  if (env.HOME) return path.join(env.HOME, ".config", "plandash", "trusted.json");
  return null;
}

/** Pure: the list file's text → entries; null when it is not a plandash trust list. */
export function parseTrustList(text: string): TrustList | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // SyntaxError: not JSON; the caller says which file and how to fix it.
    return null;
  }
  if (typeof raw !== "object" || raw === null || !Array.isArray((raw as { files?: unknown }).files)) return null;
  const entries: TrustEntry[] = [];
  for (const e of (raw as { files: unknown[] }).files) {
    if (typeof e !== "object" || e === null) return null;
    const { path: p, sha256, trustedAt } = e as Record<string, unknown>;
    if (typeof p !== "string" || typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256)) return null;
    entries.push({ path: p, sha256, trustedAt: typeof trustedAt === "string" ? trustedAt : "" });
  }
  return { entries };
}

export function serializeTrustList(list: TrustList): string {
  return `${JSON.stringify({ schema: TRUST_LIST_SCHEMA, files: list.entries }, null, 2)}\n`;
}

/** A missing list is an empty one; one that cannot be read or parsed is ECONFIG naming it. */
export function readTrustList(fs: FsPort, file: string): TrustList {
  let text: string;
  try {
    text = new TextDecoder().decode(fs.readFile(file, TRUST_LIST_CAP_BYTES).bytes);
  } catch (error) {
    const code = osErrorCode(error);
    if (code === "ENOENT" || code === "ENOTDIR") return { entries: [] };
    throw new PlandashError("ECONFIG", `cannot read the trust list (${code ?? "EIO"})`, { where: file, hint: "check its permissions", cause: error });
  }
  const list = parseTrustList(text);
  if (list === null) {
    throw new PlandashError("ECONFIG", "the trust list is not a plandash trust list", { where: file, hint: "delete it and trust your workspaces again" });
  }
  return list;
}

/** Write a temp file beside it, then rename over it: a reader sees the old list or the new one, never half. */
export function writeTrustList(fs: FsPort, file: string, list: TrustList, unique: string): void {
  const temp = `${file}.${unique}.tmp`;
  try {
    fs.mkdirp(path.dirname(file));
    fs.writeExclusive(temp, serializeTrustList(list));
    try {
      fs.rename(temp, file);
    } catch (error) {
      fs.removeTree(temp); // our own temp file, written just above
      throw error;
    }
  } catch (error) {
    if (isPlandashError(error)) throw error;
    throw new PlandashError("EIO", `cannot write the trust list (${osErrorCode(error) ?? "EIO"})`, {
      where: file,
      hint: "check that the folder is writable",
      cause: error,
    });
  }
}

/** Pure. */
export function trustStateOf(list: TrustList, realPath: string, sha256: string): TrustState {
  const mine = list.entries.filter((e) => e.path === realPath);
  if (mine.some((e) => e.sha256 === sha256)) return "trusted";
  return mine.length > 0 ? "changed" : "untrusted";
}

/** Pure: the list with this file trusted at this content (one entry per path). */
export function withTrust(list: TrustList, entry: TrustEntry): TrustList {
  return { entries: [...list.entries.filter((e) => e.path !== entry.path), entry] };
}

/** Pure. */
export function withoutTrust(list: TrustList, realPath: string): TrustList {
  return { entries: list.entries.filter((e) => e.path !== realPath) };
}

/**
 * The workspace layer as it may apply: the command keys stay only when the file is trusted at
 * its current content. Reading the list never fails a command; a broken list trusts nothing.
 */
export function gateWorkspaceLayer(fs: FsPort, env: Env, layer: ConfigLayer): { layer: ConfigLayer; trust: WorkspaceTrust } {
  const commands = COMMAND_KEYS.flatMap((key) => {
    const command = layer.values[key];
    return typeof command === "string" ? [{ key, command }] : [];
  });
  let realPath = layer.file;
  try {
    realPath = fs.realPath(layer.file);
  } catch {
    // ENOENT: removed since it was read a moment ago; its path as found is the best name.
  }
  const sha256 = layer.sha256 ?? "";
  const listFile = trustListPath(env);
  let list: TrustList = { entries: [] };
  let listProblem: string | null = listFile === null ? "no HOME or XDG_CONFIG_HOME to keep a trust list in" : null;
  if (listFile !== null) {
    try {
      list = readTrustList(fs, listFile);
    } catch (error) {
      if (!isPlandashError(error)) throw error;
      listProblem = `${error.message} (${listFile})`;
    }
  }
  const state = sha256 === "" ? "untrusted" : trustStateOf(list, realPath, sha256);
  const trust: WorkspaceTrust = { file: layer.file, realPath, sha256, state, commands, listProblem };
  if (state === "trusted" || commands.length === 0) return { layer, trust };
  const values: Record<string, unknown> = { ...layer.values };
  for (const key of COMMAND_KEYS) delete values[key];
  return { layer: { ...layer, values }, trust };
}
