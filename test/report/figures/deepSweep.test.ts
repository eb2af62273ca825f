import { describe, expect, it } from "vitest";
import { InternalError } from "../../../src/errors/internalError.js";
import {
  DEEP_DEPTH,
  DEFAULT_GAUSSIAN_WIDTH,
  type DeepSweepSpec,
  deepSweepFigure,
  FUSION_LAYERS,
  fusionName,
  GAUSSIAN_DRAWS,
} from "../../../src/report/figures/deepSweep.js";
import type { NetworkResult } from "../../../src/report/figures/simulationJob.js";

/** T2 = T4's leading order for the toy family with σB = 1, w = (1, 1): 1 + (r² − 1)/(1 − ρ²). */
const t2 = (r: number, rho: number) => 1 + (r * r - 1) / (1 - rho * rho);
// Tolerance 12 digits: T4's prediction is this closed form evaluated from derived rates
// (solves and norms of O(1) numbers), equal to it up to a few ulps.

const spec: DeepSweepSpec = {
  id: "test-sweep",
  title: "A test sweep",
  subtitle: (rho) => `sub ρ = ${rho}`,
  caption: "cap",
  claims: ["T5"],
  parameter: "sigmaRatio",
  axisTitle: "σA/σB",
  logX: false,
  curve: [1.5, 2],
  markers: [2, 3],
  fixedRho: true,
  at: (r, rho) => ({ stats: { family: "toy", sigmaA: r, sigmaB: 1, rho }, u0: 0.01 }),
};
const figure = deepSweepFigure(spec);
/** At ρ = 0.5 (the option), so that the hand values below are those of the paper's toy example. */
const options = { repeats: 1, seed: 1, rho: 0.5 };
const BALANCED_JOBS = FUSION_LAYERS.length * spec.markers.length;

/**
 * Fake results that name their job: balanced ratio = 10·Lf + marker index; Gaussian draw d at
 * marker i: 100·Lf + 10·i + d, except draw 0 of Lf = 1, marker 0, which did not reach t_B.
 */
const results: NetworkResult[] = [
  ...FUSION_LAYERS.flatMap((lf) =>
    spec.markers.map((_, i) => ({
      tA: 1,
      tB: 1,
      ratio: 10 * lf + i,
      status: "completed",
      plateauMap: null,
    })),
  ),
  ...FUSION_LAYERS.flatMap((lf) =>
    spec.markers.flatMap((_, i) =>
      Array.from({ length: GAUSSIAN_DRAWS }, (_, d) => ({
        tA: 1,
        tB: 1,
        ratio: lf === 1 && i === 0 && d === 0 ? null : 100 * lf + 10 * i + d,
        status: "completed",
        plateauMap: null,
      })),
    ),
  ),
];

describe("deepSweepFigure", () => {
  it("one balanced width-1 depth-4 job per fusion layer and marker, fusion layer major", () => {
    expect(DEEP_DEPTH).toBe(4);
    expect(FUSION_LAYERS).toEqual([1, 2, 3, 4]);
    const jobs = figure.jobs(options).slice(0, BALANCED_JOBS);
    expect(jobs).toHaveLength(8);
    expect(jobs.every((j) => j.figure === "test-sweep")).toBe(true);
    expect(jobs.map((j) => (j.input as { fusionLayer: number }).fusionLayer)).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4,
    ]);
    expect(jobs[1]!.input).toEqual({
      stats: { family: "toy", sigmaA: 3, sigmaB: 1, rho: 0.5 },
      depth: 4,
      fusionLayer: 1,
      width: 1,
      init: "balanced",
      u0: 0.01,
      seed: 0,
    });
  });

  it("then the authors' five Gaussian draws per point, seeded apart, at the default width", () => {
    const jobs = figure.jobs(options).slice(BALANCED_JOBS);
    expect(GAUSSIAN_DRAWS).toBe(5);
    expect(jobs).toHaveLength(8 * GAUSSIAN_DRAWS);
    const inputs = jobs.map((j) => j.input as { init: string; width: number; seed: number });
    expect(inputs.every((j) => j.init === "gaussian" && j.width === DEFAULT_GAUSSIAN_WIDTH)).toBe(
      true,
    );
    expect(new Set(inputs.map((j) => j.seed)).size).toBe(jobs.length);
    const wide = figure.jobs({ ...options, gaussianWidth: 100 }).slice(BALANCED_JOBS);
    expect(wide.every((j) => (j.input as { width: number }).width === 100)).toBe(true);
  });

  it("draws at the authors' ρ = 0 unless the options set ρ, and says which in the subtitle", () => {
    const authors = figure.jobs({ repeats: 1, seed: 1 });
    expect(authors.every((j) => (j.input as { stats: { rho: number } }).stats.rho === 0)).toBe(
      true,
    );
    const fake = authors.map(() => results[0]!);
    const title = (o: object) =>
      (figure.assemble({ repeats: 1, seed: 1, ...o }, fake).spec.title as { subtitle: string })
        .subtitle;
    expect(title({})).toContain("ρ = 0");
    expect(title({ rho: 0.5 })).toContain("ρ = 0.5");
    expect(title({})).toContain(`Gaussian width ${DEFAULT_GAUSSIAN_WIDTH}`);
    expect(figure.settings).toEqual(["rho", "gaussianWidth"]);
  });

  it("Gaussian rows: every draw, then mean and min-max over the draws that reached t_B", () => {
    const { rows } = figure.assemble(options, results);
    const draws = rows.filter((r) => r.source === "gaussian-draw");
    expect(draws).toHaveLength(8 * GAUSSIAN_DRAWS);
    const summary = rows.filter((r) => r.source === "gaussian");
    expect(summary).toHaveLength(8);
    // Lf = 1, marker 0: draws 1-4 reached (101 … 104); Lf = 3, marker 1: 310 … 314.
    expect(summary[0]).toMatchObject({ ratio: 102.5, ratioLow: 101, ratioHigh: 104, reached: 4 });
    expect(summary[5]).toMatchObject({ ratio: 312, ratioLow: 310, ratioHigh: 314, reached: 5 });
    expect(summary[5]!.fusionLayer).toBe(3);
    expect(summary[5]!.sigmaRatio).toBe(3);
  });

  it("theory rows: ratio 1 for early fusion (T1) and T2's value for late fusion (T4)", () => {
    const { rows } = figure.assemble(options, results);
    const theory = rows.filter((r) => r.source === "theory");
    const at = (lf: number, r: number) =>
      theory.find((row) => row.fusionLayer === lf && row.sigmaRatio === r)?.ratio as number;
    expect(at(1, 1.5)).toBe(1);
    expect(at(1, 2)).toBe(1);
    // By hand: r = 2, ρ = 0.5 → 1 + 3/0.75 = 5; r = 1.5 → 1 + 1.25/0.75 = 8/3.
    expect(at(4, 2)).toBeCloseTo(5, 12);
    expect(at(4, 1.5)).toBeCloseTo(t2(1.5, 0.5), 12);
    // T6: deeper fusion waits longer, strictly between the two ends.
    for (const r of [1.5, 2]) {
      expect(at(2, r)).toBeGreaterThan(1);
      expect(at(3, r)).toBeGreaterThan(at(2, r));
      expect(at(4, r)).toBeGreaterThan(at(3, r));
    }
  });

  it("simulation rows carry the results in job order, labelled by fusion layer", () => {
    const { rows } = figure.assemble(options, results);
    const sims = rows.filter((r) => r.source === "simulation");
    expect(sims.map((r) => r.ratio)).toEqual([10, 11, 20, 21, 30, 31, 40, 41]);
    expect(sims.every((r) => r.init === "balanced")).toBe(true);
    expect(sims.map((r) => r.sigmaRatio)).toEqual([2, 3, 2, 3, 2, 3, 2, 3]);
    expect(sims[0]!.series).toBe("Lf = 1 (early)");
    expect(sims[7]!.series).toBe("Lf = 4 (late)");
    expect(sims[2]!.series).toBe("Lf = 2");
  });

  it("a linear x axis spans the values with a 3 % margin", () => {
    const { spec: vl } = figure.assemble(options, results);
    const layer = (vl.layer as { encoding: { x: { scale: { domain: number[] } } } }[])[0]!;
    // Values 1.5 … 3: margin 0.045.
    const [lo, hi] = layer.encoding.x.scale.domain;
    expect(lo).toBeCloseTo(1.455, 12);
    expect(hi).toBeCloseTo(3.045, 12);
  });

  it("refuses a result list that does not match the jobs", () => {
    expect(() => figure.assemble(options, results.slice(1))).toThrow(InternalError);
  });
});

describe("fusionName", () => {
  it("names early and late fusion at depth 4", () => {
    expect(FUSION_LAYERS.map(fusionName)).toEqual([
      "Lf = 1 (early)",
      "Lf = 2",
      "Lf = 3",
      "Lf = 4 (late)",
    ]);
  });
});
