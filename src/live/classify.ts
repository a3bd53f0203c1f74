/**
 * A hint path → the work it calls for: re-read a plan, re-scan a folder for plan directories
 * (SPEC §4 "structural changes"), or nothing. Pure; the caller says which plan ids exist.
 */
import { planFileName } from "../core/file-roles";
import { isSkippedName } from "../workspace/scan";

export interface HintWork {
  /** Plan to re-read. */
  readonly plan: string | null;
  /** Folder (relative to the root, "." the root) whose subtree may have gained or lost plans. */
  readonly scope: string | null;
}

/** Folders a plan keeps its documents in (never scanned for plans). `documentation/` is not read at all. */
const READ_FOLDERS = new Set(["subplans", "execution"]);
const IGNORED_FOLDERS = new Set(["documentation"]);

export function normaliseHintPath(p: string): string {
  const parts = p.split(/[\\/]+/).filter((s) => s !== "" && s !== ".");
  return parts.length === 0 ? "." : parts.join("/");
}

export function depthOf(rel: string): number {
  return rel === "." ? 0 : rel.split("/").length;
}

function parentOf(rel: string): string {
  const i = rel.lastIndexOf("/");
  return i < 0 ? "." : rel.slice(0, i);
}

export function isUnder(rel: string, scope: string): boolean {
  return scope === "." || rel === scope || rel.startsWith(`${scope}/`);
}

export function classifyHint(rawPath: string, isPlan: (id: string) => boolean, maxDepth: number): HintWork | null {
  const rel = normaliseHintPath(rawPath);
  if (rel === ".") return { plan: isPlan(".") ? "." : null, scope: "." };
  const segments = rel.split("/");
  // SPEC §1.2 skip rules: hidden names and node_modules are never plans nor plan documents.
  if (segments.some(isSkippedName)) return null;

  let owner: string | null = null;
  let ownerLength = 0;
  for (let k = segments.length; k >= 1; k--) {
    const id = segments.slice(0, k).join("/");
    if (isPlan(id)) {
      owner = id;
      ownerLength = k;
      break;
    }
  }
  if (owner === null && isPlan(".")) owner = ".";
  const rest = segments.slice(ownerLength);
  const scopeFor = (s: string): string | null => (depthOf(s) <= maxDepth ? s : null);
  const base = segments[segments.length - 1] ?? "";

  if (owner !== null) {
    const first = rest[0];
    // The plan folder itself appeared, vanished or was renamed.
    if (first === undefined) return { plan: owner, scope: scopeFor(owner) };
    if (IGNORED_FOLDERS.has(first)) return null;
    if (READ_FOLDERS.has(first)) return { plan: owner, scope: null };
    if (rest.length === 1) {
      // A PLAN file came, went or was replaced: the folder's plan files (and so the plan) may change.
      if (planFileName(first) !== null) return { plan: owner, scope: scopeFor(owner) };
      if (first === "parallel.json") return { plan: owner, scope: null };
      // Any other entry: maybe a new folder that will hold a nested plan.
      return { plan: owner, scope: scopeFor(rel) };
    }
  }
  if (planFileName(base) !== null) return { plan: null, scope: scopeFor(parentOf(rel)) };
  return { plan: null, scope: scopeFor(rel) };
}

/** Drops scopes inside another scope of the set. */
export function outermostScopes(scopes: Iterable<string>): string[] {
  const sorted = [...new Set(scopes)].sort((a, b) => depthOf(a) - depthOf(b));
  const kept: string[] = [];
  for (const s of sorted) if (!kept.some((k) => isUnder(s, k))) kept.push(s);
  return kept;
}
