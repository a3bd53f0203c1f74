/**
 * The compiled binary in a pseudo-terminal: type keys, read the screen (escape codes stripped),
 * wait for text to appear. Resolves from the data callback, never by sleeping.
 */
import * as fs from "node:fs";
import { spawnInTerminal, type TerminalOptions } from "./spawn-terminal";

export const KEY = {
  up: "\x1b[A",
  down: "\x1b[B",
  enter: "\r",
  esc: "\x1b",
  ctrlC: "\x03",
  q: "q",
  r: "r",
} as const;

/** ICANON local flag: 0x2 on Linux, 0x100 on macOS. */
export const ICANON = process.platform === "darwin" ? 0x100 : 0x2;

// CSI / OSC / single-char escapes.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

export interface PtySession extends AsyncDisposable {
  readonly proc: ReturnType<typeof Bun.spawn>;
  readonly terminal: NonNullable<ReturnType<typeof Bun.spawn>["terminal"]>;
  readonly exited: Promise<number>;
  /** Everything printed so far, escape codes stripped. */
  output(): string;
  /** Output since the last `press`/`mark`. */
  recent(): string;
  mark(): void;
  press(keys: string): void;
  waitFor(pattern: RegExp, label?: string, timeoutMs?: number): Promise<string>;
}

export type PtyOptions = TerminalOptions;

export function startPty(args: readonly string[], options: PtyOptions = {}): PtySession {
  let raw = "";
  let markAt = 0;
  const waiters = new Set<() => void>();
  const { proc, terminal, home, ownHome } = spawnInTerminal(args, options, (text) => {
    raw += text;
    for (const w of [...waiters]) w();
  });
  const session: PtySession = {
    proc,
    terminal,
    exited: proc.exited,
    output: () => stripAnsi(raw),
    recent: () => stripAnsi(raw.slice(markAt)),
    mark() {
      markAt = raw.length;
    },
    press(keys) {
      markAt = raw.length;
      terminal.write(keys);
    },
    waitFor(pattern, label = String(pattern), timeoutMs = 10_000) {
      const { promise, resolve, reject } = Promise.withResolvers<string>();
      const check = (): void => {
        const text = stripAnsi(raw.slice(markAt));
        if (pattern.test(text)) {
          cleanup();
          resolve(text);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${label}; screen:\n${stripAnsi(raw.slice(markAt)).slice(-2000)}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
      return promise;
    },
    async [Symbol.asyncDispose]() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await proc.exited;
      terminal.close();
      if (ownHome) fs.rmSync(home, { recursive: true, force: true });
    },
  };
  return session;
}
