/**
 * The dashboard loop: keys and engine events go through `reduce`; the frame is redrawn in place
 * (only changed lines) after every batch; effects run here and answer with events. While a
 * prompt or a child program owns the terminal nothing is drawn, and the screen is drawn whole
 * when it comes back.
 */
import type { Engine } from "../live/engine";
import type { Clock, TerminalPort } from "../ports";
import { CHANGE_MARK_MS, initialState, type AppFacts, type AppState, type LockView, type Tone } from "./app-state";
import { runAction, type ActionEnv, type EffectControls } from "./effects";
import { SPINNER_FRAME_MS } from "./footer";
import { FOOTER_ROWS } from "./layout";
import { frameBytes, SCREEN } from "./frame";
import { decodeKeys } from "./key-decode";
import { MENU } from "./screen-plan";
import { promptHeight, type Prompter } from "./prompter";
import { clockTime, planOf, readOnlyReason, reduce, type AppEvent, type Effect } from "./reduce";
import { actionAvailability } from "../actions/availability";
import { renderFrame } from "./render";
import type { ScreenSession } from "./terminal";
import type { Theme } from "./theme";

/** The lock as the dashboard sees it: who has it, changes to that, and taking it. */
export interface LockSession {
  view(): LockView;
  subscribe(listener: (view: LockView, message: string | null, tone: Tone) => void): () => void;
  takeover(): Promise<{ readonly view: LockView; readonly message: string; readonly tone: Tone }>;
}

export interface AppDeps {
  readonly terminal: TerminalPort;
  readonly screen: ScreenSession;
  readonly clock: Clock;
  readonly theme: Theme;
  readonly engine: Pick<Engine, "state" | "freshness" | "subscribe" | "refresh">;
  readonly prompter: Prompter;
  readonly lock: LockSession;
  readonly actions: ActionEnv;
  readonly facts: AppFacts;
  readonly warnings: readonly string[];
  readonly signal: AbortSignal;
  /** The first footer message (e.g. "showing the demo workspace"). */
  readonly greeting?: { readonly text: string; readonly tone: Tone } | null;
  /** End-to-end tests only (PLANDASH_TEST_CRASH_KEY): this key throws, to prove a crash gives the terminal back. */
  readonly crashKey?: string;
}

export interface App {
  /** Resolves with the exit code when the user quits (or the signal aborts). */
  readonly done: Promise<number>;
  /** For tests: the current state. */
  state(): AppState;
  dispatch(event: AppEvent): void;
}

export function startApp(deps: AppDeps): App {
  const { terminal, clock, theme, engine } = deps;
  let state = initialState({
    data: engine.state,
    size: terminal.size(),
    freshness: engine.freshness(),
    lock: deps.lock.view(),
    now: clock.now(),
    warnings: deps.warnings,
    facts: deps.facts,
    message: deps.greeting === undefined || deps.greeting === null ? null : { ...deps.greeting, at: clock.now() },
  });
  let frame: string[] | null = null;
  let drawQueued = false;
  let wake: unknown = null;
  let finished = false;
  const { promise: done, resolve } = Promise.withResolvers<number>();
  const cleanups: (() => void)[] = [];

  const draw = (): void => {
    drawQueued = false;
    if (finished || state.phase === "suspended") return;
    const next = renderFrame(state, theme);
    if (state.phase === "prompting") {
      // The prompt owns the rows above the footer; only the footer follows ("updates pending").
      drawFooterOnly(next);
      return;
    }
    const bytes = frameBytes(frame, next);
    if (bytes !== "") terminal.write(bytes);
    frame = next;
    scheduleWake();
  };
  const drawFooterOnly = (next: string[]): void => {
    if (frame === null || frame.length !== next.length) return;
    let bytes = "";
    for (let i = next.length - FOOTER_ROWS; i < next.length; i++) {
      if (frame[i] !== next[i]) bytes += `\x1b[${i + 1};1H\x1b[2K${next[i]}\x1b[0m`;
    }
    if (bytes === "") return;
    terminal.write(`\x1b7${bytes}\x1b8`);
    frame = [...frame.slice(0, next.length - FOOTER_ROWS), ...next.slice(next.length - FOOTER_ROWS)];
  };
  const queueDraw = (): void => {
    if (drawQueued) return;
    drawQueued = true;
    queueMicrotask(draw);
  };

  /** One timer for whatever changes the picture with no event: the spinner, change marks, "data may be old". */
  const scheduleWake = (): void => {
    if (wake !== null) clock.clearTimeout(wake);
    wake = null;
    const now = clock.now();
    let at = Number.POSITIVE_INFINITY;
    if (state.freshness.scanning) at = now + SPINNER_FRAME_MS;
    for (const t of state.changedAt.values()) at = Math.min(at, t + CHANGE_MARK_MS);
    const f = state.freshness;
    if (f.backend === "off" && f.lastUpdateAt !== null) {
      const staleAt = f.lastUpdateAt + state.facts.staleAfterMinutes * 60_000 + 1;
      if (staleAt > now) at = Math.min(at, staleAt);
    }
    if (Number.isFinite(at)) wake = clock.setTimeout(() => dispatch({ type: "tick", at: clock.now() }), Math.max(10, at - now));
  };

  const finish = (code: number): void => {
    if (finished) return;
    finished = true;
    if (wake !== null) clock.clearTimeout(wake);
    for (const c of cleanups.splice(0)) c();
    resolve(code);
  };

  const listenKeys = (): (() => void) => terminal.onInput((chunk) => {
    for (const key of decodeKeys(chunk)) {
      if (key === deps.crashKey) throw new Error(`crash on "${key}", as PLANDASH_TEST_CRASH_KEY asked`);
      dispatch({ type: "key", key, at: clock.now() });
    }
  });
  let stopKeys = listenKeys();

  /** The prompt owns the keys and the bottom rows; the screen is drawn whole when it returns. */
  const ask = async <T>(question: (p: Prompter) => Promise<T | null>, height: number): Promise<T | null> => {
    stopKeys();
    dispatch({ type: "phase", phase: "prompting" });
    const rows = state.size.rows - FOOTER_ROWS;
    const from = Math.max(0, rows - height);
    let clearing = "";
    for (let r = from; r < rows; r++) clearing += `\x1b[${r + 1};1H\x1b[2K`;
    terminal.write(`${clearing}\x1b[${from + 1};1H${SCREEN.wrap}${SCREEN.showCursor}`);
    // Ctrl-C quits from anywhere (SPEC §6): clack only cancels its prompt, so listen alongside it.
    let interrupted = false;
    const stopWatching = terminal.onInput((chunk) => {
      if (chunk.includes("\x03")) interrupted = true;
    });
    try {
      return await question(deps.prompter);
    } finally {
      stopWatching();
      terminal.write(SCREEN.hideCursor + SCREEN.noWrap);
      terminal.setRawMode(true);
      stopKeys = listenKeys();
      frame = null;
      dispatch({ type: "phase", phase: "browsing" });
      if (interrupted) finish(130);
    }
  };

  const handOver = async <T>(fn: () => Promise<T>): Promise<T> => {
    stopKeys();
    dispatch({ type: "phase", phase: "suspended" });
    deps.screen.restore();
    try {
      return await fn();
    } finally {
      deps.screen.enter();
      stopKeys = listenKeys();
      frame = null;
      dispatch({ type: "phase", phase: "browsing" });
    }
  };

  const controls: EffectControls = {
    dispatch: (e) => dispatch(e),
    plan: (id) => planOf(state, id),
    refreshPlan: (id) => engine.refresh({ plan: id }),
    ask: (q, h) => ask(q, h),
    handOver,
    writeTerminal: (s) => terminal.write(s),
    readOnly: () => (state.lock.role === "holder" ? null : readOnlyReason(state)),
  };

  const report = (error: unknown): void => dispatch({ type: "message", text: `failed: ${error instanceof Error ? error.message : String(error)}`, tone: "error", at: clock.now() });

  const run = (effect: Effect): void => {
    switch (effect.kind) {
      case "quit":
        finish(effect.code);
        return;
      case "refresh":
        void engine
          .refresh()
          .then(() => dispatch({ type: "message", text: `${theme.glyphs.check} refreshed ${clockTime(clock.now())}`, tone: "good", at: clock.now() }))
          .catch(report);
        return;
      case "ask-filter":
        void ask((p) => p.text({ message: "Filter plans by name (Enter keeps it, Esc clears it)", initial: effect.initial }), promptHeight(0))
          .then((text) => dispatch({ type: "filter", text, at: clock.now() }))
          .catch(report);
        return;
      case "menu": {
        const plan = planOf(state, effect.planId);
        const a = plan?.achievements.find((x) => x.id === effect.achievementId);
        if (plan === undefined || a === undefined) return;
        const available = actionAvailability(plan, a, { readOnly: controls.readOnly(), hasAgentCommand: state.facts.hasAgentCommand }, clock.now());
        const options = MENU.map((m) => ({ value: m.command, label: `${m.label}`, ...(available[m.action] === null ? {} : { hint: available[m.action] as string, disabled: true }) }));
        const first = options.find((o) => o.disabled !== true)?.value;
        void ask((p) => p.select({ message: `${a.id} ${a.title}`, options, ...(first === undefined ? {} : { initial: first }) }), promptHeight(options.length))
          .then((command) => {
            if (command !== null) dispatch({ type: "command", command, at: clock.now() });
          })
          .catch(report);
        return;
      }
      case "action":
        void runAction(deps.actions, controls, effect.action, effect.planId, effect.achievementId).catch(report);
        return;
      case "take-lock":
        void deps.lock
          .takeover()
          .then((r) => dispatch({ type: "lock", lock: r.view, message: r.message, tone: r.tone, at: clock.now() }))
          .catch(report);
        return;
    }
  };

  function dispatch(event: AppEvent): void {
    if (finished) return;
    const r = reduce(state, event);
    state = r.state;
    for (const effect of r.effects) run(effect);
    queueDraw();
  }

  cleanups.push(
    engine.subscribe((e) => {
      if (e.type === "update") dispatch({ type: "update", data: e.state, diff: e.diff, at: e.at });
      else dispatch({ type: "freshness", freshness: engine.freshness(), at: e.at });
    }),
    deps.lock.subscribe((view, message, tone) => dispatch({ type: "lock", lock: view, message, tone, at: clock.now() })),
    terminal.onResize(() => {
      frame = null;
      dispatch({ type: "resize", size: terminal.size() });
    }),
    () => stopKeys(),
  );
  const onAbort = (): void => finish(130);
  deps.signal.addEventListener("abort", onAbort, { once: true });
  cleanups.push(() => deps.signal.removeEventListener("abort", onAbort));

  deps.screen.enter();
  draw();
  return { done, state: () => state, dispatch };
}
