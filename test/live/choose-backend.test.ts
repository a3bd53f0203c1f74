import { describe, expect, test } from "bun:test";
import { chooseBackend, fsTypeOf, mountFor, needsPolling, parseMounts, pollAfterFailure } from "../../src/live/choose-backend";

const MOUNTS = [
  "/dev/vda / ext4 rw,relatime 0 0",
  "server:/export /mnt/work nfs4 rw 0 0",
  "/dev/vdb /mnt/work/local ext4 rw 0 0",
  "C:\\134 /mnt/c drvfs rw 0 0",
  "sshfs#host: /home/me/remote\\040dir fuse.sshfs rw 0 0",
].join("\n");

describe("choosing the backend", () => {
  test.each([
    ["/mnt/work/plans", "nfs4"],
    ["/mnt/work", "nfs4"],
    ["/mnt/workshop", "ext4"],
    ["/mnt/work/local/plans", "ext4"],
    ["/mnt/c/Users/me", "drvfs"],
    ["/home/me/remote dir/plans", "fuse.sshfs"],
    ["/tmp", "ext4"],
  ])("%s is on %s (longest matching mount point)", (file, fsType) => {
    expect(mountFor(parseMounts(MOUNTS), file)?.fsType).toBe(fsType);
  });

  test.each([
    ["nfs", true],
    ["nfs4", true],
    ["cifs", true],
    ["smb3", true],
    ["9p", true],
    ["drvfs", true],
    ["fuse", true],
    ["fuse.sshfs", true],
    ["vboxsf", true],
    ["ext4", false],
    ["btrfs", false],
    ["tmpfs", false],
    ["overlay", false],
  ])("%s needs polling: %p", (fsType, expected) => {
    expect(needsPolling(fsType)).toBe(expected);
  });

  test.each([
    [{ mode: "auto", fsType: "ext4" }, "fs", null],
    [{ mode: "auto", fsType: null }, "fs", null],
    [{ mode: "auto", fsType: "nfs" }, "poll", 1000],
    [{ mode: "fs", fsType: "nfs" }, "fs", null],
    [{ mode: "poll", fsType: "ext4" }, "poll", 1000],
    [{ mode: "off", fsType: "ext4" }, "off", null],
  ] as const)("%p → %s", (facts, backend, intervalMs) => {
    const choice = chooseBackend({ ...facts, pollIntervalMs: 1000 });
    expect(choice.backend).toBe(backend);
    expect(choice.intervalMs).toBe(intervalMs);
    expect(choice.reason.length).toBeGreaterThan(0);
  });

  test("the reason names the filesystem and where a forced mode came from", () => {
    expect(chooseBackend({ mode: "auto", fsType: "cifs", pollIntervalMs: 500 }).reason).toContain("cifs");
    expect(chooseBackend({ mode: "poll", fsType: "ext4", pollIntervalMs: 500, modeSource: "PLANDASH_POLL=1" }).reason).toContain("PLANDASH_POLL=1");
  });

  test("no /proc/mounts: the filesystem is unknown", () => {
    expect(fsTypeOf(() => null, "/x")).toBeNull();
    expect(fsTypeOf(() => MOUNTS, "/mnt/work/p")).toBe("nfs4");
  });
});

describe("polling after fs.watch failed", () => {
  test.each([
    [{ code: "ENOSPC", message: "ENOSPC: no space left on device, watch '/p/d23'" }, "fs.watch failed (ENOSPC: no space left on device, watch '/p/d23'); polling every 500 ms"],
    [{ code: "EMFILE", message: "too many open files" }, "fs.watch failed (EMFILE: too many open files); polling every 500 ms"],
    [{ code: "EWATCH", message: "" }, "fs.watch failed (EWATCH); polling every 500 ms"],
  ])("%p is said with its code once", (failure, reason) => {
    expect(pollAfterFailure(failure, 500)).toEqual({ backend: "poll", intervalMs: 500, reason });
  });
});
