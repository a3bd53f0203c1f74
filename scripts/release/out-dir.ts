/** The release folder: earlier artefacts are replaced, anything else in it makes the release refuse. */
import * as fs from "node:fs";
import * as path from "node:path";
import { PlandashError } from "../../src/util/errors";

const ARTEFACT = /^(plandash-.+\.(tar\.gz|zip)|SHA256SUMS|install\.sh)$/;

function isArtefact(dir: string, name: string): boolean {
  if (ARTEFACT.test(name)) return true;
  if (name !== "npm") return false;
  return fs.readdirSync(path.join(dir, name)).every((n) => n.endsWith(".tgz"));
}

/** Empties `dir` of a previous release's artefacts (creating it when missing); refuses a folder that holds anything else. */
export function prepareOutDir(dir: string): void {
  if (fs.existsSync(dir)) {
    const names = fs.readdirSync(dir);
    const foreign = names.filter((n) => !isArtefact(dir, n));
    if (foreign.length > 0) {
      throw new PlandashError("EUSAGE", `the release folder holds files that are not release artefacts (${foreign.slice(0, 3).join(", ")})`, {
        where: dir,
        hint: "point --out at an empty or a release folder",
      });
    }
    for (const n of names) fs.rmSync(path.join(dir, n), { recursive: true, force: true });
  }
  fs.mkdirSync(path.join(dir, "npm"), { recursive: true });
}
