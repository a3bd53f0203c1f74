/** The bench's own tooling: the CI harness check and the README table (no timing is judged here). */
import { describe, expect, test } from "bun:test";
import { problemsOf } from "../../bench/check-results";
import { BEGIN, END, renderTable, replaceBlock } from "../../bench/readme-table";

const machine = { cores: 2, cpu: "CPU", kernel: "6.1", platform: "linux-x64", bun: "1.4.5", filesystem: "ext4", memoryGb: 8, loadAtStart: 1, loadAtEnd: 2 };
const row = (key: string, measured = "12 ms") => ({ key, what: key, measured, target: "≤ 20 ms", ok: true });
const keys = ["version", "status-10", "status-100", "status-1000", "latency-fs", "latency-poll", "burst", "recompute", "idle-fs", "idle-poll", ...[50, 1000].flatMap((p) => ["start", "latency", "bytes", "idle"].map((r) => `dashboard-${p}-${r}`))];
const complete = () => ({
  schema: "plandash.bench/1",
  machine: { ...machine },
  median: { cold: { status: { "10": {}, "100": {}, "1000": {} } }, dashboard: { sizes: [{ plans: 50 }, { plans: 1000 }] } },
  table: keys.map((k) => row(k)),
});

describe("bench/check-results (the CI harness check)", () => {
  test("a complete results file passes", () => {
    expect(problemsOf(complete())).toEqual([]);
  });

  test("a missing row, a figure that was not measured and a missing machine fact are each named", () => {
    const r = complete();
    r.table = r.table.filter((x) => x.key !== "burst").map((x) => (x.key === "recompute" ? row("recompute", "10: NaN ms") : x));
    delete (r.machine as Partial<typeof machine>).kernel;
    expect(problemsOf(r)).toEqual(["machine.kernel is missing", "no row burst", "row recompute has a figure that was not measured: 10: NaN ms"]);
  });
});

describe("bench/readme-table", () => {
  test("rewrites only the block between the markers, with the machine facts and one line per row", () => {
    const readme = `# x\n\nbefore\n\n${BEGIN}\nold table\n${END}\n\nafter\n`;
    const block = renderTable({ measuredAt: "2026-12-01T00:00:00.000Z", mode: "full", repeat: 3, machine, binary: { sizeMb: 111 }, table: [row("version"), { ...row("status-10"), ok: null }, { ...row("status-1000", "a | b"), ok: false }] });
    const out = replaceBlock(readme, block);
    expect(out.startsWith("# x\n\nbefore\n\n")).toBe(true);
    expect(out.endsWith("\n\nafter\n")).toBe(true);
    expect(out).not.toContain("old table");
    expect(out).toContain("the median of 3 runs");
    expect(out).toContain("2 cores (CPU), 8 GB, Linux 6.1, Bun 1.4.5, ext4");
    expect(out).toContain("| version | 12 ms | ≤ 20 ms ✅ |");
    expect(out).toContain("| status-10 | 12 ms | ≤ 20 ms |");
    expect(out).toContain("| status-1000 | a \\| b | ≤ 20 ms ❌ |");
  });

  test("a README without the markers is refused, not rewritten", () => {
    expect(() => replaceBlock("# no markers\n", "x")).toThrow(/bench:begin/);
  });
});
