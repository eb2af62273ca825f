import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COUNTEREXAMPLE_FORMAT } from "../../src/claims/counterexampleFixture.js";
import { DEFAULT_SEED } from "../../src/claims/runner.js";
import { FIXTURE_CLAIMS, lines, runCli } from "./runCli.js";

// `ubias conjecture` (issue 5 item 2) and --save-counterexample (item 3).
const T2_TOY = "1 + (sigmaA^2 - sigmaB^2)/(sigmaB^2*(1-rho^2))";
const ARCH = ["--measure", "ratio", "--domain", "toy", "--depth", "2", "--fusion", "2"];
const tmp = mkdtempSync(join(tmpdir(), "ubias-conjecture-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Splits a printed replay command into argv (single-quoted words as the CLI prints them). */
function replayArgs(command: string): string[] {
  const words = command.match(/'(?:[^']|'\\'')*'|\S+/g) ?? [];
  return words
    .slice(2)
    .map((w) => (w.startsWith("'") ? w.slice(1, -1).replaceAll("'\\''", "'") : w));
}

function shrunkVerdict(stdout: string): unknown {
  const start = stdout.indexOf("shrunk counterexample");
  const json = stdout.slice(stdout.indexOf("{", start), stdout.indexOf("\n\nreplay:", start));
  return JSON.parse(json);
}

describe("ubias conjecture", () => {
  it("T2's toy form holds on the toy domain at L = Lf = 2 (exit 0)", async () => {
    const { code, stdout } = await runCli(["conjecture", "--predict", T2_TOY, ...ARCH]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^verdict\s+holds$/m);
    expect(stdout).toMatch(/^failures\s+0$/m);
    expect(stdout).toContain(`seed           ${DEFAULT_SEED}`);
  });

  it("T2's toy form holds for deep late fusion (T4), balanced chains of opposite signs out of domain", async () => {
    const deep = ["--measure", "ratio", "--domain", "toy", "--depth", "4", "--fusion", "4"];
    const { code, stdout } = await runCli([
      "conjecture",
      "--predict",
      T2_TOY,
      ...deep,
      "--runs",
      "12",
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^failures\s+0$/m);
    expect(stdout).toMatch(/signs-apart \d+/);
  });

  it("1 + (σA − σB) fails with a shrunk counterexample and a replay command that reproduces it", async () => {
    const predict = "1 + (sigmaA - sigmaB)";
    const first = await runCli(["conjecture", "--predict", predict, ...ARCH]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^verdict\s+fails$/m);
    expect(first.stdout).toContain("worst case:");
    const replay = /^replay: (.*)$/m.exec(first.stdout)?.[1];
    expect(replay).toMatch(
      /^npx ubias conjecture --predict '1 \+ \(sigmaA - sigmaB\)' .* --seed \d+ --path \S+$/,
    );
    const again = await runCli(replayArgs(replay!));
    expect(again.code).toBe(1);
    expect(shrunkVerdict(again.stdout)).toEqual(shrunkVerdict(first.stdout));
    expect(again.stdout).toContain("(0 shrinks)");
  });

  it("--save-counterexample writes a fixture of format ubias-counterexample/1", async () => {
    const file = join(tmp, "wrong.json");
    const { code, stderr } = await runCli([
      "conjecture",
      "--predict",
      "2 * sigmaA / sigmaB",
      ...ARCH,
      "--runs",
      "10",
      "--save-counterexample",
      file,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain(`saved counterexample of conjecture to ${file}`);
    const fixture = JSON.parse(readFileSync(file, "utf8"));
    expect(fixture).toMatchObject({
      format: COUNTEREXAMPLE_FORMAT,
      claim: "conjecture",
      seed: DEFAULT_SEED,
      source: { kind: "conjecture", conjecture: { predict: "2 * sigmaA / sigmaB", depth: 2 } },
    });
    expect(fixture.replay).toContain(`--path ${fixture.path}`);
  });

  const bad: [string, string[]][] = [
    ["import", ["--predict", "import({}, {override: true})"]],
    ["function definition", ["--predict", "f(x) = x"]],
    ["unbalanced brackets", ["--predict", "(1 + 2"]],
    ["createUnit", ["--predict", 'createUnit("foo")']],
    ["evaluate", ["--predict", 'evaluate("1")']],
    ["parse", ["--predict", 'parse("1")']],
    ["accessor", ["--predict", "a.b"]],
    ["array", ["--predict", "[1,2]"]],
    ["object", ["--predict", "{a: 1}"]],
    ["very long", ["--predict", `1${"+1".repeat(5000)}`]],
    ["unknown variable", ["--predict", "sigmaC"]],
    ["toy variable on the vector domain", ["--predict", "sigmaA", "--domain", "vector"]],
    ["no --predict", []],
    ["bad --measure", ["--predict", "1", "--measure", "loss"]],
    ["bad --fusion", ["--predict", "1", "--depth", "3", "--fusion", "4"]],
    ["bad --rtol", ["--predict", "1", "--rtol", "0"]],
  ];
  for (const [name, args] of bad) {
    it(`bad input (${name}): exit 2, one line on stderr, no stack`, async () => {
      const { code, stdout, stderr } = await runCli(["conjecture", ...args]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(lines(stderr)).toHaveLength(1);
      expect(stderr).toMatch(/^ubias: --\w+/);
      expect(stderr).not.toMatch(/\bat .*:\d+:\d+/);
    });
  }
});

describe("ubias check --save-counterexample", () => {
  it("writes the shrunk counterexample of a failing claim, which the printed replay reproduces", async () => {
    const file = join(tmp, "t99.json");
    const { code, stderr } = await runCli([
      "check",
      "--properties-dir",
      FIXTURE_CLAIMS,
      "--claim",
      "T99",
      "--save-counterexample",
      file,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain(`saved counterexample of T99 to ${file}`);
    const fixture = JSON.parse(readFileSync(file, "utf8"));
    // T99 shrinks to n = 501 (test/cli/fixtures/claims/T99.ts).
    expect(fixture).toMatchObject({
      format: COUNTEREXAMPLE_FORMAT,
      claim: "T99",
      case: 501,
      source: { kind: "catalogue", propertiesDir: "test/cli/fixtures/claims" },
      verdict: { kind: "measured", error: 5.01, tolerance: 5 },
    });
    const again = await runCli(replayArgs(fixture.replay));
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('"n": 501');
  });

  it("a holding claim saves nothing", async () => {
    const { code, stderr } = await runCli([
      "check",
      "--properties-dir",
      FIXTURE_CLAIMS,
      "--claim",
      "T98",
      "--save-counterexample",
      join(tmp, "none.json"),
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain("no counterexample to save");
  });
});
