/**
 * The dashboard loop: keys and engine events go through `reduce`; the frame is redrawn in place
 * (only changed lines) after every batch; effects run here and answer with events. While a
 * prompt or a child program owns the terminal nothing is drawn above the footer, and the screen
 * is drawn whole when it comes back.
 */
import type { Engine } from "../live/engine";
import type { WorkspaceState } from "../core/types";
import type { Clock, TerminalPort } from "../ports";
import { CHANGE_MARK_MS, MESSAGE_TTL_MS, initialState, type AppFacts, type AppState, type LockView, type Tone } from "./app-state";
import { rebuildPrompt, runAction, type ActionEnv, type EffectControls } from "./effects";
import { SPINNER_FRAME_MS } from "./footer";
import { SCREEN } from "./frame";
import { decodeKeys } from "./key-decode";
import { FOOTER_ROWS } from "./layout";
import { actionMenu } from "./menu";
import { createPainter } from "./painter";
import { MIN_MENU_ROWS, promptHeight, type Prompter } from "./prompter";
import { planOf, readOnlyReason, reduce, type AppEvent, type Effect } from "./reduce";
import { renderFrame } from "./render";
import { createRenderCache } from "./render-cache";
import type { ScreenSession } from "./terminal";
import type { Theme } from "./theme";
import { clockTime } from "./time";

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
  /** Aborted by SIGTERM / SIGHUP / SIGINT. */
  readonly signal: AbortSignal;
  /** While the editor or the agent owns the terminal, Ctrl-C is theirs (see CommandContext.holdInterrupts). */
  readonly holdInterrupts?: () => () => void;
  /** The first footer message (e.g. "showing the demo workspace"). */
  readonly greeting?: { readonly text: string; readonly tone: Tone } | null;
  /**
   * The first screenful of plans, read before the engine reads them all (a big workspace opens at
   * once, SPEC §10); `loaded()` then shows the engine's state. Without it the engine's state is shown.
   */
  readonly first?: { readonly data: WorkspaceState; readonly loading: number } | null;
  /** End-to-end tests only (PLANDASH_TEST_CRASH_KEY): this key throws, to prove a crash gives the terminal back. */
  readonly crashKey?: string;
}

export interface App {
  /** Resolves with the exit code when the user quits (or the signal aborts). */
  readonly done: Promise<number>;
  /** For tests: the current state. */
  state(): AppState;
  dispatch(event: AppEvent): void;
  /** The engine has read the workspace (after `first`): show its state. */
  loaded(): void;
}

const EXIT_INTERRUPTED = 130;

export function startApp(deps: AppDeps): App {
  const { terminal, clock, theme, engine } = deps;
  const first = deps.first ?? null;
  let state = initialState({
    data: first?.data ?? engine.state,
    loading: first?.loading ?? null,
    size: terminal.size(),
    freshness: first === null ? engine.freshness() : { ...engine.freshness(), scanning: true },
    lock: deps.lock.view(),
    now: clock.now(),
    warnings: deps.warnings,
    facts: deps.facts,
    message: deps.greeting === undefined || deps.greeting === null ? null : { ...deps.greeting, at: clock.now() },
  });
  const painter = createPainter((bytes) => terminal.write(bytes));
  const cache = createRenderCache();
  let drawQueued = false;
  let wake: unknown = null;
  let finished = false;
  /** A stop that arrived while a child program owned the terminal: ends the dashboard once it is back. */
  let exitAfterHandover: number | null = null;
  /** Keys that came in the same read as the one that opened a prompt (a paste, fast typing). */
  let typeAhead: string[] = [];
  const { promise: done, resolve } = Promise.withResolvers<number>();
  const cleanups: (() => void)[] = [];

  const draw = (): void => {
    drawQueued = false;
    if (finished || state.phase === "suspended") return;
    const next = renderFrame(state, theme, cache);
    // While a prompt owns the rows above the footer, only the footer follows ("updates pending").
    if (state.phase === "prompting") painter.paintFooter(next);
    else painter.paint(next);
    scheduleWake();
  };
  const queueDraw = (): void => {
    if (drawQueued) return;
    drawQueued = true;
    queueMicrotask(draw);
  };

  /** One timer for whatever changes the picture with no event: the spinner, change marks, messages, "data may be old". */
  const scheduleWake = (): void => {
    if (wake !== null) clock.clearTimeout(wake);
    wake = null;
    const now = clock.now();
    let at = Number.POSITIVE_INFINITY;
    if (state.freshness.scanning) at = now + SPINNER_FRAME_MS;
    for (const t of state.changedAt.values()) at = Math.min(at, t + CHANGE_MARK_MS);
    const m = state.message;
    if (m !== null && m.at + MESSAGE_TTL_MS[m.tone] > now) at = Math.min(at, m.at + MESSAGE_TTL_MS[m.tone]);
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

  const listenKeys = (): (() => void) =>
    terminal.onInput((chunk) => {
      const keys = decodeKeys(chunk);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        if (key === deps.crashKey) throw new Error(`crash on "${key}", as PLANDASH_TEST_CRASH_KEY asked`);
        dispatch({ type: "key", key, at: clock.now() });
        if (state.phase !== "browsing") {
          typeAhead = keys.slice(i + 1);
          return;
        }
      }
    });
  let stopKeys = listenKeys();

  const say = (text: string, tone: Tone): void => dispatch({ type: "message", text, tone, at: clock.now() });

  /**
   * The prompt owns the keys and the rows above the footer; the screen is drawn whole when it
   * returns. `question` gets what was typed ahead (printable keys only).
   */
  const ask = async <T>(question: (p: Prompter, ahead: string) => Promise<T | null>, height: number): Promise<T | null> => {
    const room = state.size.rows - FOOTER_ROWS;
    if (room < promptHeight(0)) {
      say(`the terminal is too small for this question (it needs ${promptHeight(0) + FOOTER_ROWS} rows)`, "warn");
      return null;
    }
    stopKeys();
    dispatch({ type: "phase", phase: "prompting" });
    // Let the key handler finish its read, so what was typed after the key is known.
    await Promise.resolve();
    const ahead = typeAhead.filter((k) => [...k].length === 1).join("");
    typeAhead = [];
    const from = Math.max(0, room - Math.min(height, room));
    let clearing = "";
    for (let r = from; r < room; r++) clearing += `\x1b[${r + 1};1H\x1b[2K`;
    terminal.write(`${clearing}\x1b[${from + 1};1H${SCREEN.wrap}${SCREEN.showCursor}`);
    // Ctrl-C quits from anywhere (SPEC §6): clack only cancels its prompt, so listen alongside it.
    let interrupted = false;
    const stopWatching = terminal.onInput((chunk) => {
      if (chunk.includes("\x03")) interrupted = true;
    });
    try {
      return await question(deps.prompter, ahead);
    } finally {
      stopWatching();
      terminal.write(SCREEN.hideCursor + SCREEN.noWrap);
      terminal.setRawMode(true);
      stopKeys = listenKeys();
      painter.invalidate();
      dispatch({ type: "phase", phase: "browsing" });
      if (interrupted) finish(EXIT_INTERRUPTED);
    }
  };

  /** The real terminal for a child (editor, agent): its Ctrl-C is its own, a SIGTERM is passed on and ends us after it. */
  const handOver = async <T>(fn: () => Promise<T>): Promise<T> => {
    stopKeys();
    dispatch({ type: "phase", phase: "suspended" });
    const release = deps.holdInterrupts?.() ?? (() => {});
    deps.screen.restore();
    try {
      return await fn();
    } finally {
      release();
      if (exitAfterHandover !== null) {
        finish(exitAfterHandover);
      } else {
        deps.screen.enter();
        stopKeys = listenKeys();
        painter.invalidate();
        dispatch({ type: "phase", phase: "browsing" });
      }
    }
  };

  const controls: EffectControls = {
    dispatch: (e) => dispatch(e),
    plan: (id) => planOf(state, id),
    refreshPlan: (id) => engine.refresh({ plan: id }),
    ask: (q, h) => ask((p) => q(p), h),
    handOver,
    writeTerminal: (s) => terminal.write(s),
    readOnly: () => (state.lock.role === "holder" ? null : readOnlyReason(state)),
  };

  const report = (error: unknown): void => say(`failed: ${error instanceof Error ? error.message : String(error)}`, "error");

  const openMenu = (planId: string, achievementId: string): void => {
    const plan = planOf(state, planId);
    const a = plan?.achievements.find((x) => x.id === achievementId);
    if (plan === undefined || a === undefined) return;
    const menu = actionMenu(plan, a, { readOnly: controls.readOnly(), hasAgentCommand: state.facts.hasAgentCommand }, clock.now());
    const room = state.size.rows - FOOTER_ROWS;
    if (room < MIN_MENU_ROWS) {
      say("the terminal is too small for the menu; use the keys (? lists them)", "warn");
      return;
    }
    const maxItems = Math.min(menu.options.length, room - promptHeight(0));
    void ask(
      (p) => p.select({ message: menu.message, options: menu.options, maxItems, ...(menu.initial === undefined ? {} : { initial: menu.initial }) }),
      promptHeight(maxItems),
    )
      // The answer is for the achievement the menu was opened on, wherever the selection is now.
      .then((command) => command !== null && dispatch({ type: "command", command, at: clock.now(), target: { planId, achievementId } }))
      .catch(report);
  };

  const run = (effect: Effect): void => {
    switch (effect.kind) {
      case "quit":
        finish(effect.code);
        return;
      case "refresh":
        void engine
          .refresh()
          .then((diff) => {
            const changed = diff.changed.length + diff.added.length + diff.removed.length;
            const what = changed === 0 ? "no changes" : `${changed} ${changed === 1 ? "plan" : "plans"} changed`;
            say(`${theme.glyphs.check} refreshed ${clockTime(clock.now())} (${what})`, "good");
          })
          .catch(report);
        return;
      case "redraw":
        painter.invalidate();
        return;
      case "ask-filter":
        void ask((p, ahead) => p.text({ message: "Filter plans by name (Enter keeps it, Esc clears it)", initial: effect.initial + ahead }), promptHeight(0))
          .then((text) => dispatch({ type: "filter", text, at: clock.now() }))
          .catch(report);
        return;
      case "menu":
        openMenu(effect.planId, effect.achievementId);
        return;
      case "action":
        void runAction(deps.actions, controls, effect.action, effect.planId, effect.achievementId, effect.text)
          .catch(report)
          .finally(() => dispatch({ type: "acted", at: clock.now() }));
        return;
      case "refresh-prompt":
        rebuildPrompt(deps.actions, controls, effect.planId, effect.achievementId);
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
      painter.invalidate();
      dispatch({ type: "resize", size: terminal.size() });
    }),
    () => stopKeys(),
  );
  const onAbort = (): void => {
    // The child got the same stop (passed on by its runner); end once it has ended.
    if (state.phase === "suspended") exitAfterHandover = EXIT_INTERRUPTED;
    else finish(EXIT_INTERRUPTED);
  };
  deps.signal.addEventListener("abort", onAbort, { once: true });
  cleanups.push(() => deps.signal.removeEventListener("abort", onAbort));

  deps.screen.enter();
  draw();
  const loaded = (): void => dispatch({ type: "loaded", data: engine.state, freshness: engine.freshness(), at: clock.now() });
  return { done, state: () => state, dispatch, loaded };
}
