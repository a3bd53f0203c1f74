/**
 * Notices that the reader of a pipe went away while nothing is being written (`watch | head -1`
 * must end even when no change comes). Linux/macOS report POLLERR on the write end of a pipe
 * whose read end is closed; we ask poll(2) through bun:ffi every `intervalMs`. Where FFI or
 * libc is unavailable this is a no-op and the next write's EPIPE ends the command instead.
 */
import type { Clock } from "../ports";

const POLLERR = 0x8;
const POLLHUP = 0x10;

export type PipeProbe = () => boolean;

export function pollErrProbe(fd: number): PipeProbe | null {
  try {
    // Loaded lazily: bun:ffi is only needed when stdout is a pipe.
    const ffi = require("bun:ffi") as typeof import("bun:ffi");
    const libcName = process.platform === "darwin" ? "libc.dylib" : "libc.so.6";
    const libc = ffi.dlopen(libcName, { poll: { args: [ffi.FFIType.ptr, ffi.FFIType.u64, ffi.FFIType.i32], returns: ffi.FFIType.i32 } });
    // struct pollfd { int fd; short events; short revents; }
    const pollfd = new Int32Array(2);
    return () => {
      pollfd[0] = fd;
      pollfd[1] = 0;
      const ready = libc.symbols.poll(ffi.ptr(pollfd), 1, 0);
      const revents = ((pollfd[1] ?? 0) >>> 16) & 0xffff;
      return ready > 0 && (revents & (POLLERR | POLLHUP)) !== 0;
    };
  } catch {
    // No FFI / no libc by that name (musl, Windows): fall back to EPIPE on the next write.
    return null;
  }
}

/** Calls `onClosed` once when the probe says the pipe is closed; returns stop(). */
export function watchPipeClosed(clock: Clock, probe: PipeProbe | null, intervalMs: number, onClosed: () => void): () => void {
  if (probe === null) return () => {};
  let timer: unknown = null;
  let stopped = false;
  const tick = (): void => {
    timer = null;
    if (stopped) return;
    if (probe()) {
      stopped = true;
      onClosed();
      return;
    }
    timer = clock.setTimeout(tick, intervalMs);
  };
  timer = clock.setTimeout(tick, intervalMs);
  return () => {
    stopped = true;
    if (timer !== null) clock.clearTimeout(timer);
  };
}
