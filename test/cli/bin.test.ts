import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, requireBuild } from "./build.js";
import { runCli } from "./runCli.js";

const exec = promisify(execFile);
const PREDICT = ["predict", "--sigma-a", "2", "--sigma-b", "1", "--rho", "0.5", "--json"];
const TRACE_HOOK = pathToFileURL(
  fileURLToPath(new URL("./fixtures/trace/register.mjs", import.meta.url)),
).href;

/** The module URLs a run of the bin with `args` resolved (ESM imports, in order). */
async function importsOf(args: readonly string[]): Promise<string[]> {
  const trace = join(mkdtempSync(join(tmpdir(), "ubias-trace-")), "imports.txt");
  // The exit code is not this helper's concern (a bad-input run exits 2 after loading).
  await exec(process.execPath, ["--import", TRACE_HOOK, BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, UBIAS_IMPORT_TRACE: trace },
    timeout: 30_000,
  }).catch(() => undefined);
  return readFileSync(trace, "utf8").split("\n").filter(Boolean);
}

/** Imports of the packages that must stay out of `ubias predict`'s start-up (issue 14). */
const HEAVY = /\/node_modules\/(mathjs|vega|vega-lite|fast-check|tsx)\/|^node:worker_threads$/;

describe("the ubias binary (package.json bin → bin/ubias.js → dist/src/cli/main.js)", () => {
  beforeAll(() => requireBuild());

  it("runs predict as a child process with exit code 0, the output of the source's run", async () => {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...PREDICT], {
      cwd: ROOT,
      timeout: 15_000,
    });
    expect(stderr).toBe("");
    expect(JSON.parse(stdout).ratio).toBeCloseTo(5, 9);
    expect(stdout).toBe((await runCli(PREDICT)).stdout);
  }, 20_000);

  it("prints the package's version", async () => {
    const { stdout } = await exec(process.execPath, [BIN, "--version"], { cwd: ROOT });
    expect(stdout).toBe(
      `${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version}\n`,
    );
  });

  it("predict loads neither mathjs nor vega, fast-check, the worker pool or tsx", async () => {
    const imports = await importsOf(PREDICT);
    // The trace works: it saw the compiled predict command (and not its source).
    expect(imports.some((url) => url.endsWith("/dist/src/cli/predictCommand.js"))).toBe(true);
    expect(imports.filter((url) => url.includes("/src/") && url.endsWith(".ts"))).toEqual([]);
    expect(imports.filter((url) => HEAVY.test(url))).toEqual([]);
  }, 30_000);

  it("simulate and merge load neither mathjs nor vega nor the worker pool (merge: nor fast-check)", async () => {
    // simulate trains (its own modules only); merge prints merged shard files. Both run with
    // bad input here: the command's module is loaded, its option checks fail at once.
    const simulate = await importsOf(["simulate", ...PREDICT.slice(1), "--width", "0"]);
    expect(simulate.some((url) => url.endsWith("/dist/src/cli/simulateCommand.js"))).toBe(true);
    expect(
      simulate.filter((url) =>
        /\/node_modules\/(mathjs|vega|vega-lite)\/|^node:worker_threads$/.test(url),
      ),
    ).toEqual([]);
    const merge = await importsOf(["merge", "/nonexistent/shard.json"]);
    expect(merge.some((url) => url.endsWith("/dist/src/cli/mergeCommand.js"))).toBe(true);
    expect(merge.filter((url) => HEAVY.test(url))).toEqual([]);
  }, 60_000);

  it("the trace sees a heavy import where there is one (figure loads vega)", async () => {
    const imports = await importsOf(["figure", "--help"]);
    expect(imports.some((url) => /\/node_modules\/vega\//.test(url))).toBe(true);
  }, 30_000);

  it("checks compiled claims (dist/properties) in worker threads, as the source does in-process", async () => {
    const args = ["check", "--claim", "T1", "T4", "--runs", "3", "--json"];
    const compiled = await exec(process.execPath, [BIN, ...args, "--threads", "2"], {
      cwd: ROOT,
      timeout: 60_000,
    });
    const source = await runCli([...args, "--threads", "1"]);
    const withoutTimes = (text: string) =>
      (JSON.parse(text) as Record<string, unknown>[]).map(({ seconds: _, ...rest }) => rest);
    expect(withoutTimes(compiled.stdout)).toEqual(withoutTimes(source.stdout));
    expect(withoutTimes(compiled.stdout).map((r) => r.id)).toEqual(["T1", "T1.convergence", "T4"]);
  }, 70_000);

  it("without dist/ it says to build, one line, exit 3", async () => {
    const copy = mkdtempSync(join(tmpdir(), "ubias-nodist-"));
    mkdirSync(join(copy, "bin"));
    copyFileSync(BIN, join(copy, "bin", "ubias.js"));
    const run = exec(process.execPath, [join(copy, "bin", "ubias.js"), "--version"]);
    await expect(run).rejects.toMatchObject({ code: 3 });
    const { stderr } = (await run.catch((e: { stderr: string }) => e)) as { stderr: string };
    expect(stderr).toMatch(
      /^ubias: internal error: cannot load the compiled CLI .*npm run build.*\n$/,
    );
    expect(stderr.split("\n")).toHaveLength(2);
  });
});
