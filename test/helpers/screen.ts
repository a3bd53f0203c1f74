/**
 * The compiled dashboard in a pseudo-terminal, its output fed into a headless terminal emulator
 * (@xterm/headless), so tests read the *screen* a user would see — not a stream of escape codes.
 * Waits resolve from the data callback (never by sleeping) and fail with the screen they saw.
 */
import { Terminal } from "@xterm/headless";
import * as fs from "node:fs";
import { spawnInTerminal, type TerminalOptions } from "./spawn-terminal";

export const KEYS = {
  up: "\x1b[A",
  down: "\x1b[B",
  pageDown: "\x1b[6~",
  pageUp: "\x1b[5~",
  enter: "\r",
  esc: "\x1b",
  ctrlC: "\x03",
} as const;

/** ICANON local flag: 0x2 on Linux, 0x100 on macOS. */
export const ICANON = process.platform === "darwin" ? 0x100 : 0x2;
/** ECHO local flag (0x8 on Linux and macOS). */
export const ECHO = 0x8;

export interface DashboardSession extends AsyncDisposable {
  readonly proc: ReturnType<typeof Bun.spawn>;
  readonly exited: Promise<number>;
  /** The visible screen, one string per row, right-trimmed. */
  lines(): string[];
  screen(): string;
  /** Everything the program wrote, raw. */
  raw(): string;
  /**
   * The lines the dashboard drew since `from` (an offset into raw()), escape codes stripped: each
   * is addressed to a row and written whole, so its width is what it would take on a terminal.
   */
  drawnLines(from?: number): string[];
  /** Which buffer is shown: the alternate screen while the dashboard runs. */
  buffer(): "normal" | "alternate";
  /**
   * Lines pushed off the top of the normal screen into the user's scrollback. (The alternate
   * screen keeps none — its baseY is always 0 — so a scroll there shows only as rows that moved.)
   */
  scrollback(): number;
  /** Whether the program's last word on the cursor was "show" (ESC[?25h). */
  cursorShown(): boolean;
  localFlags(): number;
  press(keys: string): void;
  /** Closes the terminal, as when its window is closed: the kernel hangs it up (SIGHUP). */
  hangUp(): void;
  resize(cols: number, rows: number): void;
  /** Until the screen matches `pattern`, or `pattern(lines)` holds. */
  waitForScreen(pattern: RegExp | ((lines: string[]) => boolean), label?: string, timeoutMs?: number): Promise<string>;
  waitForExit(timeoutMs?: number): Promise<number>;
}

export type DashboardOptions = TerminalOptions;

export function startDashboard(args: readonly string[], options: DashboardOptions = {}): DashboardSession {
  const cols = options.cols ?? 100;
  const rows = options.rows ?? 30;
  const xterm = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  let raw = "";
  let parsed = 0;
  const waiters = new Set<() => void>();
  const { proc, terminal, home, ownHome } = spawnInTerminal(args, { ...options, cols, rows }, (text) => {
    raw += text;
    xterm.write(text, () => {
      parsed++;
      for (const w of [...waiters]) w();
    });
  });
  const lines = (): string[] => {
    const b = xterm.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < xterm.rows; i++) out.push(b.getLine(b.viewportY + i)?.translateToString(true) ?? "");
    return out;
  };
  const session: DashboardSession = {
    proc,
    exited: proc.exited,
    lines,
    screen: () => lines().join("\n"),
    raw: () => raw,
    drawnLines(from = 0) {
      const out: string[] = [];
      for (const m of raw.slice(from).matchAll(/\x1b\[\d+;1H\x1b\[2K(.*?)\x1b\[0m/g)) out.push((m[1] ?? "").replace(/\x1b\[[0-?]*[ -\/]*[@-~]/g, ""));
      return out;
    },
    buffer: () => (xterm.buffer.active.type === "alternate" ? "alternate" : "normal"),
    scrollback: () => xterm.buffer.normal.baseY,
    cursorShown: () => raw.lastIndexOf("\x1b[?25h") > raw.lastIndexOf("\x1b[?25l"),
    localFlags: () => terminal.localFlags,
    press(keys) {
      terminal.write(keys);
    },
    hangUp() {
      terminal.close();
    },
    resize(c, r) {
      xterm.resize(c, r);
      terminal.resize(c, r);
    },
    waitForScreen(pattern, label = String(pattern), timeoutMs = 10_000) {
      const { promise, resolve, reject } = Promise.withResolvers<string>();
      const check = (): void => {
        const text = session.screen();
        if (typeof pattern === "function" ? pattern(lines()) : pattern.test(text)) {
          cleanup();
          resolve(text);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${label}; the screen (${parsed} writes parsed):\n${session.screen()}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
      return promise;
    },
    async waitForExit(timeoutMs = 10_000) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the dashboard did not exit within ${timeoutMs} ms; the screen:\n${session.screen()}`)), timeoutMs);
      });
      try {
        const code = await Promise.race([proc.exited, timeout]);
        // Let the emulator take in the last bytes (the restore sequences) before anyone looks.
        await new Promise<void>((resolve) => xterm.write("", resolve));
        return code;
      } finally {
        clearTimeout(timer);
      }
    },
    async [Symbol.asyncDispose]() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await proc.exited;
      terminal.close();
      if (ownHome) fs.rmSync(home, { recursive: true, force: true });
      xterm.dispose();
    },
  };
  return session;
}
