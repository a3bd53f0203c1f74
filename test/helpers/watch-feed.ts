/**
 * `plandash watch --ndjson` (the compiled binary) as a consumer sees it: every line parsed as it
 * arrives, and the workspace rebuilt from the feed alone (snapshot, then plan-added /
 * plan-changed / plan-removed), to compare with a fresh `status --json`.
 */
import { binaryPath } from "./binary";
import { childEnv } from "./child-env";
import { runCli } from "./run-cli";
import { waitFor } from "./wait-for";
import { tempDir } from "./workspace";

export type FeedEvent = Record<string, unknown> & { readonly type: string };

export interface WatchFeed extends AsyncDisposable {
  readonly proc: ReturnType<typeof Bun.spawn>;
  /** Every event so far, in order. */
  events(): readonly FeedEvent[];
  /** Lines that were not JSON (there should be none). */
  garbage(): readonly string[];
  stderr(): string;
  waitForEvent(pred: (e: FeedEvent) => boolean, label: string, timeoutMs?: number): Promise<FeedEvent>;
  /** Plan id → plan object, as the feed says the workspace is now. */
  rebuilt(): Map<string, unknown>;
}

export function spawnWatchFeed(args: readonly string[], env: Record<string, string> = {}): WatchFeed {
  const home = tempDir("plandash-home-");
  const proc = Bun.spawn([binaryPath(), "watch", "--ndjson", ...args], { cwd: home, env: childEnv(home, env), stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const events: FeedEvent[] = [];
  const garbage: string[] = [];
  let errText = "";
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of proc.stdout as ReadableStream<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          events.push(JSON.parse(line) as FeedEvent);
        } catch {
          garbage.push(line);
        }
      }
    }
  })();
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of proc.stderr as ReadableStream<Uint8Array>) errText += decoder.decode(chunk, { stream: true });
  })();
  const describe = (): string => events.slice(-8).map((e) => JSON.stringify(e).slice(0, 160)).join("\n");
  return {
    proc,
    events: () => events,
    garbage: () => garbage,
    stderr: () => errText,
    waitForEvent(pred, label, timeoutMs = 10_000) {
      return waitFor(() => events.find(pred), `${label}; last events:\n${describe()}\nstderr: ${errText}`, timeoutMs);
    },
    rebuilt() {
      const plans = new Map<string, unknown>();
      for (const e of events) {
        if (e.type === "snapshot") {
          plans.clear();
          for (const p of e.plans as { id: string }[]) plans.set(p.id, p);
        } else if (e.type === "plan-added" || e.type === "plan-changed") {
          const p = e.plan as { id: string };
          plans.set(p.id, p);
        } else if (e.type === "plan-removed") {
          plans.delete(e.id as string);
        }
      }
      return plans;
    },
    async [Symbol.asyncDispose]() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await proc.exited;
    },
  };
}

/** The first difference between the feed's view and a fresh scan, or null when they are equal. */
export function feedDifference(feed: Map<string, unknown>, fresh: readonly { id: string }[]): string | null {
  const freshIds = fresh.map((p) => p.id);
  const feedIds = [...feed.keys()].sort();
  if (JSON.stringify([...freshIds].sort()) !== JSON.stringify(feedIds)) return `plan ids: feed ${JSON.stringify(feedIds)} vs fresh ${JSON.stringify([...freshIds].sort())}`;
  for (const p of fresh) if (JSON.stringify(feed.get(p.id)) !== JSON.stringify(p)) return `plan ${p.id}: feed ${JSON.stringify(feed.get(p.id)).slice(0, 300)} vs fresh ${JSON.stringify(p).slice(0, 300)}`;
  return null;
}

/**
 * Until the workspace rebuilt from the feed equals a fresh `status --json` of `root` (SPEC §4's
 * guarantee once the files are quiet); a failure names the last difference and the feed's last
 * backend / error events.
 */
export async function waitForFeedToMatchStatus(feed: WatchFeed, root: string, timeoutMs: number): Promise<void> {
  let difference: string | null = "not compared yet";
  await waitFor(
    async () => {
      const status = await runCli(["status", "--json", "--root", root]);
      difference = feedDifference(feed.rebuilt(), (JSON.parse(status.stdout) as { plans: { id: string }[] }).plans);
      return difference === null;
    },
    "the feed to equal a fresh status --json",
    timeoutMs,
  ).catch((error: Error) => {
    const told = feed.events().filter((e) => e.type === "backend" || e.type === "error").slice(-6).map((e) => JSON.stringify(e));
    throw new Error(`${error.message}\nlast difference: ${difference}\nlast backend/error events:\n${told.join("\n")}`);
  });
}
