/** A terminal for tests of the dashboard loop: keys are pushed in, bytes are collected, size is set. */
import { PassThrough } from "node:stream";
import type { TerminalPort, TerminalSize } from "../../src/ports";

export interface FakeTerminal extends TerminalPort {
  /** Everything written so far. */
  readonly written: string[];
  rawMode: boolean;
  type(chunk: string): void;
  resize(size: TerminalSize): void;
}

export function fakeTerminal(size: TerminalSize = { cols: 100, rows: 30 }): FakeTerminal {
  let current = size;
  const inputs = new Set<(chunk: string) => void>();
  const resizes = new Set<() => void>();
  const term: FakeTerminal = {
    interactive: true,
    input: new PassThrough(),
    output: new PassThrough(),
    written: [],
    rawMode: false,
    size: () => current,
    onResize(listener) {
      resizes.add(listener);
      return () => {
        resizes.delete(listener);
      };
    },
    onInput(listener) {
      inputs.add(listener);
      return () => {
        inputs.delete(listener);
      };
    },
    setRawMode(on) {
      term.rawMode = on;
    },
    // Nothing here styles text itself (clack is not loaded by the loop's tests).
    styleColors() {},
    write(text) {
      term.written.push(text);
    },
    writeSync(text) {
      term.written.push(text);
    },
    type(chunk) {
      for (const l of [...inputs]) l(chunk);
    },
    resize(next) {
      current = next;
      for (const l of [...resizes]) l();
    },
  };
  return term;
}
