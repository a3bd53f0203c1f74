/** The lock as reported by read-only commands (`status --json`). Replaced by the lock module's reader. */
import type { LockJson } from "../../core/status-json";
import type { CommandContext } from "../command";

export function readLockJson(_ctx: CommandContext, _root: string): LockJson | null {
  return null;
}
