import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SEED } from "../../src/claims/runner.js";
import { BUG_REPORT } from "../../src/cli/errorReport.js";
import { FIXTURE_CLAIMS, lines, runCli } from "./runCli.js";

const CHECK = ["check", "--properties-dir", FIXTURE_CLAIMS] as const;

/** The argv of a printed replay command "npx ubias check ...". */
function replayArgs(stdout: string): string[] {
  const line = stdout.split("\n").find((l) => l.startsWith("replay: "));
  expect(line).toBeDefined();
  const words = line!.replace(/^replay: npx ubias /, "").split(" ");
  return words;
}

describe("ubias check on fixture claims (T98 holds, T99 fails)", () => {
  it("prints the claims table with the seed, the counterexample and its replay; exit 1", async () => {
    const { code, stdout, stderr } = await runCli([...CHECK]);
    expect(code).toBe(1);
    expect(stdout).toContain(`Claims checked with seed ${DEFAULT_SEED}`);
    expect(stdout).toMatch(
      /^ID\s+Statement\s+Cases\s+Out of domain\s+Failures\s+Worst \|error\| \/ tol\s+Seconds\s+Verdict$/m,
    );
    expect(stdout).toMatch(
      /^T98\s+fixture: a claim that holds\s+40\s+\d+\s+0\s+\d+\.\d\d% \/ 20\.0%\s+\d+\.\d\d\s+holds$/m,
    );
    expect(stdout).toMatch(
      /^T99\s+fixture: a claim that fails for n > 500\s+30\s+0\s+[1-9]\d*\s+\S+ \/ 5\.00\s+\d+\.\d\d\s+FAILS$/m,
    );
    expect(stdout).toContain("T99 fails; shrunk counterexample");
    expect(stdout).toContain('"n": 501');
    expect(stdout).toContain('"missing": null');
    expect(stdout).toContain("1 of 2 claims fail: T99");
    // Non-TTY: no live progress, one final line per claim.
    expect(stderr).not.toContain("\r");
    expect(lines(stderr)).toEqual([
      expect.stringMatching(/^T98: holds \(40 cases/),
      expect.stringMatching(/^T99: FAILS \(30 cases/),
    ]);
  });

  it("the printed replay command reproduces the shrunk counterexample", async () => {
    const first = await runCli([...CHECK, "--claim", "T99"]);
    expect(first.code).toBe(1);
    const args = replayArgs(first.stdout);
    expect(args.slice(0, 5)).toEqual(["check", "--claim", "T99", "--seed", String(DEFAULT_SEED)]);
    expect(args).toContain("--path");
    expect(args).toContain("--properties-dir");
    const replay = await runCli([...args, "--json"]);
    expect(replay.code).toBe(1);
    const [result] = JSON.parse(replay.stdout);
    expect(result).toMatchObject({ id: "T99", holds: false, casesRun: 1, failures: 1 });
    expect(result.counterexample.verdict).toEqual({
      kind: "measured",
      error: 5.01,
      tolerance: 5,
      details: { n: 501, missing: null },
    });
  });

  it("exit 0 when every selected claim holds", async () => {
    const { code, stdout } = await runCli([...CHECK, "--claim", "T98", "--runs", "12"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^T98\s.*\s12\s.*holds$/m);
    expect(stdout).toContain("The claim holds.");
    expect(stdout).not.toContain("T99");
  });

  it("uses --seed and prints it; the same seed gives the same cases", async () => {
    const a = JSON.parse(
      (await runCli([...CHECK, "--claim", "T98", "--seed", "7", "--json"])).stdout,
    );
    const b = JSON.parse(
      (await runCli([...CHECK, "--claim", "T98", "--seed", "7", "--json"])).stdout,
    );
    expect(a[0].seed).toBe(7);
    expect(a[0].outOfDomain).toBe(b[0].outOfDomain);
    expect(a[0].worst).toEqual(b[0].worst);
    const text = await runCli([...CHECK, "--claim", "T98", "--seed", "7"]);
    expect(text.stdout).toContain("Claims checked with seed 7");
  });

  it("--json prints ClaimResult[] with NaN as null", async () => {
    const { code, stdout } = await runCli([...CHECK, "--json"]);
    expect(code).toBe(1);
    const results = JSON.parse(stdout);
    expect(results.map((r: { id: string }) => r.id)).toEqual(["T98", "T99"]);
    expect(results[0]).toMatchObject({ holds: true, runs: 40, casesRun: 40, failures: 0 });
    expect(results[0].outOfDomainReasons["x below 20"]).toBe(results[0].outOfDomain);
    expect(results[1].worst.details.missing).toBeNull();
  });

  it("--list prints ids, statements, domains and tolerances without running", async () => {
    const { code, stdout, stderr } = await runCli([...CHECK, "--list"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain("T98  fixture: a claim that holds");
    expect(stdout).toContain("domain: integers 0 ≤ n ≤ 1000");
    expect(stdout).toContain("tolerance: 5 absolute");
    const json = JSON.parse((await runCli([...CHECK, "--list", "--json"])).stdout);
    expect(json[1]).toEqual({
      id: "T99",
      statement: "fixture: a claim that fails for n > 500",
      domain: "integers 0 ≤ n ≤ 1000",
      tolerance: "5 absolute",
      defaultRuns: 30,
    });
  });

  it("shows a live progress line on a terminal", async () => {
    const { stderr } = await runCli([...CHECK, "--claim", "T98"], { isTTY: true });
    // Make the ANSI "erase line" sequence visible: ESC [ 2 K.
    const shown = stderr.replaceAll("\u001b[2K", "<erase>");
    expect(shown).toContain("\r<erase>T98  40/40 cases  0 failing");
    expect(shown).toMatch(
      /\r<erase>T98: holds \(40 cases, \d+ out of domain, 0 failures, \d+\.\d\d s\)\n$/,
    );
  });
});

describe("ubias check: claims directory", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("reads UBIAS_PROPERTIES_DIR", async () => {
    vi.stubEnv("UBIAS_PROPERTIES_DIR", FIXTURE_CLAIMS);
    const { code, stdout } = await runCli(["check", "--list"]);
    expect(code).toBe(0);
    expect(stdout).toContain("T99");
  });

  it("an empty catalogue holds vacuously: empty table, exit 0", async () => {
    const empty = mkdtempSync(join(tmpdir(), "ubias-empty-claims-"));
    const { code, stdout } = await runCli(["check", "--properties-dir", empty]);
    expect(code).toBe(0);
    expect(stdout).toContain("No claims were checked.");
  });

  it("a claim file that throws on import is an internal error: one line, exit 3", async () => {
    const broken = mkdtempSync(join(tmpdir(), "ubias-broken-claims-"));
    writeFileSync(join(broken, "T1.ts"), 'throw new Error("broken claim file");\n');
    const { code, stdout, stderr } = await runCli(["check", "--properties-dir", broken]);
    expect(code).toBe(3);
    expect(stdout).toBe("");
    expect(lines(stderr)).toEqual([`ubias: internal error: broken claim file (${BUG_REPORT})`]);
  });
});
