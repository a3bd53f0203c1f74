/**
 * Writes NDJSON / log lines to an Output that may be a non-blocking pipe. A write(2) of more
 * than PIPE_BUF bytes to a full non-blocking pipe may be cut short or fail with EAGAIN, and
 * Output.write cannot say how much went out; pieces of at most PIPE_BUF (4096) bytes are
 * written whole or not at all (POSIX), so each piece is retried until it goes through. Lines
 * go out at once while the pipe has room; only a slow reader makes them wait, in order.
 */
import type { Clock } from "../ports";

/** What the writer needs of an output stream (the CLI's Output fits). */
export interface TextSink {
  write(text: string): void;
}
import { osErrorCode } from "../util/errors";

/** 1,024 UTF-16 code units are at most 4,096 UTF-8 bytes: PIPE_BUF on Linux and macOS. */
const PIECE_UNITS = 1024;
const RETRY_MS = 2;

export interface LineWriter {
  /** Queues the lines (each gets a "\n") and writes as much as the output takes now. */
  write(lines: readonly string[]): void;
  /** Resolves when everything queued so far is written (or the output closed). */
  flushed(): Promise<void>;
}

/** Splits text into pieces of at most PIECE_UNITS code units, never inside a surrogate pair. */
export function pieces(text: string, size = PIECE_UNITS): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** `onClosed(null)`: the reader went away (EPIPE); `onClosed(error)`: any other write failure. */
export function createLineWriter(out: TextSink, clock: Clock, onClosed: (error: unknown) => void): LineWriter {
  const queue: string[] = [];
  let closed = false;
  let waiting = false;
  let idle: PromiseWithResolvers<void> | null = null;

  const drain = (): void => {
    while (queue.length > 0 && !closed) {
      const piece = queue[0] ?? "";
      try {
        out.write(piece);
        queue.shift();
      } catch (error) {
        const code = osErrorCode(error);
        if (code === "EAGAIN" || code === "EWOULDBLOCK") {
          waiting = true;
          clock.setTimeout(() => {
            waiting = false;
            drain();
          }, RETRY_MS);
          return;
        }
        closed = true;
        queue.length = 0;
        onClosed(code === "EPIPE" ? null : error);
      }
    }
    idle?.resolve();
    idle = null;
  };

  return {
    write(lines) {
      if (closed || lines.length === 0) return;
      queue.push(...pieces(`${lines.join("\n")}\n`));
      if (!waiting) drain();
    },
    flushed() {
      if (queue.length === 0 || closed) return Promise.resolve();
      idle ??= Promise.withResolvers<void>();
      return idle.promise;
    },
  };
}
