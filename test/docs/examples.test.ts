import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lines, runCli } from "../cli/runCli.js";
import type { Example } from "./shellExamples.js";
import { examplesIn, withReduced } from "./shellExamples.js";

/**
 * Every `ubias` example of README.md and of the --help texts, parsed from those texts, runs
 * to an answer within HANG_SECONDS: exit 0 or 1 (a documented failing claim), never bad
 * input or an internal error. Examples marked `[long: …]` or `[needs: …]` in their comment
 * are listed as skipped with that reason; `[reduced: --runs 20]` runs the command with those
 * option values instead (the whole catalogue, 500 cases: 15-60 s depending on load). Identical
 * commands run once. They run in-process
 * in a temporary directory (their output files land there), after the files their `echo`
 * lines create, and with a small `data.csv` for the "your own CSV" example.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/**
 * A hang guard, not a performance check (performance is `npm run bench`'s): an example that
 * has not answered in this long is stuck. Measured on the 2-core VM during the full suite and
 * two other engineers' runs, the slowest examples take 2-7 s (`check --claim T3 --path`, 20
 * Gaussian repeats at L = 4, the toy-ratio report) and up to ~40 s under heavy load; at full
 * size the catalogue took 53 s and `--runs 500` over 60 s there, hence their [reduced: …]
 * markers.
 */
const HANG_SECONDS = 180;
const COMMANDS = ["predict", "simulate", "check", "conjecture", "validity", "figure", "report"];

/** y = x1 + 0.5·x2 − x3 + noise, 40 rows: enough for least squares with D = 3. */
function dataCsv(): string {
  const rows = ["y,x1,x2,x3"];
  for (let i = 0; i < 40; i++) {
    const x = [Math.sin(i), Math.cos(1.3 * i), Math.sin(0.7 * i + 1)];
    const y = x[0]! + 0.5 * x[1]! - x[2]! + 0.01 * Math.sin(5 * i);
    rows.push([y, ...x].map((v) => v.toFixed(6)).join(","));
  }
  return `${rows.join("\n")}\n`;
}

async function helpExamples(): Promise<Example[]> {
  const found: Example[] = [];
  for (const command of COMMANDS) {
    const { stdout } = await runCli([command, "--help"]);
    found.push(...examplesIn(stdout, `${command} --help`, false));
  }
  return found;
}

const readme = examplesIn(readFileSync(join(ROOT, "README.md"), "utf8"), "README.md", true);
const help = await helpExamples();
const seen = new Set<string>();
const unique = [...readme, ...help].filter((e) => {
  const key = JSON.stringify(e.args);
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
});

describe("the examples of README.md and --help finish with an answer", () => {
  const cwd = process.cwd();
  beforeAll(() => {
    process.chdir(mkdtempSync(join(tmpdir(), "ubias-examples-")));
    writeFileSync("data.csv", dataCsv());
  });
  afterAll(() => process.chdir(cwd));

  it("finds the examples (the parser did not silently lose them)", () => {
    expect(readme.length).toBeGreaterThanOrEqual(25);
    expect(help.length).toBeGreaterThanOrEqual(3);
    expect(readme.filter((e) => e.notRun !== undefined).map((e) => e.args[0])).toEqual([
      "mnist",
      "mnist",
      "mnist",
      "report",
      "report",
      "check",
      "check",
    ]);
  });

  for (const example of unique) {
    const args = example.reduced ? withReduced(example.args, example.reduced) : example.args;
    const reducedNote = example.reduced ? ` (reduced: ${example.reduced.join(" ")})` : "";
    const title = `${example.source}: ubias ${example.args.join(" ")}${reducedNote}`;
    if (example.notRun !== undefined) {
      it.skip(`${title} — not run (${example.notRun})`, () => {});
      continue;
    }
    it(
      title,
      async () => {
        for (const file of example.files) writeFileSync(file.name, file.text);
        const { code, stdout, stderr } = await runCli(args);
        expect(stderr, stderr).not.toMatch(/internal error|\n\s+at /);
        expect([0, 1], `exit ${code}: ${lines(stderr)[0] ?? ""}`).toContain(code);
        expect(stdout.length).toBeGreaterThan(0);
      },
      HANG_SECONDS * 1000,
    );
  }
});
