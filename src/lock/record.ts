/**
 * The lock record (SPEC §5): `{pid, host, processStart, nonce, version, createdAt}` as JSON, and
 * how any bytes found at a lock path are judged. Pure.
 */

export interface LockRecord {
  readonly pid: number;
  readonly host: string;
  /** `/proc/<pid>/stat` field 22 of the holder; null where there is no /proc. */
  readonly processStart: number | null;
  /** Random, unique per hold: the only thing that says "this record is mine". */
  readonly nonce: string;
  readonly version: string;
  /** ISO-8601. */
  readonly createdAt: string;
}

/**
 * Why bytes on a lock path are not a record. "not-a-file": a FIFO, socket or device, never read;
 * "too-large": more than a record could ever be, read only up to a cap.
 */
export type CorruptProblem = "empty" | "not-json" | "not-a-record" | "not-a-file" | "too-large";

/**
 * What a lock path holds. `key` names the state for the compare-and-replace protocol in
 * lock.ts: the nonce for a record (never reused), a content hash for anything else.
 */
export type LockReading =
  | { readonly kind: "none" }
  | { readonly kind: "record"; readonly record: LockRecord; readonly key: string; readonly mtimeMs: number }
  | {
      readonly kind: "corrupt";
      readonly problem: CorruptProblem;
      readonly key: string;
      readonly mtimeMs: number;
      readonly size: number;
    };

/** Nonces become part of guard file names: keep them to a safe alphabet. */
const NONCE = /^[A-Za-z0-9_-]{8,64}$/;

export function serializeRecord(record: LockRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** A record only when every field has the right type; a pid must be a positive integer (kill(0) or kill(-1) would signal groups). */
export function toRecord(value: unknown): LockRecord | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const { pid, host, processStart, nonce, version, createdAt } = v;
  if (typeof pid !== "number" || !Number.isSafeInteger(pid) || pid <= 0) return null;
  if (typeof host !== "string" || host === "") return null;
  if (processStart !== null && (typeof processStart !== "number" || !Number.isSafeInteger(processStart) || processStart < 0)) return null;
  if (typeof nonce !== "string" || !NONCE.test(nonce)) return null;
  if (typeof version !== "string" || typeof createdAt !== "string") return null;
  return { pid, host, processStart, nonce, version, createdAt };
}

/** What was found on the path besides its first bytes: full size, and whether it is a regular file. */
export interface ReadingShape {
  readonly size: number;
  readonly regular: boolean;
}

export function readingOf(bytes: Uint8Array, ino: number, mtimeMs: number, shape: ReadingShape = { size: bytes.length, regular: true }): LockReading {
  // Neither is read whole, so content alone cannot tell two states apart: size and mtime join the key.
  if (!shape.regular) return corrupt("not-a-file", bytes, ino, mtimeMs, shape.size, true);
  if (shape.size > bytes.length) return corrupt("too-large", bytes, ino, mtimeMs, shape.size, true);
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    return corrupt("empty", bytes, ino, mtimeMs, bytes.length, false);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: false }).decode(bytes));
  } catch {
    // SyntaxError: not our JSON (a foreign or damaged file); judged as corrupt, never thrown.
    return corrupt("not-json", bytes, ino, mtimeMs, bytes.length, false);
  }
  const record = toRecord(parsed);
  if (record === null) return corrupt("not-a-record", bytes, ino, mtimeMs, bytes.length, false);
  return { kind: "record", record, key: `n${record.nonce}`, mtimeMs };
}

function corrupt(problem: CorruptProblem, bytes: Uint8Array, ino: number, mtimeMs: number, size: number, partial: boolean): LockReading {
  const key = partial ? `${contentKey(bytes, ino)}-${size.toString(36)}-${Math.round(mtimeMs).toString(36)}` : contentKey(bytes, ino);
  return { kind: "corrupt", problem, key, mtimeMs, size };
}

/** A corrupt file's state is its inode and content: any rewrite makes a new state. */
function contentKey(bytes: Uint8Array, ino: number): string {
  return `c${ino.toString(36)}-${new Bun.CryptoHasher("sha256").update(bytes).digest("hex").slice(0, 20)}`;
}
