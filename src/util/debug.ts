/**
 * Decision logging, a no-op unless PLANDASH_DEBUG=1. The sink is chosen by the caller:
 * CLI commands log to stderr, the dashboard to a file (its stderr is the screen).
 */
export type DebugSink = (line: string) => void;

export interface Debug {
  (scope: string, message: string, fields?: Record<string, unknown>): void;
  readonly enabled: boolean;
}

export function createDebug(env: Readonly<Record<string, string | undefined>>, sink: DebugSink): Debug {
  const enabled = env.PLANDASH_DEBUG === "1";
  const log = (scope: string, message: string, fields?: Record<string, unknown>): void => {
    if (!enabled) return;
    const extra = fields === undefined ? "" : ` ${JSON.stringify(fields)}`;
    sink(`[plandash:${scope}] ${message}${extra}`);
  };
  return Object.assign(log, { enabled });
}

export const noDebug: Debug = Object.assign(() => {}, { enabled: false });
