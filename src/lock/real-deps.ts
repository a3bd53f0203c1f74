/** The lock's real dependencies: the shared process and clock ports plus the lock's own fs port. */
import { randomBytes } from "node:crypto";
import type { Ports } from "../ports";
import type { LockDeps } from "./lock";
import { realLockFs } from "./lock-fs";

/** 96 random bits, base64url: 16 characters of [A-Za-z0-9_-]. */
export function randomNonce(): string {
  return randomBytes(12).toString("base64url");
}

export function realLockDeps(ports: Pick<Ports, "proc" | "clock">, version: string): LockDeps {
  return { fs: realLockFs, proc: ports.proc, clock: ports.clock, nonce: randomNonce, version };
}
