/**
 * Expected failures carry an `E…` code so callers branch on codes, never on message text.
 * `cli/exit.ts` is the one place that maps codes to exit codes.
 */
export type ErrorCode =
  | "EUSAGE"
  | "ENOROOT"
  | "ECONFIG"
  | "EAMBIGUOUS"
  | "ENOPLAN"
  | "ENOACH"
  | "ENOSUBPLAN"
  | "ENOEXEC"
  | "ENOSTEP"
  | "EEXIST"
  | "EESCAPE"
  | "ELOCKED"
  | "ENOTLOCKED"
  | "EREFUSED"
  | "EREADONLY"
  | "EAMBIGUOUSKEY"
  | "ECHECK"
  | "EIO";

/**
 * What to do about a refusal, as data: the CLI words it as a command (`plandash new subplan P 1.2`),
 * the dashboard as a key. `plan` is a plan id; `achievement` an achievement id of that plan.
 */
export interface Suggestion {
  readonly action: "create-subplan" | "create-execution" | "approve" | "request-fix" | "next" | "open" | "status";
  readonly plan: string;
  readonly achievement?: string;
}

export class PlandashError extends Error {
  readonly code: ErrorCode;
  /** What the error is about: a path, a flag, a plan id. */
  readonly where: string | undefined;
  /** How to fix it, said to the user; with a suggestion, it leads into it ("create its SUBPLAN first"). */
  readonly hint: string | undefined;
  /** The step that would get past this refusal, for the UI to word as a command or a key. */
  readonly suggestion: Suggestion | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { where?: string; hint?: string; suggestion?: Suggestion; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PlandashError";
    this.code = code;
    this.where = options.where;
    this.hint = options.hint;
    this.suggestion = options.suggestion;
  }
}

export function isPlandashError(value: unknown): value is PlandashError {
  return value instanceof PlandashError;
}

/**
 * The code FsPort.readFile fails with for a path that exists but is not a regular file once links
 * are followed (FIFO, socket, device): such a thing is never read. A FIFO blocks open(2) and
 * read(2) for good, and a blocked main thread hears no signal (SPEC §1.4).
 */
export const NOT_REGULAR = "ENOTREG";

/** The OS error code (`ENOENT`, `EACCES`…) of a thrown value, if it has one. */
export function osErrorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

/**
 * An OS error as "CODE: text", the code said once: Node's and Bun's messages already start with it
 * ("ENOSPC: no space left on device, watch '…'"), others may not.
 */
export function osErrorText(code: string, message: string): string {
  return message === code || message.startsWith(`${code}:`) ? message : `${code}: ${message}`;
}

/** One line for the user: what happened (where) — how to fix it. */
export function formatError(error: PlandashError): string {
  const where = error.where === undefined ? "" : ` (${error.where})`;
  const hint = error.hint === undefined ? "" : ` — ${error.hint}`;
  return `plandash: ${error.message}${where}${hint}`;
}

export type Result<T, E = PlandashError> = { ok: true; value: T } | { ok: false; error: E };
