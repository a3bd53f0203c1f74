/**
 * The store owns the current WorkspaceState. It never trusts an event: callers tell it where
 * something may have changed (plan ids, folders to re-scan) or ask it to compare stat
 * signatures, and it re-reads through the same scanWorkspace/loadPlan as `status`, diffs, and
 * publishes only real differences. State objects are replaced, never mutated.
 */
import * as path from "node:path";
import { diffPlans, EMPTY_DIFF, isEmptyDiff, type PlansDiff } from "../core/diff";
import { choosePlanFile, joinRel } from "../core/plan";
import type { Plan, WorkspaceState } from "../core/types";
import type { Clock, FsPort } from "../ports";
import { comparePlans } from "../core/ids";
import { loadPlan } from "../workspace/load";
import { relistPlanDir, scanWorkspace, type PlanDir, type ScanProblem } from "../workspace/scan";
import type { LinkedDir } from "./backend";
import { depthOf, isUnder, outermostScopes } from "./classify";
import { signatureMoved, signaturePaths, stampText, takeSignature, type Signature } from "./signature";

const MS_PER_DAY = 86_400_000;

/** Why a change was published: first load, a watch event, a poll tick or safety-net check, a refresh, or time alone (staleness). */
export type UpdateCause = "load" | "hint" | "check" | "refresh" | "stale";

export interface StoreUpdate {
  readonly state: WorkspaceState;
  readonly diff: PlansDiff;
  readonly cause: UpdateCause;
}

export type StoreListener = (update: StoreUpdate) => void;

/** What one reconcile did, for the engine (errors, root loss) and for debug logs. */
export interface Reconcile {
  readonly diff: PlansDiff;
  readonly problems: readonly ScanProblem[];
  readonly rootMissing: boolean;
  readonly reread: number;
  /** Paths stat'ed on the way (folder stamps, signatures): what a poll check costs (SPEC §4 budget). */
  readonly statted: number;
}

export interface StoreOptions {
  readonly fs: FsPort;
  readonly clock: Clock;
  /** Absolute plans root. */
  readonly root: string;
  readonly maxDepth: number;
  readonly staleExecutionDays: number;
}

export interface Work {
  readonly plans: Iterable<string>;
  readonly scopes: Iterable<string>;
}

export interface Store {
  readonly state: WorkspaceState;
  isPlan(id: string): boolean;
  subscribe(listener: StoreListener): () => void;
  /** Reads the whole workspace (first load, manual refresh): every plan is re-read. */
  reloadAll(cause: "load" | "refresh"): Reconcile;
  /** Re-scans the given folders for plan directories and re-reads the given plans. */
  apply(work: Work, cause: UpdateCause): Reconcile;
  /** Compares stat signatures (poll tick, safety net); `structural` also re-walks the whole tree. */
  check(structural: boolean): Reconcile;
  /** When the next `stale` flag turns on with no file changing (+Infinity: none will). */
  nextStaleAt(): number;
  /** Re-reads the plans whose staleness is due (cause "stale"). */
  recheckStale(): Reconcile;
  /** Folders reached through a symlink, which a recursive fs.watch does not follow. */
  linkedDirs(): readonly LinkedDir[];
  /** Directories walked by the last scans (what a recursive watch needs inotify watches for). */
  walkedCount(): number;
}

interface Entry {
  readonly dir: PlanDir;
  readonly plan: Plan;
  readonly signature: Signature;
  /** When `stale` of some achievement flips without any file changing. */
  readonly staleAt: number;
}

interface Walked {
  readonly abs: string;
  readonly stamp: string;
  readonly viaLink: boolean;
}

export function createStore(options: StoreOptions): Store {
  const { fs, clock, root, maxDepth, staleExecutionDays } = options;
  /** Every stat of the store, counted: a poll check says how many files it looked at. */
  let statCount = 0;
  const stat = (abs: string) => {
    statCount++;
    return fs.statOrNull(abs);
  };
  const entries = new Map<string, Entry>();
  /** Walked folders by id (relative path), with the stamp they had when listed. */
  const walked = new Map<string, Walked>();
  const listeners = new Set<StoreListener>();
  let state: WorkspaceState = { root, plans: [], scannedAt: clock.now() };

  const staleAtOf = (plan: Plan): number => {
    let at = Number.POSITIVE_INFINITY;
    for (const a of plan.achievements) {
      if (a.status !== "in-progress" || a.stale) continue;
      let newest = Number.NEGATIVE_INFINITY;
      for (const e of a.executions) if (e.mtimeMs !== null && e.mtimeMs > newest) newest = e.mtimeMs;
      if (Number.isFinite(newest)) at = Math.min(at, newest + staleExecutionDays * MS_PER_DAY);
    }
    return at;
  };

  const read = (dir: PlanDir): Entry => {
    const startedAt = clock.now();
    const plan = loadPlan(fs, dir, { nowMs: startedAt, staleExecutionDays });
    const planFile = choosePlanFile(path.basename(dir.absDir), dir.planFiles) ?? dir.planFiles[0] ?? "";
    const signature = takeSignature(stat, signaturePaths(root, dir.absDir, planFile, plan), startedAt);
    return { dir, plan, signature, staleAt: staleAtOf(plan) };
  };

  /** The plan folder listed now (PlanDir carries a snapshot of its entries). */
  const relist = (dir: PlanDir): PlanDir | null => {
    try {
      return relistPlanDir(fs, dir.id, dir.absDir);
    } catch {
      // ENOENT / ENOTDIR: the folder is gone; the caller re-scans around it.
      return null;
    }
  };

  const signatureChanged = (e: Entry): boolean => e.signature.racy || clock.now() > e.staleAt || signatureMoved(stat, e.signature);

  /** Scans `scope` for plan directories; the scan says which folders it listed (and which through a link). */
  const scanScope = (scope: string): { dirs: PlanDir[]; problems: ScanProblem[]; walkedHere: Map<string, Walked>; sawLink: boolean } => {
    const absScope = scope === "." ? root : path.join(root, scope);
    const walkedHere = new Map<string, Walked>();
    const s = stat(absScope);
    if (s === null || s.kind !== "dir") {
      const problems: ScanProblem[] = scope === "." ? [{ path: ".", code: "ENOENT" }] : [];
      return { dirs: [], problems, walkedHere, sawLink: false };
    }
    const result = scanWorkspace(fs, absScope, maxDepth - depthOf(scope));
    // The scope itself may be the link (its parent's listing was not part of this scan).
    let scopeViaLink = false;
    if (scope !== ".") {
      try {
        scopeViaLink = fs.realPath(absScope) !== path.join(fs.realPath(path.dirname(absScope)), path.basename(absScope));
      } catch {
        // ENOENT: removed while we looked; the next hint re-scans it.
      }
    }
    let sawLink = false;
    for (const f of result.folders) {
      const viaLink = f.viaLink || (f.rel === "." && scopeViaLink);
      sawLink ||= viaLink;
      walkedHere.set(joinRel(scope, f.rel), { abs: f.abs, stamp: stampText(f.stamp), viaLink });
    }
    const dirs = result.planDirs.map((d) => ({ ...d, id: joinRel(scope, d.id) }));
    const problems = result.problems.map((p) => ({ ...p, path: joinRel(scope, p.path) }));
    return { dirs, problems, walkedHere, sawLink };
  };

  /** Where each plan sits in `state.plans`; rebuilt only after plans came or went. */
  let indexById: Map<string, number> | null = null;

  /**
   * The next plan list: changed plans replaced in place (a copy of the list and one write each:
   * SPEC §4, work proportional to what changed), removed ones dropped and added ones inserted
   * where they sort; never a full re-sort.
   */
  const nextPlans = (diff: PlansDiff): Plan[] => {
    if (diff.added.length === 0 && diff.removed.length === 0) {
      indexById ??= new Map(state.plans.map((p, i) => [p.id, i] as const));
      const plans = state.plans.slice();
      for (const c of diff.changed) {
        const i = indexById.get(c.after.id);
        if (i !== undefined) plans[i] = c.after;
      }
      return plans;
    }
    indexById = null;
    const changed = new Map(diff.changed.map((c) => [c.after.id, c.after] as const));
    const removed = new Set(diff.removed.map((p) => p.id));
    const plans = state.plans.filter((p) => !removed.has(p.id)).map((p) => changed.get(p.id) ?? p);
    for (const plan of diff.added) {
      let lo = 0;
      let hi = plans.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (comparePlans(plans[mid] as Plan, plan) < 0) lo = mid + 1;
        else hi = mid;
      }
      plans.splice(lo, 0, plan);
    }
    return plans;
  };

  /** The earliest staleAt of all entries, kept as entries change (recomputed only when the earliest one goes). */
  let earliestStale: number | null = Number.POSITIVE_INFINITY;
  const setEntry = (id: string, e: Entry | null): void => {
    const old = entries.get(id);
    if (old !== undefined && earliestStale !== null && old.staleAt <= earliestStale && Number.isFinite(old.staleAt)) earliestStale = null;
    if (e === null) entries.delete(id);
    else {
      entries.set(id, e);
      if (earliestStale !== null && e.staleAt < earliestStale) earliestStale = e.staleAt;
    }
  };

  /**
   * `changes` holds only what this reconcile touched (an entry, or null for a plan that is gone);
   * every other entry stays as it is. The diff and the new plan list are built from the changes
   * alone, so a one-file change costs the same with 10 plans as with 1,000.
   */
  const publish = (changes: Map<string, Entry | null>, cause: UpdateCause, problems: ScanProblem[], rootMissing: boolean, reread: number, statsBefore: number): Reconcile => {
    const statted = statCount - statsBefore;
    const before: Plan[] = [];
    const after: Plan[] = [];
    for (const [id, e] of changes) {
      const old = entries.get(id);
      if (e === null) {
        if (old !== undefined) before.push(old.plan);
      } else if (old === undefined || old.plan !== e.plan) {
        after.push(e.plan);
        if (old !== undefined) before.push(old.plan);
      }
    }
    // Display order (SPEC §1.2), so several changes of one batch are told in the order they are shown.
    after.sort(comparePlans);
    before.sort(comparePlans);
    const diff = diffPlans(before, after);
    const changedIds = new Set(diff.changed.map((c) => c.after.id));
    for (const [id, e] of changes) {
      const old = entries.get(id);
      // A re-read that changed nothing keeps the old object: unchanged means identical.
      setEntry(id, e !== null && old !== undefined && old.plan !== e.plan && !changedIds.has(id) ? { ...e, plan: old.plan } : e);
    }
    if (isEmptyDiff(diff)) return { diff: EMPTY_DIFF, problems, rootMissing, reread, statted };
    state = { root, plans: nextPlans(diff), scannedAt: clock.now() };
    const update: StoreUpdate = { state, diff, cause };
    for (const l of [...listeners]) l(update);
    return { diff, problems, rootMissing, reread, statted };
  };

  /** Linked folders (for the fs backend), recomputed only when the walked folders changed. */
  let linked: readonly LinkedDir[] | null = null;

  /** The heart of every reconcile: scopes re-scanned, then plans re-read, then one publish. */
  const reconcile = (scopesIn: Iterable<string>, plansIn: Iterable<string>, mode: "all" | "listed" | "signature", cause: UpdateCause, statsBefore = statCount): Reconcile => {
    const scopes = outermostScopes(scopesIn);
    const changes = new Map<string, Entry | null>();
    const current = (id: string): Entry | undefined => (changes.has(id) ? (changes.get(id) ?? undefined) : entries.get(id));
    /** Ids of the plans as they stand in this reconcile (entries with the changes on top). */
    const currentIds = (): string[] => [...new Set([...entries.keys(), ...changes.keys()])].filter((id) => current(id) !== undefined);
    const toRead = new Set<string>(mode === "all" ? [] : plansIn);
    const problems: ScanProblem[] = [];
    let rootMissing = false;
    let reread = 0;
    const applyScope = (scope: string): boolean => {
      const found = scanScope(scope);
      // A link inside the scope may duplicate a plan seen elsewhere; only a whole walk knows which path wins.
      if (found.sawLink && scope !== ".") return false;
      problems.push(...found.problems);
      if (scope === "." && found.problems.some((p) => p.path === "." && p.code === "ENOENT")) rootMissing = true;
      for (const id of [...walked.keys()]) if (isUnder(id, scope)) walked.delete(id);
      for (const [id, w] of found.walkedHere) walked.set(id, w);
      linked = null;
      const foundIds = new Set(found.dirs.map((d) => d.id));
      for (const id of currentIds()) if (isUnder(id, scope) && !foundIds.has(id)) changes.set(id, null);
      for (const dir of found.dirs) {
        const old = current(dir.id);
        const samePlanFiles = old !== undefined && old.dir.absDir === dir.absDir && old.dir.planFiles.join("\0") === dir.planFiles.join("\0");
        if (mode === "all" || !samePlanFiles || signatureChanged(old)) {
          changes.set(dir.id, read(dir));
          reread++;
          toRead.delete(dir.id);
        } else {
          changes.set(dir.id, { ...old, dir });
        }
      }
      return true;
    };
    for (const scope of scopes) {
      if (!applyScope(scope)) {
        applyScope(".");
        break;
      }
    }
    if (mode === "signature") {
      for (const id of currentIds()) {
        const e = current(id);
        if (e !== undefined && !scopes.some((s) => isUnder(id, s)) && signatureChanged(e)) toRead.add(id);
      }
    }
    for (const id of toRead) {
      const e = current(id);
      if (e === undefined) continue;
      const dir = relist(e.dir);
      if (dir === null) {
        if (!applyScope(id)) applyScope(".");
        continue;
      }
      changes.set(id, read(dir));
      reread++;
    }
    return publish(changes, cause, problems, rootMissing, reread, statsBefore);
  };

  return {
    get state() {
      return state;
    },
    isPlan: (id) => entries.has(id),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    reloadAll: (cause) => reconcile(["."], [], "all", cause),
    apply: (work, cause) => reconcile(work.scopes, work.plans, "listed", cause),
    check(structural) {
      const statsBefore = statCount;
      const scopes: string[] = structural ? ["."] : [];
      if (!structural) {
        for (const [id, w] of walked) if (stampText(stat(w.abs)) !== w.stamp) scopes.push(id);
        if (walked.size === 0) scopes.push(".");
      }
      return reconcile(scopes, [], "signature", "check", statsBefore);
    },
    nextStaleAt() {
      if (earliestStale === null) {
        earliestStale = Number.POSITIVE_INFINITY;
        for (const e of entries.values()) if (e.staleAt < earliestStale) earliestStale = e.staleAt;
      }
      return earliestStale;
    },
    recheckStale() {
      const now = clock.now();
      const due = [...entries].filter(([, e]) => now > e.staleAt).map(([id]) => id);
      return reconcile([], due, "listed", "stale");
    },
    linkedDirs() {
      if (linked === null) {
        const out: LinkedDir[] = [];
        for (const [rel, w] of walked) if (w.viaLink && ![...walked].some(([r2, w2]) => w2.viaLink && r2 !== rel && isUnder(rel, r2))) out.push({ abs: w.abs, rel });
        linked = out;
      }
      return linked;
    },
    walkedCount: () => walked.size,
  };
}
