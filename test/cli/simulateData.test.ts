import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalSource } from "../../src/random/gaussian.js";
import { lines, runCli, TOY } from "./runCli.js";

// `ubias simulate` on finite data and with ReLU units (docs/theory.md T10-T12, issue 6 item 5).

async function simulateJson(args: readonly string[]) {
  const result = await runCli(["simulate", ...args, "--json"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

/** The same report without its wall-clock fields (everything else must be bit-identical). */
function withoutClock(json: string): unknown {
  return JSON.parse(json, (key, value) => (key === "wallSeconds" ? undefined : value));
}

/** A linear teacher y = 2·x1 + 0.5·x2 − 0.3·x3 (no noise) over P seeded standard normal rows. */
const TEACHER = [2, 0.5, -0.3];

function writeTeacherCsv(dir: string, rows: number): string {
  const normals = normalSource(11);
  const text = ["x1,x2,x3,y"];
  for (let p = 0; p < rows; p++) {
    const x = [normals.next(), normals.next(), normals.next()];
    const y = x.reduce((sum, v, i) => sum + TEACHER[i]! * v, 0);
    // String(x) is the shortest round trip: the file holds exactly these doubles.
    text.push([...x, y].map(String).join(","));
  }
  const file = join(dir, "teacher.csv");
  writeFileSync(file, `${text.join("\n")}\n`);
  return file;
}

const CSV_ROLES = ["--target", "y", "--modality-a", "x1", "--modality-b", "x2,x3"];

/** E_g = ½(W − w*)Σ(W − w*)ᵀ of the toy family σ_A = 2, σ_B = 1, ρ = 0.5, w* = (1, 1), by hand. */
function toyEg(w: readonly number[]): number {
  const d = [w[0]! - 1, w[1]! - 1];
  // Σ = [[σ_A², ρσ_Aσ_B], [ρσ_Aσ_B, σ_B²]] = [[4, 1], [1, 1]].
  return 0.5 * (4 * d[0]! ** 2 + 2 * d[0]! * d[1]! + d[1]! ** 2);
}

describe("ubias simulate --csv (a user's data set, T10)", () => {
  const dir = mkdtempSync(join(tmpdir(), "ubias-csv-"));
  const file = writeTeacherCsv(dir, 40);

  it("trains end to end and ends at the least-squares solution, which is the teacher", async () => {
    const trajectory = join(dir, "run.csv");
    const out = await simulateJson([
      "--csv",
      file,
      ...CSV_ROLES,
      "--fusion",
      "2",
      "--trajectory",
      trajectory,
    ]);
    expect(out).toMatchObject({
      activation: "linear",
      training: "sample-moments",
      dataSource: "csv",
      samples: 40,
      status: "completed",
      reached: true,
      firstModality: "A",
      generalisation: null,
    });
    expect(out.generalisationNote).toMatch(/CSV/);
    expect(out.solution.kind).toBe("least-squares");
    // Noiseless data: the least-squares solution is the teacher up to the solve's round-off.
    for (const [i, w] of out.solution.wTot.entries()) expect(w).toBeCloseTo(TEACHER[i]!, 9);
    // The run stops at ℒ̂ − ℒ̂_min ≤ 1e-10·ℒ̂(0) ≈ 2e-10, so ‖W − Ŵ_LS‖ ≤ √(2·2e-10/λ_min(Σ̂)),
    // ≤ 7e-4 for any λ_min ≥ 1e-3 (40 Gaussian rows over 3 columns are far from collinear).
    expect(out.solution.distance).toBeLessThan(1e-3);
    for (const [i, w] of out.final.wTot.entries())
      expect(Math.abs(w - TEACHER[i]!)).toBeLessThan(1e-3);
    expect(out.normA).toBeCloseTo(Math.abs(out.final.wTot[0]), 12);
    expect(out.normB).toBeCloseTo(Math.hypot(out.final.wTot[1], out.final.wTot[2]), 12);
    for (const key of ["trainingLoss", "normA", "normB", "tA", "tB", "ratio"]) {
      expect(Number.isFinite(out[key])).toBe(true);
    }
    // Without a population there is no E_g column.
    const [header, ...rows] = readFileSync(trajectory, "utf8").trimEnd().split("\n");
    expect(header).toBe("t,loss,wA_1,wB_1,wB_2");
    expect(rows.at(-1)!.split(",").map(Number)).toEqual([
      out.final.t,
      out.final.loss,
      ...out.final.wTot,
    ]);
  });

  it("the same data and seed give bit-identical output", async () => {
    const args = ["simulate", "--csv", file, ...CSV_ROLES, "--seed", "3", "--json"];
    const first = await runCli(args);
    const second = await runCli(args);
    expect(first.code).toBe(0);
    expect(withoutClock(second.stdout)).toEqual(withoutClock(first.stdout));
  });

  it("prints the finite-data lines in text mode", async () => {
    const { code, stdout } = await runCli(["simulate", "--csv", file, ...CSV_ROLES]);
    expect(code).toBe(0);
    const text = lines(stdout);
    expect(text.find((l) => l.startsWith("training"))).toMatch(/samples.*P = 40/);
    expect(text.find((l) => l.startsWith("E_g"))).toMatch(/not available.*CSV/);
    expect(text.find((l) => l.startsWith("solution"))).toMatch(/least-squares/);
  });

  const malformed: [string, string, string[], string[]][] = [
    [
      "a missing column",
      "x1,x2,y\n1,2,3\n4,5,6\n",
      ["--target", "y", "--modality-a", "x9"],
      ["header row", 'column "x9"'],
    ],
    [
      "a non-numeric cell",
      "x1,x2,y\n1,2,3\n4,abc,6\n",
      ["--target", "y", "--modality-a", "x1"],
      ["row 3", 'column "x2"', "abc"],
    ],
    [
      "fewer than 2 rows",
      "x1,x2,y\n1,2,3\n",
      ["--target", "y", "--modality-a", "x1"],
      ["1 data row", "at least 2"],
    ],
  ];
  for (const [name, text, roles, expected] of malformed) {
    it(`${name}: exit 2, one stderr line naming the file, row and column`, async () => {
      const bad = join(dir, `${name.replaceAll(" ", "-")}.csv`);
      writeFileSync(bad, text);
      const { code, stdout, stderr } = await runCli(["simulate", "--csv", bad, ...roles]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(lines(stderr)).toHaveLength(1);
      expect(stderr).toContain(`ubias: --csv: ${bad}: `);
      for (const part of expected) expect(stderr).toContain(part);
    });
  }
});

describe("ubias simulate --samples (T10 on data drawn from the statistics)", () => {
  const noisy = [...TOY, "--noise", "0.5"];

  it("linear: trains on the sample moments and reports E_g against the teacher", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ubias-samples-"));
    const trajectory = join(dir, "run.csv");
    const out = await simulateJson([...noisy, "--samples", "50", "--trajectory", trajectory]);
    expect(out).toMatchObject({
      activation: "linear",
      training: "sample-moments",
      dataSource: "sampled",
      samples: 50,
      dataSeed: 0,
      status: "completed",
    });
    const g = out.generalisation;
    for (const x of [g.final, g.atTA, g.atTB, out.trainingLoss, out.solution.distance]) {
      expect(Number.isFinite(x)).toBe(true);
    }
    // E_g recomputed by hand from the final W^tot (rounding only).
    expect(g.final).toBeCloseTo(toyEg(out.final.wTot), 12);
    expect(g.final).toBeGreaterThan(0); // finite data: the least-squares fit misses w*
    // The E_g column of the trajectory ends at the final E_g.
    const [header, ...rows] = readFileSync(trajectory, "utf8").trimEnd().split("\n");
    expect(header).toBe("t,loss,wA_1,wB_1,eg");
    expect(Number(rows.at(-1)!.split(",")[4])).toBe(g.final);
  });

  it("--data-seed draws another data set; the init seed is unchanged", async () => {
    const a = await simulateJson([...noisy, "--samples", "50"]);
    const b = await simulateJson([...noisy, "--samples", "50", "--data-seed", "1"]);
    expect(b.dataSeed).toBe(1);
    expect(b.seed).toBe(a.seed);
    expect(b.solution.wTot).not.toEqual(a.solution.wTot);
  });

  it("relu: trains on the samples, reports E_g (closed form, L = 2) and neuron directions", async () => {
    const out = await simulateJson([...noisy, "--samples", "200", "--activation", "relu"]);
    expect(out).toMatchObject({
      activation: "relu",
      training: "samples-feature-moments",
      samples: 200,
    });
    expect(out.solution).toBeUndefined();
    expect(Number.isFinite(out.generalisation.final)).toBe(true);
    // E_g = ℒ_pop − ℒ* ≥ 0 (ℒ* is the smallest population loss of any function of x).
    expect(out.generalisation.final).toBeGreaterThanOrEqual(0);
    expect(out.directions.count).toBeGreaterThanOrEqual(1);
    for (const u of out.directions.directions) expect(Math.hypot(...u)).toBeCloseTo(1, 12);
  });

  it("relu without samples uses the two-layer population closed form", async () => {
    const out = await simulateJson([...TOY, "--activation", "relu"]);
    expect(out).toMatchObject({ activation: "relu", training: "population-closed-form" });
    expect(out.samples).toBeUndefined();
    expect(out.generalisation.final).toBeGreaterThanOrEqual(0);
  });
});

describe("ubias simulate --data xor (T12)", () => {
  it("is a ReLU run by default, without phase times, with the final loss and directions", async () => {
    const args = ["--data", "xor", "--var-lin", "1", "--method", "gd", "--lr", "0.05"];
    const out = await simulateJson([...args, "--max-time", "20"]);
    expect(out).toMatchObject({
      activation: "relu",
      dataSource: "xor",
      samples: 256,
      tA: null,
      tB: null,
      generalisation: null,
    });
    expect(out.timesNote).toMatch(/XOR/);
    // ℒ(0) = ½(1 + v) = 1 on the population; training lowers the sample loss below it.
    expect(out.trainingLoss).toBeLessThan(1);
    expect(out.directions.count).toBeGreaterThanOrEqual(1);
    const again = await runCli(["simulate", ...args, "--max-time", "20", "--json"]);
    expect(withoutClock(again.stdout)).toEqual(withoutClock(JSON.stringify(out)));
  });

  it("--activation linear trains a linear network on the XOR samples", async () => {
    const out = await simulateJson(["--data", "xor", "--var-lin", "1", "--activation", "linear"]);
    expect(out).toMatchObject({ activation: "linear", training: "sample-moments", samples: 256 });
    expect(out.directions).toBeUndefined();
  });
});

describe("ubias simulate: invalid data combinations (one line naming the option and bound)", () => {
  const cases: [string, string[], string[]][] = [
    ["--csv with a toy flag", ["--csv", "x.csv", "--sigma-a", "2"], ["--csv", "--sigma-a"]],
    ["--var-lin without --data", [...TOY, "--var-lin", "1"], ["--var-lin", "--data xor"]],
    ["--samples 1", [...TOY, "--samples", "1"], ["--samples", "[2,"]],
    [
      "xor P not a multiple of 4",
      ["--data", "xor", "--var-lin", "1", "--samples", "10"],
      ["--samples", "multiple of 4"],
    ],
    ["xor without --var-lin", ["--data", "xor"], ["--var-lin", "required"]],
    ["unknown --data", ["--data", "mnist"], ["--data", "xor"]],
    ["--data-seed without --samples", [...TOY, "--data-seed", "1"], ["--data-seed", "--samples"]],
    ["--target without --csv", [...TOY, "--target", "y"], ["--target", "--csv"]],
    ["--csv without --target", ["--csv", "x.csv", "--modality-a", "a"], ["--target", "required"]],
    [
      "relu population at depth 3",
      [...TOY, "--activation", "relu", "--depth", "3"],
      ["--activation", "--depth 2", "--samples"],
    ],
    ["unknown activation", [...TOY, "--activation", "tanh"], ["--activation", "linear, relu"]],
    ["--repeats with --samples", [...TOY, "--samples", "20", "--repeats", "2"], ["--repeats"]],
    [
      "balanced init with P ≤ D",
      [...TOY, "--samples", "2", "--init", "balanced"],
      ["--init", "P > D"],
    ],
  ];
  for (const [name, args, expected] of cases) {
    it(name, async () => {
      const { code, stdout, stderr } = await runCli(["simulate", ...args]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(lines(stderr)).toHaveLength(1);
      for (const part of expected) expect(stderr).toContain(part);
    });
  }
});
