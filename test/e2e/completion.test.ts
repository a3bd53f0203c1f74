/**
 * Shell completion on the compiled binary, in the real shells: the scripts parse, a bash (and a
 * zsh and a fish) that loaded them completes `plandash st` to `status` and a plan name after
 * `plandash status `, and `__complete` answers from the shared corpus without writing anything.
 * zsh and fish are installed by .ci/run; where one is missing its checks are skipped with a line
 * that says so (never silently).
 */
import { afterAll, describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { binaryPath, CORPUS_PLANS } from "../helpers/binary";
import { childEnv } from "../helpers/child-env";
import { runCli } from "../helpers/run-cli";
import { planDir, tempDir, tempWorkspace } from "../helpers/workspace";

const home = tempDir("plandash-home-");
/** The scripts call `plandash` from PATH, as an installed one would. */
const binDir = tempDir("plandash-bin-");
fs.symlinkSync(binaryPath(), path.join(binDir, "plandash"));
afterAll(() => {
  for (const dir of [home, binDir]) fs.rmSync(dir, { recursive: true, force: true });
});
const env = (): Record<string, string> => childEnv(home, { PATH: `${binDir}:${process.env.PATH ?? ""}` });

async function shell(argv: readonly string[], cwd: string, stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const proc = Bun.spawn([...argv], { cwd, env: env(), stdin: stdin === undefined ? "ignore" : new TextEncoder().encode(stdin), stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, out, err };
}

async function script(kind: "bash" | "zsh" | "fish"): Promise<string> {
  const r = await runCli(["completion", kind], { home });
  expect(r.exitCode).toBe(0);
  const file = path.join(home, `plandash.${kind}`);
  fs.writeFileSync(file, r.stdout);
  return file;
}

async function corpusPlanNames(): Promise<string[]> {
  const r = await runCli(["status", "--json", "--root", CORPUS_PLANS], { home });
  const doc = JSON.parse(r.stdout) as { plans: { id: string; name: string }[] };
  return [...new Set(doc.plans.flatMap((p) => [p.name, p.id]))].sort();
}

const lines = (text: string): string[] => text.split("\n").filter((l) => l !== "");

describe("plandash __complete", () => {
  test("on the shared corpus: every plan's name and id after `status `, and a plan's achievement ids after `review PLAN `", async () => {
    const names = await corpusPlanNames();
    expect(names.length).toBeGreaterThan(10);
    const r = await runCli(["__complete", "--", "status", "--root", CORPUS_PLANS, ""], { home });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    const out = lines(r.stdout);
    expect(out.at(-1)).toBe(":none");
    expect(out.slice(0, -1).sort()).toEqual(names);

    const status = JSON.parse((await runCli(["status", "LLM-DASHBOARD-CLI", "--json", "--root", CORPUS_PLANS], { home })).stdout) as { plans: { achievements: { id: string }[] }[] };
    const ids = status.plans[0]?.achievements.map((a) => a.id) ?? [];
    const review = await runCli(["__complete", "--", "review", "--root", CORPUS_PLANS, "llm-dashboard-cli", ""], { home });
    expect(lines(review.stdout).slice(0, -1)).toEqual(ids);
  });

  test("writes nothing and takes no lock, even in a workspace a dashboard never opened; outside a workspace it offers no names and prints no error", async () => {
    await using ws = await tempWorkspace({ ALPHA: planDir("ALPHA", { index: ["1.1 First"] }) });
    const before = fs.readdirSync(ws.dir, { recursive: true }).sort();
    const r = await runCli(["__complete", "--", "open", "ALPHA", ""], { cwd: ws.dir, home });
    expect(lines(r.stdout)).toEqual(["1.1", ":none"]);
    expect(fs.readdirSync(ws.dir, { recursive: true }).sort()).toEqual(before);
    expect(fs.existsSync(ws.path(".plandash"))).toBe(false);

    const empty = tempDir();
    const nowhere = await runCli(["__complete", "--", "status", ""], { cwd: empty, home });
    fs.rmSync(empty, { recursive: true, force: true });
    expect(nowhere).toEqual({ exitCode: 0, stdout: ":none\n", stderr: "" });
  });

  test("completion with no shell or an unknown one is one line on stderr with exit 2", async () => {
    for (const args of [["completion"], ["completion", "tcsh"]]) {
      const r = await runCli(args, { home });
      expect(r.exitCode).toBe(2);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(/bash, zsh, fish/);
    }
  });
});

describe("bash", () => {
  const complete = async (words: string[], cwd: string): Promise<string[]> => {
    const file = await script("bash");
    const program = [`source ${JSON.stringify(file)}`, `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(" ")})`, `COMP_CWORD=${words.length - 1}`, "_plandash", 'printf "%s\\n" "${COMPREPLY[@]}"'].join("\n");
    const r = await shell(["bash", "--norc", "--noprofile", "-c", program], cwd);
    expect(r.err).toBe("");
    return lines(r.out);
  };

  test("bash -n accepts the script", async () => {
    const r = await shell(["bash", "-n", await script("bash")], home);
    expect(r).toEqual({ code: 0, out: "", err: "" });
  });

  test("a bash that sourced it completes `plandash st` to status, and a plan name after `plandash status `", async () => {
    expect(await complete(["plandash", "st"], home)).toEqual(["status"]);
    const inCorpus = path.dirname(path.dirname(CORPUS_PLANS));
    expect((await complete(["plandash", "status", ""], inCorpus)).sort()).toEqual(await corpusPlanNames());
    expect(await complete(["plandash", "status", "LLM-D"], inCorpus)).toEqual(["LLM-DASHBOARD-CLI"]);
  });

  test("in a real interactive bash, Tab completes `plandash st` to `plandash status `", async () => {
    const file = await script("bash");
    let screen = "";
    const seen = Promise.withResolvers<void>();
    const proc = Bun.spawn(["bash", "--norc", "--noprofile", "-i"], {
      cwd: home,
      env: { ...env(), PS1: "$ ", HISTFILE: "/dev/null" },
      terminal: {
        cols: 100,
        rows: 20,
        data(_t, chunk) {
          screen += new TextDecoder().decode(chunk);
          if (/plandash status $/m.test(screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ""))) seen.resolve();
        },
      },
    });
    const timer = setTimeout(() => seen.reject(new Error(`no completion within 10 s; the terminal:\n${screen}`)), 10_000);
    try {
      proc.terminal?.write(`source ${file}\n`);
      proc.terminal?.write("plandash st\t");
      await seen.promise;
    } finally {
      clearTimeout(timer);
      proc.kill("SIGKILL");
      await proc.exited;
      proc.terminal?.close();
    }
  });
});

const zsh = Bun.which("zsh");
const fish = Bun.which("fish");
if (zsh === null) console.warn("plandash completion: zsh is not installed, so the zsh script was not checked (.ci/run installs it: apt-get install zsh)");
if (fish === null) console.warn("plandash completion: fish is not installed, so the fish script was not checked (.ci/run installs it: apt-get install fish)");

describe.skipIf(zsh === null)("zsh", () => {
  test("zsh -n accepts the script", async () => {
    const r = await shell(["zsh", "-n", await script("zsh")], home);
    expect(r).toEqual({ code: 0, out: "", err: "" });
  });

  test("its function completes `plandash st` to status and offers plan names after `plandash status `", async () => {
    const file = await script("zsh");
    // compadd and compdef stand in for the completion system: they print what they are given.
    const run = async (words: string[], cwd: string): Promise<string[]> => {
      const program = [
        "compdef() { :; }",
        'compadd() { [[ $1 == -U ]] && shift; [[ $1 == -- ]] && shift; print -l -- "$@"; }',
        `source ${JSON.stringify(file)}`,
        `words=(${words.map((w) => JSON.stringify(w)).join(" ")})`,
        `CURRENT=${words.length}`,
        "_plandash",
      ].join("\n");
      const r = await shell(["zsh", "-f", "-c", program], cwd);
      expect(r.err).toBe("");
      return lines(r.out);
    };
    expect(await run(["plandash", "st"], home)).toEqual(["status"]);
    expect((await run(["plandash", "status", ""], path.dirname(path.dirname(CORPUS_PLANS)))).sort()).toEqual(await corpusPlanNames());
  });
});

describe.skipIf(fish === null)("fish", () => {
  test("fish -n accepts the script", async () => {
    const r = await shell(["fish", "-n", await script("fish")], home);
    expect(r).toEqual({ code: 0, out: "", err: "" });
  });

  test("complete -C completes `plandash st` to status and offers plan names after `plandash status `", async () => {
    const file = await script("fish");
    const run = async (line: string, cwd: string): Promise<string[]> => {
      const r = await shell(["fish", "--no-config", "-c", `source ${JSON.stringify(file)}; complete -C ${JSON.stringify(line)}`], cwd);
      expect(r.err).toBe("");
      return lines(r.out).map((l) => l.split("\t")[0] ?? l);
    };
    expect(await run("plandash st", home)).toEqual(["status"]);
    expect((await run("plandash status ", path.dirname(path.dirname(CORPUS_PLANS)))).sort()).toEqual(await corpusPlanNames());
  });
});
