import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { requireBuild } from "./build.js";
import type { CliResult } from "./runCli.js";
import { FIXTURE_CLAIMS, runCli } from "./runCli.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A stand-in figure catalogue: fake-ratio (6 real simulations) and fake-theory (no jobs). */
const FAKE_FIGURES = fileURLToPath(new URL("../parallel/fixtures/fakeFigures.ts", import.meta.url));
const FIXTURES = ["--properties-dir", FIXTURE_CLAIMS, "--figures-module", FAKE_FIGURES] as const;

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), "utf8");
}

/** claims.json without the run times. */
function claimsWithoutTimes(dir: string): unknown {
  const claims = JSON.parse(read(dir, "claims.json")) as Record<string, unknown>[];
  return claims.map(({ seconds: _, ...rest }) => rest);
}

describe("ubias report (fixture claims T98 holds, T99 fails; fake figures)", () => {
  const twoThreads = mkdtempSync(join(tmpdir(), "ubias-report-2-"));
  const oneThread = mkdtempSync(join(tmpdir(), "ubias-report-1-"));
  let result: CliResult;

  beforeAll(async () => {
    result = await runCli([
      "report",
      ...FIXTURES,
      "--out",
      twoThreads,
      "--threads",
      "2",
      "--seed",
      "9",
    ]);
  });

  it("writes index.html, each figure's SVG and CSV, claims.json and timings.json; exit 1 as T99 fails", () => {
    expect(result.code).toBe(1);
    for (const file of [
      "index.html",
      "fake-ratio.svg",
      "fake-ratio.csv",
      "fake-theory.svg",
      "fake-theory.csv",
      "claims.json",
      "timings.json",
    ]) {
      expect(existsSync(join(twoThreads, file)), file).toBe(true);
    }
    expect(result.stdout).toMatch(/^T98\s.*holds$/m);
    expect(result.stdout).toMatch(/^T99\s.*FAILS$/m);
    expect(result.stdout).toContain("Claims failing: T99");
    expect(result.stdout).toContain("figure fake-ratio: 6 simulations, 6 rows");
    expect(result.stdout).toContain(`Report written to ${join(twoThreads, "index.html")}`);
    // Not a terminal: no progress bar.
    expect(result.stderr).toBe("");
  });

  it("the page holds the claims table, both figures inline and the environment", () => {
    const html = read(twoThreads, "index.html");
    expect(html).toMatch(/<tr id="claim-T98">.*holds<\/td><\/tr>/);
    expect(html).toMatch(/<tr id="claim-T99">.*FAILS<\/td><\/tr>/);
    expect(html).toContain("Fake &lt;ratio&gt; &amp; figure");
    expect(html).toContain("Tests T2 on &lt;b&gt;fake&lt;/b&gt; data");
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('<a href="fake-ratio.csv">');
    expect(html).toContain("<th>Seed</th><td>9</td>");
    expect(html).toContain("<th>Threads</th><td>2</td>");
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    // The SVG file is the rendered picture of the CSV's rows.
    expect(read(twoThreads, "fake-ratio.svg")).toMatch(/^<svg /);
    expect(read(twoThreads, "fake-ratio.csv").split("\n")[0]).toBe("width,tA,tB,ratio,loss");
  });

  it("timings.json records the sections, each claim and each figure", () => {
    const timings = JSON.parse(read(twoThreads, "timings.json"));
    expect(timings).toMatchObject({ seed: 9, repeats: 1, threads: 2 });
    expect(timings.totalSeconds).toBeGreaterThan(0);
    expect(Object.keys(timings.sections)).toEqual(["loadSeconds", "poolSeconds", "figureSeconds"]);
    expect(timings.claims.map((c: { id: string }) => c.id)).toEqual(["T98", "T99"]);
    expect(timings.figures.map((f: { id: string; jobs: number }) => [f.id, f.jobs])).toEqual([
      ["fake-ratio", 6],
      ["fake-theory", 0],
    ]);
  });

  it("one thread gives the same claims, data and pictures byte for byte", async () => {
    const single = await runCli([
      "report",
      ...FIXTURES,
      "--out",
      oneThread,
      "--threads",
      "1",
      "--seed",
      "9",
    ]);
    expect(single.code).toBe(1);
    for (const file of ["fake-ratio.csv", "fake-ratio.svg", "fake-theory.csv", "fake-theory.svg"]) {
      expect(read(oneThread, file), file).toBe(read(twoThreads, file));
    }
    expect(claimsWithoutTimes(oneThread)).toEqual(claimsWithoutTimes(twoThreads));
  });

  it("shows a progress bar on a terminal; --no-figures and --claim restrict the work; exit 0", async () => {
    const out = mkdtempSync(join(tmpdir(), "ubias-report-tty-"));
    const tty = await runCli(
      ["report", ...FIXTURES, "--out", out, "--no-figures", "--claim", "T98", "--threads", "1"],
      { isTTY: true },
    );
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain("report [");
    expect(tty.stderr).toContain("1/1");
    const html = read(out, "index.html");
    expect(html).toContain("No figures were drawn.");
    expect(html).not.toContain("claim-T99");
  });

  it("--no-claims --figure draws only that figure", async () => {
    const out = mkdtempSync(join(tmpdir(), "ubias-report-fig-"));
    const run = await runCli([
      "report",
      ...FIXTURES,
      "--out",
      out,
      "--no-claims",
      "--figure",
      "fake-theory",
    ]);
    expect(run.code).toBe(0);
    const html = read(out, "index.html");
    expect(html).toContain("No claims were checked.");
    expect(html).toContain('<figure id="figure-fake-theory">');
    expect(html).not.toContain("figure-fake-ratio");
  });

  it.each([
    [["--threads", "0"], "ubias: --threads: must be an integer in [1, 256], got 0"],
    [["--repeats", "0"], "ubias: --repeats: must be an integer in [1, 1000], got 0"],
    [["--seed", "-1"], "ubias: --seed: must be an integer in [0, 4294967295], got -1"],
    [
      ["--figure", "nope"],
      'ubias: --figure: unknown figure "nope"; known ids: fake-ratio, fake-theory',
    ],
    [["--claim", "T0"], 'ubias: --claim: unknown claim ID "T0"; known IDs: T98, T99'],
  ])("bad input %j: one line, exit 2", async (args, message) => {
    const out = mkdtempSync(join(tmpdir(), "ubias-report-bad-"));
    const bad = await runCli(["report", ...FIXTURES, "--out", out, ...args]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`${message}\n`);
  });

  it("a figures module without FIGURES is bad input, exit 2", async () => {
    const probe = fileURLToPath(new URL("../parallel/fixtures/probeJobs.ts", import.meta.url));
    const out = mkdtempSync(join(tmpdir(), "ubias-report-module-"));
    const bad = await runCli(["report", "--figures-module", probe, "--no-claims", "--out", out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^ubias: --figures-module: file:.*probeJobs\.ts exports no FIGURES and figureById\n$/,
    );
  });

  it("an unwritable --out fails before any work, exit 2", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ubias-report-file-")), "plain");
    writeFileSync(file, "");
    const bad = await runCli(["report", ...FIXTURES, "--out", file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^ubias: --out: cannot write .*plain\/index\.html: (ENOTDIR|EEXIST)\n$/,
    );
  });
});

describe("ubias report as a process: worker threads load the claims in each way the CLI starts", () => {
  // The workers are plain Node threads. From source each registers tsx itself
  // (src/parallel/worker.mjs); compiled (the bin) they run dist's jobWorker.js, and register
  // tsx only to load the fixture claims, which are TypeScript (src/runtime/modules.ts).
  beforeAll(() => requireBuild());

  it.each([
    ["bin/ubias.js (npx ubias, compiled)", [process.execPath, "bin/ubias.js"]],
    [
      "the tsx CLI (npm run ubias)",
      [process.execPath, "node_modules/tsx/dist/cli.mjs", "src/cli/main.ts"],
    ],
  ])(
    "%s",
    async (_name, command) => {
      const out = mkdtempSync(join(tmpdir(), "ubias-report-process-"));
      const [node, ...args] = command;
      const run = promisify(execFile)(
        node!,
        [
          ...args,
          "report",
          "--properties-dir",
          FIXTURE_CLAIMS,
          "--no-figures",
          "--threads",
          "2",
          "--out",
          out,
        ],
        { cwd: ROOT, timeout: 60_000 },
      );
      // Exit code 1: the fixture claim T99 fails.
      await expect(run).rejects.toMatchObject({ code: 1, stderr: "" });
      const claims = JSON.parse(read(out, "claims.json")) as { id: string; holds: boolean }[];
      expect(claims.map((c) => [c.id, c.holds])).toEqual([
        ["T98", true],
        ["T99", false],
      ]);
      expect(JSON.parse(read(out, "timings.json")).threads).toBe(2);
    },
    70_000,
  );
});
