import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixturePaths } from "../../src/cli/saveCounterexample.js";
import { lines, runCli, TOY } from "./runCli.js";

/**
 * Regressions of issue 12, one per reported case: each input gets an answer in time — no
 * hang, no false success, no internal error for a user's mistake, no NaN in the output.
 */

/** Exit 2 with one line "ubias: <field>: …", nothing on stdout. */
async function expectBadInput(args: readonly string[], field: string, message?: RegExp) {
  const { code, stdout, stderr } = await runCli(args);
  expect(code).toBe(2);
  expect(stdout).toBe("");
  expect(lines(stderr)).toHaveLength(1);
  expect(stderr.startsWith(`ubias: ${field}: `)).toBe(true);
  if (message) expect(stderr).toMatch(message);
}

describe("issue 12: wrong answers and hangs", () => {
  it.each(["1e3", "1e6"])("gd --lr %s reports divergence, not completed thresholds", async (lr) => {
    const { code, stdout } = await runCli([
      "simulate",
      ...TOY,
      "--method",
      "gd",
      "--lr",
      lr,
      "--json",
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ status: "diverged", reached: false, ratio: null });
    expect(report.divergence.reason).toMatch(/stability bound/);
  });

  it("check --path 99999999999 fails at once instead of generating 1e11 cases", async () => {
    await expectBadInput(
      ["check", "--claim", "T2", "--path", "99999999999"],
      "--path",
      /<= 1000000/,
    );
  });

  it("the README's xor example finishes in seconds with T12's settings", async () => {
    const started = performance.now();
    const { code, stdout } = await runCli([
      "simulate",
      "--data",
      "xor",
      "--var-lin",
      "1",
      "--fusion",
      "1",
      "--json",
    ]);
    expect(code).toBe(0);
    // Measured 0.3 s of training (T12's own setting); 15 s leaves room for a loaded machine.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(JSON.parse(stdout)).toMatchObject({ method: "gd", lr: 0.05, width: 16, u0: 1e-3 });
  });

  it("--trajectory under /proc fails at once (no mkdir spin)", async () => {
    await expectBadInput(
      ["simulate", ...TOY, "--trajectory", "/proc/nope/x.csv"],
      "--trajectory",
      /ENOENT/,
    );
  });
});

describe("issue 12: user mistakes are exit 2, one line", () => {
  const long = Array.from({ length: 5000 }, () => "0").join(":");
  it.each([
    [["check", "--claim", "T2", "--path", "abc"]],
    [["check", "--claim", "T2", "--path", long]],
    [["check", "--claim", "T2", "--path", "-1:2"]],
    [["check", "--claim", "T2", "--path", ""]],
    [["conjecture", "--predict", "1 + sigmaA", "--path", "abc"]],
  ])("bad --path %j", async (args) => {
    await expectBadInput(args, "--path");
  });

  it("a well-formed path that fast-check cannot follow is the user's path, not a bug", async () => {
    await expectBadInput(
      ["check", "--claim", "T2", "--path", `0:${Array.from({ length: 900 }, () => "0").join(":")}`],
      "--path",
      /does not lead/,
    );
  });

  it("predict with tiny sigmas names the bound", async () => {
    await expectBadInput(
      ["predict", "--sigma-a", "1e-160", "--sigma-b", "1e-161", "--rho", "0.5"],
      "--sigma-a",
      /1e-50/,
    );
  });

  it("a deep prediction at u0 = 1e-300 would overflow: the bound is named", async () => {
    await expectBadInput(
      ["predict", ...TOY, "--depth", "4", "--fusion", "3", "--u0", "1e-300", "--json"],
      "--u0",
    );
  });

  it.each([
    [
      ["predict", "--sigma-a", "2", "--sigma-a", "3", "--sigma-b", "1", "--rho", "0.5"],
      "--sigma-a",
    ],
    [["predict", "--sigma-a=2", "--sigma-a", "3", "--sigma-b", "1", "--rho", "0.5"], "--sigma-a"],
    [["predict", "--sigma-a", "0x2", "--sigma-b", "1", "--rho", "0.5"], "--sigma-a"],
    [["report", "--no-claims", "--no-figures"], "--no-figures"],
    [["report", "--no-claims", "--claim", "T2"], "--claim"],
    [["figure", "deep-rho", "--list"], "--list"],
    [["check", "--list", "--runs", "3"], "--runs"],
    [["conjecture", "--predict", "pow(1,2,3)"], "--predict"],
    [["conjecture", "--predict", "min()"], "--predict"],
    [["conjecture", "--predict", "NaN"], "--predict"],
    [["conjecture", "--predict", "Infinity"], "--predict"],
    [["conjecture", "--predict", "1 + sigmaA", "--rtol", "1e308"], "--rtol"],
    [["simulate", ...TOY, "--rtol", "1e-300"], "--rtol"],
  ])("%j → %s", async (args, field) => {
    await expectBadInput(args, field);
  });

  it("--rtol 1e-300 is reported as unattainable, not as divergence", async () => {
    await expectBadInput(["simulate", ...TOY, "--rtol", "1e-300"], "--rtol", /unattainable/);
  });

  it("--save-counterexample under /dev/null says it is not a directory", async () => {
    await expectBadInput(
      [
        "check",
        "--claim",
        "T2",
        "--runs",
        "1",
        "--path",
        "0",
        "--save-counterexample",
        "/dev/null/x.json",
      ],
      "--save-counterexample",
      /ENOTDIR/,
    );
  });

  it("variadic --claim may repeat", async () => {
    const { code } = await runCli(["check", "--claim", "T1", "--claim", "T2", "--list"]);
    expect(code).toBe(0);
  });
});

describe("issue 12: no NaN, out-of-domain said", () => {
  it("ties print no NaN (predict and simulate text)", async () => {
    const tie = ["--sigma-a", "1", "--sigma-b", "1", "--rho", "0.5"];
    const predicted = await runCli(["predict", ...tie]);
    expect(predicted.code).toBe(0);
    expect(predicted.stdout).not.toMatch(/NaN|Infinity|∞/);
    expect(predicted.stdout).toMatch(/t_B\/t_A\s+undefined \(tie\)/);
    const simulated = await runCli(["simulate", ...tie, "--init", "balanced"]);
    expect(simulated.code).toBe(0);
    expect(simulated.stdout).not.toMatch(/NaN|Infinity/);
    expect(simulated.stdout).toMatch(/T2 gives no prediction: tie/);
  });

  it("u0 beyond the small-init regime carries a caution (simulate and predict)", async () => {
    const sim = JSON.parse((await runCli(["simulate", ...TOY, "--u0", "0.99", "--json"])).stdout);
    expect(sim.domainNote).toMatch(/outside the small-init regime/);
    const deep = await runCli([
      "predict",
      ...TOY,
      "--u0",
      "0.999",
      "--depth",
      "4",
      "--fusion",
      "3",
    ]);
    expect(deep.stdout).toMatch(/caution\s+u0 = 0.999 is outside the small-init regime/);
    const inside = JSON.parse((await runCli(["predict", ...TOY, "--json"])).stdout);
    expect(inside.domainNote).toBeUndefined();
  });

  it("--save-counterexample without a file writes under the current directory, not the package", () => {
    const fixture = { claim: "T2", seed: 7 } as Parameters<typeof fixturePaths>[0][number];
    const cwd = process.cwd();
    const dir = mkdtempSync(join(tmpdir(), "ubias-cwd-"));
    try {
      process.chdir(dir);
      expect(fixturePaths([fixture], true)).toEqual([
        join(process.cwd(), "fixtures", "counterexamples", "T2-seed7.json"),
      ]);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("issue 12: long runs show progress on a terminal", () => {
  const long = [
    "simulate",
    ...TOY,
    "--method",
    "gd",
    "--lr",
    "1e-4",
    "--max-steps",
    "30000",
    "--json",
  ];

  it("a live line on a terminal, cleared before the report", async () => {
    const { code, stderr, stdout } = await runCli(long, { isTTY: true });
    expect(code).toBe(0);
    expect(stderr.startsWith("\r\x1b[2Ksimulate: t = 1 τ, 10000 steps, ")).toBe(true);
    expect(stderr.endsWith("\r\x1b[2K")).toBe(true);
    expect(JSON.parse(stdout).steps).toBe(30000);
  });

  it("nothing on stderr elsewhere (pipes, logs)", async () => {
    const { stderr } = await runCli(long);
    expect(stderr).toBe("");
  });
});
