/**
 * Output on a file descriptor, written synchronously and completely. Bun makes stdout and
 * stderr non-blocking once `process.stdout` is touched, so a plain writeSync to a full pipe
 * writes only part of the text or fails with EAGAIN; this loops over partial writes and waits
 * a millisecond on EAGAIN until everything is out. EPIPE (the reader left) is thrown to the caller.
 */
import { writeSync } from "node:fs";
import { osErrorCode } from "../util/errors";
import type { Output } from "./command";

const EAGAIN_WAIT_MS = 1;
const pause = new Int32Array(new SharedArrayBuffer(4));

export function writeAllSync(fd: number, text: string, write: typeof writeSync = writeSync): void {
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += write(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = osErrorCode(error);
      if (code !== "EAGAIN" && code !== "EWOULDBLOCK") throw error;
      // A synchronous wait: the caller asked for a synchronous, complete write.
      Atomics.wait(pause, 0, 0, EAGAIN_WAIT_MS);
    }
  }
}

/**
 * `stream` is asked for only for a terminal's size: making process.stdout costs ~10 ms, which a
 * command that writes to a pipe (`status --json | jq`) never needs to pay. `isTerminal` is isatty(3).
 */
export function fdOutput(fd: 1 | 2, stream: () => NodeJS.WriteStream, isTerminal: (fd: number) => boolean): Output {
  let tty: boolean | null = null;
  return {
    write: (text) => writeAllSync(fd, text),
    get isTTY() {
      tty ??= isTerminal(fd);
      return tty;
    },
    get columns() {
      return this.isTTY ? stream().columns : undefined;
    },
    get rows() {
      return this.isTTY ? stream().rows : undefined;
    },
  };
}
