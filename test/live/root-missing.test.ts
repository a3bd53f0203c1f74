import { expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../helpers/workspace";
import { startEngine } from "./engine-harness";

test("an engine started on a root that has just vanished reports it and picks it up when it appears", async () => {
  const dir = tempDir();
  const root = path.join(dir, "plans");
  try {
    await using h = await startEngine(root, "fs");
    expect(h.engine.freshness().lastError?.code).toBe("ENOENT");
    expect(h.engine.freshness().backend).toBe("fs");
    fs.mkdirSync(path.join(root, "A"), { recursive: true });
    fs.writeFileSync(path.join(root, "A", "PLAN_A.md"), "## Achievement Index\n- Achievement 1.1: x\n");
    await h.settled("the plan once the root exists", () => h.engine.state.plans.length === 1 && h.engine.freshness().lastError === null);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
