/**
 * The dashboard's state as one value: which screens are open (a stack), what is selected (by
 * id, never by row), the workspace as last published, freshness, the lock, the footer message.
 * `reduce` (reduce.ts) is the only thing that makes a new one.
 */
import type { Step, WorkspaceState } from "../core/types";
import type { Freshness } from "../live/freshness";
import type { TerminalSize } from "../ports";

/** The selected row of a list: its id, and where it was (for a neighbour when it disappears). */
export interface Cursor {
  readonly id: string | null;
  readonly index: number;
  /** First visible row of the viewport. */
  readonly top: number;
}

export type Screen =
  | { readonly kind: "workspace"; readonly cursor: Cursor }
  | { readonly kind: "plan"; readonly planId: string; readonly cursor: Cursor }
  | {
      readonly kind: "prompt";
      readonly planId: string;
      readonly achievementId: string;
      readonly step: Step;
      /** As built (what `c` copies and `x` hands over), and as shown (sanitized). */
      readonly raw: string;
      readonly text: string;
      readonly top: number;
    }
  | { readonly kind: "help"; readonly top: number };

export interface HolderInfo {
  readonly pid: number | null;
  readonly host: string | null;
  readonly since: string;
}

export type LockView =
  | { readonly role: "holder" }
  /** `free`: the holder quit or died; `t` takes the lock. */
  | { readonly role: "read-only"; readonly holder: HolderInfo | null; readonly free: boolean };

export type Tone = "info" | "good" | "warn" | "error";

export interface FooterMessage {
  readonly text: string;
  readonly tone: Tone;
  readonly at: number;
}

/** One line of the "recent changes" strip. */
export interface RecentChange {
  readonly at: number;
  readonly planId: string;
  readonly text: string;
}

/**
 * browsing: keys are ours. prompting: a text prompt or menu owns the keys (redraws wait).
 * suspended: the editor or the agent owns the terminal.
 */
export type Phase = "browsing" | "prompting" | "suspended";

export interface AppFacts {
  readonly hasAgentCommand: boolean;
  readonly staleAfterMinutes: number;
  /** Set when the dashboard shows a temporary demo copy: the folder, for the footer. */
  readonly demoDir: string | null;
}

export interface AppState {
  readonly data: WorkspaceState;
  readonly size: TerminalSize;
  /** Never empty; the last screen is the one shown. */
  readonly stack: readonly Screen[];
  /** Plans filter ("" = none). */
  readonly filter: string;
  readonly freshness: Freshness;
  readonly lock: LockView;
  readonly message: FooterMessage | null;
  /** Newest first. */
  readonly recent: readonly RecentChange[];
  /** Plan id → when it last changed (rows changed in the last seconds are marked). */
  readonly changedAt: ReadonlyMap<string, number>;
  readonly phase: Phase;
  /** An action in flight: another one waits until it is done (a double `e` is one EXECUTION_TASK). */
  readonly acting: string | null;
  /** A change arrived while a prompt owned the screen; drawn when it closes. */
  readonly pending: boolean;
  readonly digits: { readonly text: string; readonly at: number } | null;
  readonly now: number;
  /** Config and scan warnings, for the footer. */
  readonly warnings: readonly string[];
  readonly facts: AppFacts;
  /** While the first full read runs: how many plans it reads (the table shows the first screenful meanwhile). */
  readonly loading: number | null;
}

export const RECENT_KEPT = 20;
/** How long a changed row stays marked. */
export const CHANGE_MARK_MS = 5_000;
/** How long a footer message stays: a hint briefly, a result or a warning long enough to read twice. */
export const MESSAGE_TTL_MS: Readonly<Record<Tone, number>> = { info: 8_000, good: 30_000, warn: 30_000, error: 60_000 };

/** The footer message if it is still current. */
export function liveMessage(state: AppState): FooterMessage | null {
  const m = state.message;
  return m !== null && state.now - m.at < MESSAGE_TTL_MS[m.tone] ? m : null;
}

/** Digits typed within this time form one row number ("1", "2" → 12). */
export const DIGIT_WINDOW_MS = 800;

export const TOP_CURSOR: Cursor = { id: null, index: 0, top: 0 };

export function currentScreen(state: AppState): Screen {
  return state.stack[state.stack.length - 1] as Screen;
}

export interface InitialState {
  readonly data: WorkspaceState;
  readonly size: TerminalSize;
  readonly freshness: Freshness;
  readonly lock: LockView;
  readonly now: number;
  readonly warnings?: readonly string[];
  readonly facts: AppFacts;
  readonly message?: FooterMessage | null;
  readonly loading?: number | null;
}

export function initialState(init: InitialState): AppState {
  const first = init.data.plans[0];
  return {
    data: init.data,
    size: init.size,
    stack: [{ kind: "workspace", cursor: { ...TOP_CURSOR, id: first?.id ?? null } }],
    filter: "",
    freshness: init.freshness,
    lock: init.lock,
    message: init.message ?? null,
    recent: [],
    changedAt: new Map(),
    phase: "browsing",
    acting: null,
    pending: false,
    digits: null,
    now: init.now,
    warnings: init.warnings ?? [],
    facts: init.facts,
    loading: init.loading ?? null,
  };
}
