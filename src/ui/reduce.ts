/**
 * The dashboard's logic as a pure function: (state, event) → (state, effects). Keys move the
 * selection (kept by id), open and close screens, and ask for effects (a refresh, an action, a
 * prompt) that the loop in app.ts carries out and answers with more events. No terminal, no
 * files, no clock here: tests drive it with plain values.
 */
import type { PlansDiff } from "../core/diff";
import { sanitizeBlock } from "../core/sanitize";
import type { Achievement, Plan, Step, WorkspaceState } from "../core/types";
import { actionAvailability, type ActionKind } from "../actions/availability";
import type { Freshness } from "../live/freshness";
import type { TerminalSize } from "../ports";
import {
  CHANGE_MARK_MS,
  DIGIT_WINDOW_MS,
  RECENT_KEPT,
  TOP_CURSOR,
  currentScreen,
  type AppState,
  type Cursor,
  type FooterMessage,
  type LockView,
  type Phase,
  type RecentChange,
  type Screen,
  type Tone,
} from "./app-state";
import { bindingOf, commandFor, helpLines, type Command } from "./keys";
import { holderWho } from "./lock-text";
import { layoutOf } from "./layout";
import { wrapText } from "./wrap";

export type AppEvent =
  | { readonly type: "key"; readonly key: string; readonly at: number }
  /** A menu answered with a command (the same path as its key), for the achievement it was opened on. */
  | { readonly type: "command"; readonly command: Command; readonly at: number; readonly target?: { readonly planId: string; readonly achievementId: string } }
  /** The action in flight is done (whatever its outcome). */
  | { readonly type: "acted"; readonly at: number }
  | { readonly type: "update"; readonly data: WorkspaceState; readonly diff: PlansDiff; readonly at: number }
  /** The first full read is done (the screen so far showed the first screenful of plans). */
  | { readonly type: "loaded"; readonly data: WorkspaceState; readonly freshness: Freshness; readonly at: number }
  | { readonly type: "freshness"; readonly freshness: Freshness; readonly at: number }
  | { readonly type: "resize"; readonly size: TerminalSize }
  | { readonly type: "lock"; readonly lock: LockView; readonly message: string | null; readonly tone?: Tone; readonly at: number }
  | { readonly type: "message"; readonly text: string; readonly tone: Tone; readonly at: number }
  | { readonly type: "phase"; readonly phase: Phase }
  | { readonly type: "show-prompt"; readonly planId: string; readonly achievementId: string; readonly step: Step; readonly text: string }
  /** The filter prompt's answer: the text, or null when it was cancelled (clears the filter). */
  | { readonly type: "filter"; readonly text: string | null; readonly at: number }
  | { readonly type: "warnings"; readonly warnings: readonly string[] }
  | { readonly type: "tick"; readonly at: number };

export type Effect =
  | { readonly kind: "quit"; readonly code: number }
  | { readonly kind: "refresh" }
  /** `text`: the prompt as shown on the prompt screen, which `c` and `x` use as they see it. */
  | { readonly kind: "action"; readonly action: ActionKind; readonly planId: string; readonly achievementId: string; readonly text?: string }
  /** The terminal may be damaged (Ctrl-L): draw everything again. */
  | { readonly kind: "redraw" }
  /** The plan of an open prompt screen changed: build its prompt again. */
  | { readonly kind: "refresh-prompt"; readonly planId: string; readonly achievementId: string }
  | { readonly kind: "ask-filter"; readonly initial: string }
  | { readonly kind: "menu"; readonly planId: string; readonly achievementId: string }
  | { readonly kind: "take-lock" };

export interface Reduction {
  readonly state: AppState;
  readonly effects: readonly Effect[];
}

const EXIT_OK = 0;
const EXIT_INTERRUPTED = 130;

// ---- what a screen lists ----------------------------------------------------------------

export function visiblePlans(state: AppState): readonly Plan[] {
  if (state.filter === "") return state.data.plans;
  const needle = state.filter.toLowerCase();
  return state.data.plans.filter((p) => p.name.toLowerCase().includes(needle) || p.id.toLowerCase().includes(needle));
}

export function planOf(state: AppState, planId: string): Plan | undefined {
  return state.data.plans.find((p) => p.id === planId);
}

function itemIds(state: AppState, screen: Screen): readonly string[] {
  if (screen.kind === "workspace") return visiblePlans(state).map((p) => p.id);
  if (screen.kind === "plan") return (planOf(state, screen.planId)?.achievements ?? []).map((a) => a.id);
  return [];
}

export function selectedAchievement(state: AppState, screen: Screen): { plan: Plan; achievement: Achievement } | null {
  if (screen.kind !== "plan") return null;
  const plan = planOf(state, screen.planId);
  const achievement = plan?.achievements.find((a) => a.id === screen.cursor.id);
  return plan === undefined || achievement === undefined ? null : { plan, achievement };
}

/** Lines of a scrolled text screen, as the renderer lays them out. */
export function textLines(state: AppState, screen: Screen): readonly string[] {
  if (screen.kind === "prompt") return wrapText(screen.text, state.size.cols);
  if (screen.kind === "help") return helpLines();
  return [];
}

// ---- cursor arithmetic ------------------------------------------------------------------

function withTop(cursor: Cursor, height: number, count: number): Cursor {
  let top = cursor.top;
  if (cursor.index < top) top = cursor.index;
  if (cursor.index >= top + height) top = cursor.index - height + 1;
  top = Math.max(0, Math.min(top, Math.max(0, count - height)));
  return top === cursor.top ? cursor : { ...cursor, top };
}

function cursorAt(ids: readonly string[], index: number, previous: Cursor, height: number): Cursor {
  if (ids.length === 0) return { id: null, index: 0, top: 0 };
  const i = Math.max(0, Math.min(index, ids.length - 1));
  return withTop({ id: ids[i] as string, index: i, top: previous.top }, height, ids.length);
}

/** After the list changed under it: the same id where it is now, else its neighbour. */
function reconcileCursor(cursor: Cursor, ids: readonly string[], height: number): { cursor: Cursor; lost: string | null } {
  const found = cursor.id === null ? -1 : ids.indexOf(cursor.id);
  if (found >= 0) return { cursor: withTop({ ...cursor, index: found }, height, ids.length), lost: null };
  const next = cursorAt(ids, cursor.index, cursor, height);
  return { cursor: next, lost: cursor.id };
}

function replaceTop(state: AppState, screen: Screen): AppState {
  return { ...state, stack: [...state.stack.slice(0, -1), screen] };
}

function say(state: AppState, text: string, tone: Tone, at: number): AppState {
  const message: FooterMessage = { text, tone, at };
  return { ...state, message };
}

const none = (state: AppState): Reduction => ({ state, effects: [] });

// ---- moving -----------------------------------------------------------------------------

function move(state: AppState, command: Command): AppState {
  const screen = currentScreen(state);
  const layout = layoutOf(state, screen);
  const page = Math.max(1, layout.body - 1);
  if (screen.kind === "workspace" || screen.kind === "plan") {
    const ids = itemIds(state, screen);
    const at = screen.cursor.index;
    const to =
      command === "up" ? at - 1 : command === "down" ? at + 1 : command === "page-up" ? at - page : command === "page-down" ? at + page : command === "top" ? 0 : ids.length - 1;
    return replaceTop(state, { ...screen, cursor: cursorAt(ids, to, screen.cursor, layout.body) });
  }
  const max = Math.max(0, textLines(state, screen).length - layout.body);
  const at = screen.top;
  const to = command === "up" ? at - 1 : command === "down" ? at + 1 : command === "page-up" ? at - page : command === "page-down" ? at + page : command === "top" ? 0 : max;
  return replaceTop(state, { ...screen, top: Math.max(0, Math.min(max, to)) });
}

function jumpToRow(state: AppState, digit: string, at: number): AppState {
  const screen = currentScreen(state);
  if (screen.kind !== "workspace" && screen.kind !== "plan") return state;
  const text = state.digits !== null && at - state.digits.at <= DIGIT_WINDOW_MS ? state.digits.text + digit : digit;
  const ids = itemIds(state, screen);
  let row = Number(text);
  // "1" then "5" on a 12-row list: 15 does not exist, so start again at 5.
  if (row > ids.length) row = Number(digit);
  const next = { ...state, digits: { text: String(row), at } };
  if (row < 1 || row > ids.length) return say(next, `no row ${row} (1–${ids.length})`, "info", at);
  return replaceTop(next, { ...screen, cursor: cursorAt(ids, row - 1, screen.cursor, layoutOf(state, screen).body) });
}

// ---- opening and closing screens ----------------------------------------------------------

function openPlan(state: AppState, plan: Plan): AppState {
  const ids = plan.achievements.map((a) => a.id);
  const start = plan.next === null ? 0 : Math.max(0, ids.indexOf(plan.next.achievement));
  const screen: Screen = { kind: "plan", planId: plan.id, cursor: TOP_CURSOR };
  const pushed = { ...state, stack: [...state.stack, screen] };
  return replaceTop(pushed, { ...screen, cursor: cursorAt(ids, start, TOP_CURSOR, layoutOf(pushed, screen).body) });
}

function back(state: AppState): Reduction {
  if (state.stack.length > 1) return none({ ...state, stack: state.stack.slice(0, -1) });
  if (state.filter !== "") return none(refilter({ ...state, filter: "" }));
  return { state, effects: [{ kind: "quit", code: EXIT_OK }] };
}

function refilter(state: AppState): AppState {
  const screen = state.stack[0] as Screen;
  if (screen.kind !== "workspace") return state;
  const ids = itemIds(state, screen);
  const { cursor } = reconcileCursor(screen.cursor, ids, layoutOf(state, screen).body);
  return { ...state, stack: [{ ...screen, cursor }, ...state.stack.slice(1)] };
}

// ---- actions ----------------------------------------------------------------------------

export function readOnlyReason(state: AppState): string | null {
  if (state.lock.role === "holder") return null;
  if (state.lock.free) return "the lock is free; press t to take it";
  return `${holderWho(state.lock.holder)} holds the lock (quit it, or restart with --takeover)`;
}

type Target = { readonly planId: string; readonly achievementId: string };

function act(state: AppState, action: ActionKind, at: number, target?: Target): Reduction {
  const screen = currentScreen(state);
  // A menu names the achievement it was opened on; the prompt screen is about one achievement.
  const named = target ?? (screen.kind === "prompt" ? { planId: screen.planId, achievementId: screen.achievementId } : undefined);
  if (named !== undefined) {
    const plan = planOf(state, named.planId);
    const a = plan?.achievements.find((x) => x.id === named.achievementId);
    if (plan === undefined || a === undefined) return none(say(state, `${named.achievementId} is gone; nothing done`, "warn", at));
    return check(state, plan, a, action, at, screen.kind === "prompt" && target === undefined ? screen.raw : undefined);
  }
  const chosen = selectedAchievement(state, screen);
  if (chosen === null) return none(say(state, "no achievement selected", "info", at));
  return check(state, chosen.plan, chosen.achievement, action, at);
}

function check(state: AppState, plan: Plan, a: Achievement, action: ActionKind, at: number, text?: string): Reduction {
  if (state.acting !== null) return none(say(state, `still busy with ${state.acting}; ${a.id} waits`, "info", at));
  const reason = actionAvailability(plan, a, { readOnly: readOnlyReason(state), hasAgentCommand: state.facts.hasAgentCommand }, at)[action];
  if (reason !== null) return none(say(state, `${a.id}: ${reason}`, "warn", at));
  const effect: Effect = text === undefined ? { kind: "action", action, planId: plan.id, achievementId: a.id } : { kind: "action", action, planId: plan.id, achievementId: a.id, text };
  return { state: { ...state, acting: `${action} ${a.id}` }, effects: [effect] };
}

function runCommand(state: AppState, command: Command, at: number, target?: Target): Reduction {
  const screen = currentScreen(state);
  switch (command) {
    case "up":
    case "down":
    case "page-up":
    case "page-down":
    case "top":
    case "bottom":
      return none(move(state, command));
    case "back":
      return back(state);
    case "quit":
      return { state, effects: [{ kind: "quit", code: EXIT_INTERRUPTED }] };
    case "help":
      return none(screen.kind === "help" ? state : { ...state, stack: [...state.stack, { kind: "help", top: 0 }] });
    case "refresh":
      return { state, effects: [{ kind: "refresh" }] };
    case "redraw":
      return { state, effects: [{ kind: "redraw" }] };
    case "filter":
      return { state, effects: [{ kind: "ask-filter", initial: state.filter }] };
    case "take-lock":
      if (state.lock.role === "holder") return none(say(state, "this dashboard holds the lock already", "info", at));
      return { state, effects: [{ kind: "take-lock" }] };
    case "open": {
      if (screen.kind === "workspace") {
        const plan = screen.cursor.id === null ? undefined : planOf(state, screen.cursor.id);
        return none(plan === undefined ? say(state, "no plan selected", "info", at) : openPlan(state, plan));
      }
      const chosen = selectedAchievement(state, screen);
      if (chosen === null) return none(say(state, "no achievement selected", "info", at));
      return { state, effects: [{ kind: "menu", planId: chosen.plan.id, achievementId: chosen.achievement.id }] };
    }
    default: {
      const action = bindingOf(command).action?.kind;
      return action === undefined ? none(state) : act(state, action, at, target);
    }
  }
}

const KEY_NAMES: Readonly<Record<string, string>> = {
  enter: "Enter",
  left: "←",
  right: "→",
  tab: "Tab",
  "shift-tab": "Shift-Tab",
  backspace: "Backspace",
  delete: "Delete",
  "ctrl-d": "Ctrl-D",
};

function onKey(state: AppState, key: string, at: number): Reduction {
  if (state.phase !== "browsing") return none(state);
  const screen = currentScreen(state);
  if (/^[0-9]$/.test(key) && (screen.kind === "workspace" || screen.kind === "plan")) return none(jumpToRow(state, key, at));
  const command = commandFor(screen.kind, key);
  if (command === null) {
    // Never "invalid choice", never silence: say what does work.
    const name = key.length === 1 ? `"${key}"` : (KEY_NAMES[key] ?? key);
    return none(say(state, `${name} does nothing here; ? shows the keys`, "info", at));
  }
  return runCommand({ ...state, digits: null }, command, at);
}

// ---- live data --------------------------------------------------------------------------

/** Beyond this many plans added (or removed) at once, one line says how many: a checkout must not push the agents' work out of view. */
const RECENT_BURST = 3;

function recentOf(diff: PlansDiff, at: number): RecentChange[] {
  // In the order things happened (a rename is removed, then added); shown newest first.
  const out: RecentChange[] = [];
  if (diff.removed.length > RECENT_BURST) out.push({ at, planId: "", text: `− ${diff.removed.length} plans removed` });
  else for (const p of diff.removed) out.push({ at, planId: p.id, text: `− ${p.name} removed` });
  for (const c of diff.changed) {
    if (c.transitions.length === 0) out.push({ at, planId: c.after.id, text: `${c.after.name} changed (${c.after.status})` });
    for (const t of c.transitions) out.push({ at, planId: c.after.id, text: `${c.after.name} ${t.achievement} ${t.from ?? "new"} → ${t.to ?? "removed"}` });
  }
  if (diff.added.length > RECENT_BURST) out.push({ at, planId: "", text: `+ ${diff.added.length} plans added` });
  else for (const p of diff.added) out.push({ at, planId: p.id, text: `+ ${p.name} added (${p.status}, ${p.progress.approved}/${p.progress.total})` });
  return out.reverse();
}

function onUpdate(state: AppState, data: WorkspaceState, diff: PlansDiff, at: number): Reduction {
  const changedAt = new Map([...state.changedAt].filter(([, t]) => at - t < CHANGE_MARK_MS));
  for (const c of diff.changed) changedAt.set(c.after.id, at);
  for (const p of diff.added) changedAt.set(p.id, at);
  let next: AppState = {
    ...state,
    data,
    changedAt,
    recent: [...recentOf(diff, at), ...state.recent].slice(0, RECENT_KEPT),
    pending: state.phase !== "browsing" || state.pending,
  };
  // Screens whose plan is gone close; every list keeps its selection by id.
  const stack: Screen[] = [];
  let note: string | null = null;
  for (const screen of next.stack) {
    if ((screen.kind === "plan" || screen.kind === "prompt") && planOf(next, screen.planId) === undefined) {
      // The screen the user was looking at closed: that is the news, not the list's selection.
      note = `plan ${screen.planId} is gone (removed or renamed)`;
      break;
    }
    if (screen.kind === "workspace" || screen.kind === "plan") {
      const probe = { ...next, stack: [...stack, screen] };
      const { cursor, lost } = reconcileCursor(screen.cursor, itemIds(next, screen), layoutOf(probe, screen).body);
      if (lost !== null && cursor.id !== null) note ??= `${lost} is gone; selected ${cursor.id}`;
      stack.push({ ...screen, cursor });
    } else {
      stack.push(screen);
    }
  }
  next = { ...next, stack };
  // An open prompt was built from the plan as it was: build it again from the plan as it is.
  const changed = new Set(diff.changed.map((c) => c.after.id));
  const effects: Effect[] = stack.flatMap((sc): Effect[] => (sc.kind === "prompt" && changed.has(sc.planId) ? [{ kind: "refresh-prompt", planId: sc.planId, achievementId: sc.achievementId }] : []));
  return { state: note === null ? next : say(next, note, "warn", at), effects };
}

/** Every list keeps its selection by id (or takes its first row) after the data were replaced. */
function reselect(state: AppState): AppState {
  const stack = state.stack.map((screen, i): Screen => {
    if (screen.kind !== "workspace" && screen.kind !== "plan") return screen;
    const probe = { ...state, stack: state.stack.slice(0, i + 1) };
    const ids = itemIds(state, screen);
    const id = screen.cursor.id !== null && ids.includes(screen.cursor.id) ? screen.cursor.id : (ids[0] ?? null);
    return { ...screen, cursor: reconcileCursor({ ...screen.cursor, id }, ids, layoutOf(probe, screen).body).cursor };
  });
  return { ...state, stack };
}

function onResize(state: AppState, size: TerminalSize): AppState {
  const resized = { ...state, size };
  const stack = resized.stack.map((screen, i) => {
    const probe = { ...resized, stack: resized.stack.slice(0, i + 1) };
    if (screen.kind === "workspace" || screen.kind === "plan") {
      return { ...screen, cursor: withTop(screen.cursor, layoutOf(probe, screen).body, itemIds(probe, screen).length) };
    }
    const max = Math.max(0, textLines(probe, screen).length - layoutOf(probe, screen).body);
    return { ...screen, top: Math.min(screen.top, max) };
  });
  return { ...resized, stack };
}

// ---- the reducer ------------------------------------------------------------------------

export function reduce(state: AppState, event: AppEvent): Reduction {
  switch (event.type) {
    case "key":
      return onKey({ ...state, now: event.at }, event.key, event.at);
    case "command":
      return runCommand({ ...state, now: event.at }, event.command, event.at, event.target);
    case "acted":
      return none({ ...state, acting: null, now: event.at });
    case "update":
      // While the first read runs its result is not news: no row is marked as changed.
      if (state.loading !== null) return none(reselect({ ...state, data: event.data, now: event.at }));
      return onUpdate({ ...state, now: event.at }, event.data, event.diff, event.at);
    case "loaded":
      return none(reselect({ ...state, data: event.data, freshness: event.freshness, loading: null, now: event.at }));
    case "freshness":
      return none({ ...state, freshness: event.freshness, now: event.at });
    case "resize":
      return none(onResize(state, event.size));
    case "lock": {
      const next = { ...state, lock: event.lock, now: event.at };
      return none(event.message === null ? next : say(next, event.message, event.tone ?? "warn", event.at));
    }
    case "message":
      return none(say({ ...state, now: event.at }, event.text, event.tone, event.at));
    case "phase":
      return none({ ...state, phase: event.phase, pending: event.phase === "browsing" ? false : state.pending });
    case "show-prompt": {
      const fresh: Screen = { kind: "prompt", planId: event.planId, achievementId: event.achievementId, step: event.step, raw: event.text, text: sanitizeBlock(event.text), top: 0 };
      // Rebuilt after a change: replace the open prompt of that achievement, keeping the scroll.
      const at = state.stack.findIndex((sc) => sc.kind === "prompt" && sc.planId === event.planId && sc.achievementId === event.achievementId);
      if (at >= 0) {
        const old = state.stack[at] as Screen & { readonly top: number };
        const stack = state.stack.map((sc, i) => (i === at ? { ...fresh, top: old.top } : sc));
        return none({ ...state, stack });
      }
      const top = currentScreen(state);
      const stack = top.kind === "prompt" ? [...state.stack.slice(0, -1), fresh] : [...state.stack, fresh];
      return none({ ...state, stack });
    }
    case "filter": {
      // Esc, or Enter on an empty line: no filter.
      if (event.text === null || event.text.trim() === "") return none(refilter({ ...state, filter: "", now: event.at }));
      const filtered = refilter({ ...state, filter: event.text.trim(), now: event.at });
      const screen = filtered.stack[0] as Screen;
      if (screen.kind !== "workspace") return none(filtered);
      const ids = itemIds(filtered, screen);
      if (ids.length === 0) return none(say(filtered, `no plan matches "${event.text.trim()}"; Esc clears the filter`, "warn", event.at));
      // Enter keeps the filter and selects the first match.
      return none({ ...filtered, stack: [{ ...screen, cursor: cursorAt(ids, 0, TOP_CURSOR, layoutOf(filtered, screen).body) }, ...filtered.stack.slice(1)] });
    }
    case "warnings":
      return none({ ...state, warnings: event.warnings });
    case "tick":
      return none({ ...state, now: event.at, changedAt: new Map([...state.changedAt].filter(([, t]) => event.at - t < CHANGE_MARK_MS)) });
  }
}
