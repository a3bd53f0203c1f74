/**
 * Telling that nobody reads our stdout any more, while nothing is being written
 * (`watch | head -1` must end even when no change comes, and at once):
 *
 * - A pipe or socket whose reader went away: a worker thread blocks in poll(2) on the fd
 *   through bun:ffi (POLLERR / POLLHUP are reported whether asked for or not) and says so the
 *   moment it happens; the main thread is never woken meanwhile. Where FFI, libc or workers
 *   are unavailable, nothing is watched and the next write's EPIPE ends the command instead.
 * - Started with stdout closed (`plandash watch >&-`): Bun puts /dev/null on a closed standard
 *   fd before our code runs, opened close-on-exec. An inherited fd can never be close-on-exec
 *   (exec would have closed it), so that flag on fd 1 means there was no stdout at all.
 *   Linux only (read from /proc/self/fdinfo).
 */
import * as fs from "node:fs";

const POLLERR = 0x8;
const POLLHUP = 0x10;
const POLLNVAL = 0x20;
const O_CLOEXEC_FDINFO = 0o2000000;

/** `flags:` of a /proc/<pid>/fdinfo/<fd> text → close-on-exec set? null when it cannot tell. Pure. */
export function isCloseOnExec(fdinfo: string): boolean | null {
  const line = fdinfo.split("\n").find((l) => l.startsWith("flags:"));
  if (line === undefined) return null;
  const flags = Number.parseInt(line.slice("flags:".length).trim(), 8);
  return Number.isNaN(flags) ? null : (flags & O_CLOEXEC_FDINFO) !== 0;
}

/** True when the process was started with fd `fd` closed (see the file comment). */
export function startedClosed(fd: number): boolean {
  try {
    return isCloseOnExec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, "utf8")) === true;
  } catch {
    // ENOENT: no /proc (macOS, some sandboxes): cannot tell, so assume it is open.
    return false;
  }
}

/** Runs in the worker: block in poll(2) until the fd reports an error or hang-up. */
const WORKER_SOURCE = `
const ffi = require("bun:ffi");
self.onmessage = (event) => {
  const { fd, libc, mask } = event.data;
  let poll;
  try {
    poll = ffi.dlopen(libc, { poll: { args: [ffi.FFIType.ptr, ffi.FFIType.u64, ffi.FFIType.i32], returns: ffi.FFIType.i32 } }).symbols.poll;
  } catch {
    postMessage({ watching: false });
    return;
  }
  postMessage({ watching: true });
  // struct pollfd { int fd; short events; short revents; }: events 0, only errors and hang-ups wake us.
  const pollfd = new Int32Array(2);
  for (;;) {
    pollfd[0] = fd;
    pollfd[1] = 0;
    // -1: wait as long as it takes; a negative result is EINTR, so wait again.
    if (poll(ffi.ptr(pollfd), 1, -1) > 0 && (((pollfd[1] >>> 16) & 0xffff) & mask) !== 0) break;
  }
  postMessage({ closed: true });
};
`;

/** Whether the reader of `fd` can go away at all (a pipe or a socket; not a file or a terminal). */
export function readerCanLeave(fd: number): boolean {
  try {
    const s = fs.fstatSync(fd);
    return s.isFIFO() || s.isSocket();
  } catch {
    // EBADF: no such fd; nothing to watch.
    return false;
  }
}

/** Calls `onClosed` once when the reader of `fd` goes away; returns stop(). */
export function watchReaderGone(fd: number, onClosed: () => void): () => void {
  let worker: Worker;
  try {
    worker = new Worker(URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "application/javascript" })));
  } catch {
    // No workers here: the next write's EPIPE ends the command.
    return () => {};
  }
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    worker.terminate();
  };
  worker.onmessage = (event: MessageEvent<{ watching?: boolean; closed?: boolean }>) => {
    if (event.data.watching === false) stop();
    if (event.data.closed === true && !stopped) {
      stop();
      onClosed();
    }
  };
  // The worker must not keep the process alive on its own.
  worker.unref();
  worker.postMessage({ fd, libc: process.platform === "darwin" ? "libc.dylib" : "libc.so.6", mask: POLLERR | POLLHUP | POLLNVAL });
  return stop;
}
