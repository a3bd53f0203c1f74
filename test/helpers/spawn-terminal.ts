/** The compiled binary in a fresh pseudo-terminal with a clean environment; its output as text, chunk by chunk. */
import { binaryPath } from "./binary";
import { childEnv } from "./child-env";
import { tempDir } from "./workspace";

export interface TerminalOptions {
  readonly cols?: number;
  readonly rows?: number;
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /** HOME (and XDG_CONFIG_HOME below it); a fresh one, removed with the session, when not given. */
  readonly home?: string;
  /**
   * Runs the binary through this command, which gets it and its arguments last: e.g.
   * `["/bin/sh", "-c", '"$@" | cat', "sh"]` for `plandash … | cat` in the terminal.
   */
  readonly via?: readonly string[];
}

export interface SpawnedTerminal {
  readonly proc: ReturnType<typeof Bun.spawn>;
  readonly terminal: NonNullable<ReturnType<typeof Bun.spawn>["terminal"]>;
  readonly home: string;
  /** Whether `home` was made here (and goes with the session). */
  readonly ownHome: boolean;
}

export function spawnInTerminal(args: readonly string[], options: TerminalOptions, onText: (text: string) => void): SpawnedTerminal {
  const home = options.home ?? tempDir("plandash-home-");
  const decoder = new TextDecoder();
  const proc = Bun.spawn([...(options.via ?? []), binaryPath(), ...args], {
    cwd: options.cwd ?? home,
    env: childEnv(home, options.env),
    terminal: {
      cols: options.cols ?? 100,
      rows: options.rows ?? 30,
      data(_t, chunk) {
        onText(decoder.decode(chunk, { stream: true }));
      },
    },
  });
  const terminal = proc.terminal;
  if (terminal === undefined) throw new Error("Bun.spawn did not open a terminal");
  return { proc, terminal, home, ownHome: options.home === undefined };
}
