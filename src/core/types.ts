/** The one state model. Values are spelled exactly as in SPEC because they go straight into JSON. */

export type AchievementStatus =
  | "approved"
  | "needs-fix"
  | "awaiting-review"
  | "in-progress"
  | "planned"
  | "not-started";

export const ACHIEVEMENT_STATUSES: readonly AchievementStatus[] = [
  "approved",
  "needs-fix",
  "awaiting-review",
  "in-progress",
  "planned",
  "not-started",
];

export type PlanStatus = "empty" | "complete" | "needs-attention" | "awaiting-review" | "in-progress" | "ready";

export type Step = "address-fix" | "review" | "continue-execution" | "create-execution" | "create-subplan";

export type WarningCode =
  | "multiple-plan-files"
  | "no-achievement-index"
  | "ambiguous-key"
  | "orphan-file"
  | "not-utf8"
  | "unreadable-file"
  | "file-too-large"
  | "parallel-unknown-id"
  | "parallel-cycle"
  | "parallel-invalid"
  | "unsafe-name";

export interface Warning {
  readonly code: WarningCode;
  readonly message: string;
  /** Relative to the plans root, `/`-separated. */
  readonly file?: string;
}

export interface Execution {
  /** Relative to the plans root. */
  readonly file: string;
  readonly attempt: number;
  readonly suffix: string | null;
  readonly complete: boolean;
  /** Only for `stale` (not in JSON); null when not read, which only an approved achievement's executions are. */
  readonly mtimeMs: number | null;
}

/** SPEC §1.4 / §3.1: `fix` and `resolution` are the files of the latest review round. */
export interface Feedback {
  readonly approved: string | null;
  readonly fix: string | null;
  readonly resolution: string | null;
  /** The latest review round (1 = the plain FIX_<key> pair); null without any FIX or RESOLUTION. */
  readonly round: number | null;
}

export interface Achievement {
  readonly id: string;
  readonly key: string;
  readonly title: string;
  readonly status: AchievementStatus;
  readonly stale: boolean;
  readonly markedDone: boolean;
  readonly subplan: string | null;
  /** Ordered oldest attempt first; the last one is the latest (SPEC §1.4). */
  readonly executions: readonly Execution[];
  readonly feedback: Feedback;
}

export interface NextStep {
  readonly achievement: string;
  readonly title: string;
  readonly step: Step;
}

export interface Parallel {
  readonly ready: readonly string[];
  readonly levels: readonly (readonly string[])[];
}

export type StatusCounts = Readonly<Record<AchievementStatus, number>>;

export interface Plan {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  readonly paused: boolean;
  /** Relative to the plans root. */
  readonly planFile: string;
  readonly status: PlanStatus;
  readonly progress: { readonly approved: number; readonly total: number; readonly percent: number };
  readonly counts: StatusCounts;
  readonly next: NextStep | null;
  readonly upcoming: readonly string[];
  readonly parallel: Parallel | null;
  readonly achievements: readonly Achievement[];
  readonly warnings: readonly Warning[];
}

export interface WorkspaceState {
  /** Absolute plans root. */
  readonly root: string;
  /** In SPEC §1.2 order. */
  readonly plans: readonly Plan[];
  readonly scannedAt: number;
}
