/**
 * parallel.json → the ready set and dependency layers (SPEC §2.2). Unknown ids and cycles are
 * warnings; nothing here can throw or loop forever on bad input.
 */
import type { AchievementStatus, Parallel, Warning } from "./types";

export interface ParallelResult {
  readonly parallel: Parallel | null;
  readonly warnings: readonly Warning[];
}

interface Entry {
  readonly id: string;
  readonly dependencies: readonly string[];
}

export interface ParsedEntries {
  readonly entries: readonly Entry[];
  /** One line per entry that could not be used, naming it by index (SPEC §2.2 `parallel-invalid`). */
  readonly problems: readonly string[];
}

/** null when the text is not JSON with an `achievements[]` list; else the usable entries and the problems. */
export function parseParallelEntries(text: string): ParsedEntries | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // SyntaxError: a malformed parallel.json is ignored (SPEC §2.2).
    return null;
  }
  if (typeof doc !== "object" || doc === null || !Array.isArray((doc as { achievements?: unknown }).achievements)) {
    return null;
  }
  const entries: Entry[] = [];
  const problems: string[] = [];
  (doc as { achievements: unknown[] }).achievements.forEach((raw, index) => {
    const at = `parallel.json achievements[${index}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      problems.push(`${at} is not an object; ignored`);
      return;
    }
    const r = raw as { achievement_id?: unknown; id?: unknown; dependencies?: unknown };
    const id = typeof r.achievement_id === "string" ? r.achievement_id : typeof r.id === "string" ? r.id : null;
    if (id === null) {
      problems.push(`${at} has no string "achievement_id" or "id"; ignored`);
      return;
    }
    if (r.dependencies === undefined) {
      entries.push({ id, dependencies: [] });
      return;
    }
    if (!Array.isArray(r.dependencies)) {
      problems.push(`${at} (${id}): dependencies is not a list; ignored`);
      return;
    }
    const deps: string[] = [];
    r.dependencies.forEach((d: unknown, i) => {
      if (typeof d === "string") deps.push(d);
      else problems.push(`${at} (${id}): dependencies[${i}] is not a string; ignored`);
    });
    entries.push({ id, dependencies: deps });
  });
  return { entries, problems };
}

/**
 * `order` is the plan's achievement order; `status` gives each id's status.
 * Dependencies on unknown ids are reported and ignored, so a typo does not block work forever.
 */
export function computeParallel(
  text: string,
  order: readonly string[],
  status: ReadonlyMap<string, AchievementStatus>,
  file: string,
): ParallelResult {
  const parsed = parseParallelEntries(text);
  if (parsed === null) {
    return {
      parallel: null,
      warnings: [{ code: "parallel-invalid", message: "parallel.json is not valid JSON with an achievements[] list; ignored", file }],
    };
  }
  const { entries } = parsed;
  const warnings: Warning[] = parsed.problems.map((message) => ({ code: "parallel-invalid", message, file }));
  const known = new Set(order);
  const deps = new Map<string, Set<string>>(order.map((id) => [id, new Set<string>()]));
  const unknown = new Set<string>();
  for (const entry of entries) {
    if (!known.has(entry.id)) unknown.add(entry.id);
    for (const d of entry.dependencies) if (!known.has(d)) unknown.add(d);
    const set = deps.get(entry.id);
    if (set === undefined) continue;
    for (const d of entry.dependencies) if (known.has(d)) set.add(d);
  }
  for (const id of unknown) {
    warnings.push({ code: "parallel-unknown-id", message: `parallel.json names achievement ${id}, which the plan does not define`, file });
  }
  const onCycle = findCycleMembers(order, deps);
  if (onCycle.size > 0) {
    const ids = order.filter((id) => onCycle.has(id));
    warnings.push({ code: "parallel-cycle", message: `parallel.json dependencies form a cycle: ${ids.join(", ")}`, file });
  }

  // Layers by longest path (Kahn's algorithm over the not-yet-approved achievements): linear
  // time, and achievements on a cycle, or waiting on one, never reach zero and are never ready.
  const open = order.filter((id) => status.get(id) !== "approved");
  const openSet = new Set(open);
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const id of open) {
    const unmet = [...(deps.get(id) ?? [])].filter((d) => openSet.has(d));
    waiting.set(id, unmet.length);
    for (const d of unmet) {
      const list = dependents.get(d);
      if (list === undefined) dependents.set(d, [id]);
      else list.push(id);
    }
  }
  const depth = new Map<string, number>();
  const queue = open.filter((id) => waiting.get(id) === 0);
  for (const id of queue) depth.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? "";
    const next = (depth.get(id) ?? 0) + 1;
    for (const w of dependents.get(id) ?? []) {
      depth.set(w, Math.max(depth.get(w) ?? 0, next));
      const left = (waiting.get(w) ?? 0) - 1;
      waiting.set(w, left);
      if (left === 0) queue.push(w);
    }
  }
  const levels: string[][] = [];
  for (const id of open) {
    if (waiting.get(id) !== 0) continue;
    const d = depth.get(id) ?? 0;
    while (levels.length <= d) levels.push([]);
    levels[d]?.push(id);
  }
  return { parallel: { ready: levels[0] ?? [], levels }, warnings };
}

/** Ids on a dependency cycle (self-loops included), by iterative Tarjan SCC. */
function findCycleMembers(order: readonly string[], deps: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const members = new Set<string>();
  let counter = 0;
  for (const root of order) {
    if (index.has(root)) continue;
    const work: { id: string; next: Iterator<string> }[] = [];
    const enter = (id: string): void => {
      index.set(id, counter);
      low.set(id, counter);
      counter += 1;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: (deps.get(id) ?? new Set<string>()).values() });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame === undefined) break;
      const step = frame.next.next();
      if (!step.done) {
        const w = step.value;
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(w) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        for (;;) {
          const w = stack.pop();
          if (w === undefined) break;
          onStack.delete(w);
          component.push(w);
          if (w === frame.id) break;
        }
        const selfLoop = deps.get(frame.id)?.has(frame.id) === true;
        if (component.length > 1 || selfLoop) for (const id of component) members.add(id);
      }
    }
  }
  return members;
}
