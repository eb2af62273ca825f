import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_CLAIMS, lines, runCli, TOY } from "./runCli.js";

const dir = mkdtempSync(join(tmpdir(), "ubias-bad-input-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const invalidJson = file("invalid.json", '{"kind": ');
// Σ = [[1, 2], [2, 1]] has eigenvalues 3 and −1: symmetric but not positive definite.
const notSpd = file(
  "not-spd.json",
  JSON.stringify({
    kind: "moments",
    sigma: [
      [1, 2],
      [2, 1],
    ],
    sigmaYX: [1, 1],
    sigmaY2: 3,
    dA: 1,
  }),
);
const toyFile = file("toy.json", JSON.stringify({ kind: "toy", sigmaA: 2, sigmaB: 1, rho: 0.5 }));
const aFile = file("not-a-directory", "");
const CHECK = ["check", "--properties-dir", FIXTURE_CLAIMS];

/** [description, argv, text the single stderr line must contain (the field and its bound)]. */
const CASES: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ["non-numeric u0", ["predict", ...TOY, "--u0", "abc"], ["--u0", "finite number", '"abc"']],
  ["u0 = 0", ["predict", ...TOY, "--u0", "0"], ["--u0", "(0, 1)"]],
  ["u0 = 1", ["simulate", ...TOY, "--u0", "1"], ["--u0", "(0, 1)"]],
  ["negative u0", ["predict", ...TOY, "--u0", "-1e-3"], ["--u0", "(0, 1)"]],
  [
    "|rho| = 1",
    ["predict", "--sigma-a", "2", "--sigma-b", "1", "--rho", "1"],
    ["--rho", "(-1, 1)"],
  ],
  [
    "rho < -1",
    ["predict", "--sigma-a", "2", "--sigma-b", "1", "--rho", "-1.5"],
    ["--rho", "(-1, 1)"],
  ],
  [
    "sigma-a = 0",
    ["predict", "--sigma-a", "0", "--sigma-b", "1", "--rho", "0.5"],
    ["--sigma-a", "> 0"],
  ],
  [
    "negative sigma-b",
    ["simulate", "--sigma-a", "2", "--sigma-b", "-1", "--rho", "0.5"],
    ["--sigma-b", "> 0"],
  ],
  ["missing toy flag", ["predict", "--sigma-a", "2", "--rho", "0.5"], ["--sigma-b", "required"]],
  ["negative noise", ["predict", ...TOY, "--noise", "-0.1"], ["--noise", ">= 0"]],
  ["depth 0", ["predict", ...TOY, "--depth", "0"], ["--depth", "[1, 64]"]],
  ["fractional depth", ["predict", ...TOY, "--depth", "2.5"], ["--depth", "integer"]],
  ["fusion > depth", ["predict", ...TOY, "--depth", "2", "--fusion", "3"], ["--fusion", "[1, 2]"]],
  ["fusion 0", ["simulate", ...TOY, "--depth", "3", "--fusion", "0"], ["--fusion", "[1, 3]"]],
  ["width 0", ["simulate", ...TOY, "--width", "0"], ["--width", "[1, 4096]"]],
  ["unknown init", ["simulate", ...TOY, "--init", "orthogonal"], ["--init", "balanced, gaussian"]],
  ["unknown method", ["simulate", ...TOY, "--method", "adam"], ["--method", "flow, gd"]],
  ["gd without lr", ["simulate", ...TOY, "--method", "gd"], ["--lr", "required"]],
  ["lr with flow", ["simulate", ...TOY, "--lr", "0.1"], ["--lr", "gd only"]],
  [
    "rtol with gd",
    ["simulate", ...TOY, "--method", "gd", "--lr", "0.1", "--rtol", "1e-8"],
    ["--rtol", "flow only"],
  ],
  ["non-positive lr", ["simulate", ...TOY, "--method", "gd", "--lr", "0"], ["--lr", "> 0"]],
  ["negative seed", ["simulate", ...TOY, "--seed", "-1"], ["--seed", "[0, 4294967295]"]],
  ["zero max-time", ["simulate", ...TOY, "--max-time", "0"], ["--max-time", "> 0"]],
  ["missing stats file", ["predict", "--stats", join(dir, "missing.json")], ["stats", "ENOENT"]],
  ["invalid JSON", ["predict", "--stats", invalidJson], ["stats", "not valid JSON"]],
  ["non-SPD sigma", ["simulate", "--stats", notSpd], ["sigma", "positive definite"]],
  ["stats with toy flags", ["predict", "--stats", toyFile, "--rho", "0.2"], ["--stats", "--rho"]],
  [
    "unwritable trajectory",
    ["simulate", ...TOY, "--trajectory", join(aFile, "run.csv")],
    ["--trajectory", "cannot write"],
  ],
  ["unknown option", ["predict", ...TOY, "--sigma", "2"], ["--sigma", "unknown option"]],
  ["missing option value", ["predict", ...TOY, "--u0"], ["--u0", "argument missing"]],
  ["missing option value (check)", ["check", "--seed"], ["--seed", "argument missing"]],
  ["unknown command", ["train"], ["command", "train"]],
  ["excess argument", ["predict", ...TOY, "extra"], ["predict", "too many arguments"]],
  ["runs 0", [...CHECK, "--runs", "0"], ["--runs", "[1, "]],
  ["fractional runs", [...CHECK, "--runs", "1.5"], ["--runs", "integer"]],
  ["non-numeric seed (check)", [...CHECK, "--seed", "x"], ["--seed", "finite number"]],
  ["budget 0", [...CHECK, "--budget", "0"], ["--budget", "(0, 31536000]"]],
  ["non-numeric budget", [...CHECK, "--budget", "soon"], ["--budget", "finite number"]],
  [
    "budget with a replay",
    [...CHECK, "--claim", "T99", "--path", "1:0", "--budget", "5"],
    ["--budget", "--path"],
  ],
  ["budget with a shard", [...CHECK, "--shard", "1/2", "--budget", "5"], ["--budget", "--shard"]],
  ["budget with --list", [...CHECK, "--list", "--budget", "5"], ["--budget", "--list"]],
  ["unknown claim ID", [...CHECK, "--claim", "T77"], ["--claim", '"T77"', "known IDs: T98, T99"]],
  ["path without claim", [...CHECK, "--path", "1:0"], ["--path", "exactly one --claim"]],
  [
    "path with two claims",
    [...CHECK, "--claim", "T98", "T99", "--path", "1:0"],
    ["--path", "exactly one --claim"],
  ],
  [
    "missing claims directory",
    ["check", "--properties-dir", join(dir, "nowhere")],
    ["--properties-dir", "ENOENT"],
  ],
];

describe("bad input: one line on stderr naming the field, exit code 2, no stack trace", () => {
  it.each(CASES)("%s", async (_name, argv, expected) => {
    const { code, stdout, stderr } = await runCli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const errorLines = lines(stderr);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^ubias: /);
    for (const text of expected) expect(errorLines[0]).toContain(text);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
