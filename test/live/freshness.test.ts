import { describe, expect, test } from "bun:test";
import { formatInterval, freshnessLabel } from "../../src/live/freshness";
import { freshnessOf } from "../helpers/plans";

describe("the footer's freshness label (SPEC §4)", () => {
  test.each([
    [250, "250ms"],
    [1000, "1s"],
    [1600, "1.6s"],
    [2860, "2.9s"],
    [30_000, "30s"],
    [125_000, "125s"],
  ])("an interval of %d ms reads %p", (ms, text) => {
    expect(formatInterval(ms)).toBe(text);
  });

  test.each([
    [{ backend: "fs" as const }, "● live"],
    [{ backend: "off" as const }, "○ manual"],
    [{ backend: "poll" as const, intervalMs: 1000, fsType: "nfs", reason: "plans root is on nfs, where file system events are unreliable" }, "◌ polling every 1s (nfs)"],
    [{ backend: "poll" as const, intervalMs: 2860, fsType: "nfs", reason: "plans root is on nfs; stretched: 31,500 files take 143 ms a check", stretch: { files: 31_500, tickMs: 143 } }, "◌ polling every 2.9s (nfs; stretched: 31,500 files)"],
    [{ backend: "poll" as const, intervalMs: 4000, fsType: "ext4", reason: "polling forced (--poll)", stretch: { files: 52_000, tickMs: 200 } }, "◌ polling every 4s (stretched: 52,000 files)"],
    [{ backend: "poll" as const, intervalMs: 1800, watcherFailed: true, reason: "fs.watch failed (ENOSPC)", stretch: { files: 900, tickMs: 90 } }, "◌ polling every 1.8s (watcher failed; stretched: 900 files)"],
  ])("%o → %p", (patch, label) => {
    expect(freshnessLabel(freshnessOf(patch))).toBe(label);
  });
});
