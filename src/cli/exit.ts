/** The one table from error codes to exit codes (SPEC §3.3). */
import type { ErrorCode } from "../util/errors";

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  sigint: 130,
  sigterm: 143,
  sighup: 129,
} as const;

const BY_CODE: Readonly<Record<ErrorCode, number>> = {
  EUSAGE: EXIT.usage,
  ENOROOT: EXIT.usage,
  ECONFIG: EXIT.usage,
  EAMBIGUOUS: EXIT.usage,
  ENOPLAN: EXIT.usage,
  ENOACH: EXIT.failed,
  ENOSUBPLAN: EXIT.failed,
  ENOEXEC: EXIT.failed,
  ENOSTEP: EXIT.failed,
  EEXIST: EXIT.failed,
  EESCAPE: EXIT.failed,
  ELOCKED: EXIT.failed,
  ENOTLOCKED: EXIT.failed,
  EREFUSED: EXIT.failed,
  EREADONLY: EXIT.failed,
  EAMBIGUOUSKEY: EXIT.failed,
  ECHECK: EXIT.failed,
  EIO: EXIT.failed,
};

export function exitCodeFor(code: ErrorCode): number {
  return BY_CODE[code];
}

export function exitCodeForSignal(reason: unknown): number | null {
  if (reason === "SIGINT") return EXIT.sigint;
  if (reason === "SIGTERM") return EXIT.sigterm;
  if (reason === "SIGHUP") return EXIT.sighup;
  return null;
}
