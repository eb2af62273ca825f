import { describe, expect, it } from "vitest";
import type { FigureRow } from "../../../src/report/figures/figure.js";
import { expectFigureContract, makeFigure, num } from "./figureContract.js";

/** T2/T4 for the toy family with w = (1, 1), σB = 1, σA = r: 1 + (r² − 1)/(1 − ρ²). */
const t2 = (r: number, rho: number) => 1 + (r * r - 1) / (1 - rho * rho);
/**
 * T4 in simulation: |error| ≤ 1.5·u0^{L−2}/(1 − k) (README tolerances, coefficient measured
 * ≤ 1.13 by scripts/measure/deep.ts); L = 4, u0 ≤ 0.2 here.
 */
const t4Tolerance = (u0: number, k: number) => (1.5 * u0 ** 2) / (1 - k);
/** T6/T7 monotonicity in simulation: wrong-direction change ≤ 1e-6 (event-location accuracy). */
const MONOTONE_SLACK = 1e-6;

const sims = (rows: readonly FigureRow[]) => rows.filter((r) => r.source === "simulation");

function byLf(rows: readonly FigureRow[], parameter: string): Map<number, FigureRow[]> {
  const map = new Map<number, FigureRow[]>();
  for (const row of sims(rows)) {
    const list = map.get(num(row, "fusionLayer")) ?? [];
    list.push(row);
    map.set(num(row, "fusionLayer"), list);
  }
  for (const list of map.values()) list.sort((a, b) => num(a, parameter) - num(b, parameter));
  return map;
}

/** T6 in simulation: at each parameter value the ratio does not decrease with Lf. */
function expectNonDecreasingInLf(rows: readonly FigureRow[], parameter: string): void {
  const curves = byLf(rows, parameter);
  for (let lf = 2; lf <= 4; lf++) {
    curves.get(lf)!.forEach((row, i) => {
      const shallower = curves.get(lf - 1)![i]!;
      expect(num(shallower, parameter)).toBe(num(row, parameter));
      expect(num(row, "ratio")).toBeGreaterThanOrEqual(num(shallower, "ratio") - MONOTONE_SLACK);
    });
  }
}

/**
 * Each plotted Gaussian point (square and bar) is the mean, min and max of the draws the CSV
 * lists for it (those that reached t_B); every point has its 5 draws.
 */
function expectGaussianSummaries(rows: readonly FigureRow[], parameter: string): void {
  const summaries = rows.filter((r) => r.source === "gaussian");
  expect(summaries.length).toBeGreaterThan(0);
  for (const point of summaries) {
    const draws = rows.filter(
      (r) =>
        r.source === "gaussian-draw" &&
        r.fusionLayer === point.fusionLayer &&
        r[parameter] === point[parameter],
    );
    expect(draws).toHaveLength(5);
    const reached = draws.flatMap((d) => (d.ratio === null ? [] : [num(d, "ratio")]));
    expect(point.reached).toBe(reached.length);
    if (reached.length === 0) continue;
    const mean = reached.reduce((a, b) => a + b, 0) / reached.length;
    expect(Math.abs(num(point, "ratio") - mean)).toBeLessThanOrEqual(1e-12 * mean);
    expect(point.ratioLow).toBe(Math.min(...reached));
    expect(point.ratioHigh).toBe(Math.max(...reached));
  }
}

function contract(parameter: string, title: string, xScale: "linear" | "log") {
  return {
    axes: [title, "t_B / t_A"],
    markerX: parameter,
    markerY: "ratio",
    xScale,
    yScale: "log" as const,
    // Balanced-init dots and the Gaussian draws' means (squares), each a labelled symbol.
    isMarker: (row: FigureRow) =>
      (row.source === "simulation" || row.source === "gaussian") && row.ratio !== null,
    isLineVertex: (row: FigureRow) => row.source === "theory",
  };
}

describe("figure deep-rho (T5, T6)", () => {
  it("plots Lf = 1..4 against ρ; late fusion on T4, early fusion at 1, ratios increasing in Lf", async () => {
    const figure = await makeFigure("deep-rho");
    expectFigureContract(figure, contract("rho", "correlation ρ", "linear"));
    const rows = figure.data.rows;
    for (const row of rows.filter((r) => r.source === "theory")) {
      if (row.fusionLayer === 1) expect(row.ratio).toBe(1);
      if (row.fusionLayer === 4)
        expect(Math.abs(num(row, "ratio") / t2(2, num(row, "rho")) - 1)).toBeLessThan(1e-12);
    }
    for (const row of sims(rows).filter((r) => r.fusionLayer === 4)) {
      const rho = num(row, "rho");
      const k = (1 + 2 * rho) / (4 + 2 * rho);
      expect(Math.abs(num(row, "ratio") / t2(2, rho) - 1)).toBeLessThan(t4Tolerance(0.1, k));
    }
    expectNonDecreasingInLf(rows, "rho");
    expectGaussianSummaries(rows, "rho");
  });
});

describe("figure deep-ratio (T5, T6)", () => {
  it("plots Lf = 1..4 against σA/σB ∈ [1, 3] with ratios increasing in Lf", async () => {
    const figure = await makeFigure("deep-ratio");
    expectFigureContract(figure, contract("sigmaRatio", "σA/σB", "linear"));
    const theory = figure.data.rows.filter((r) => r.source === "theory");
    const ratios = theory.map((r) => num(r, "sigmaRatio"));
    expect(Math.min(...ratios)).toBeGreaterThan(1);
    expect(Math.max(...ratios)).toBe(3);
    expectNonDecreasingInLf(figure.data.rows, "sigmaRatio");
    expectGaussianSummaries(figure.data.rows, "sigmaRatio");
    // T4 at the authors' ρ = 0: the balanced late-fusion runs on σA²/σB² (k = 1/r²).
    for (const row of sims(figure.data.rows).filter((r) => r.fusionLayer === 4)) {
      const r = num(row, "sigmaRatio");
      expect(Math.abs(num(row, "ratio") / (r * r) - 1)).toBeLessThan(t4Tolerance(0.1, 1 / r ** 2));
    }
  });
});

describe("figure deep-init (T5, T7)", () => {
  it("plots Lf = 1..4 against u0 on a log axis; intermediate fusion grows with u0 (T7)", async () => {
    const figure = await makeFigure("deep-init");
    expectFigureContract(figure, contract("u0", "init scale u0", "log"));
    // T4 at the authors' ρ = 0 (k = s_B/s_A = 1/4): the balanced late-fusion runs on the line 4.
    for (const row of sims(figure.data.rows).filter((r) => r.fusionLayer === 4))
      expect(Math.abs(num(row, "ratio") / 4 - 1)).toBeLessThan(t4Tolerance(num(row, "u0"), 0.25));
    const curves = byLf(figure.data.rows, "u0");
    for (const lf of [2, 3]) {
      const curve = curves.get(lf)!;
      for (let i = 1; i < curve.length; i++)
        expect(num(curve[i]!, "ratio")).toBeGreaterThan(
          num(curve[i - 1]!, "ratio") - MONOTONE_SLACK,
        );
    }
    expectNonDecreasingInLf(figure.data.rows, "u0");
    expectGaussianSummaries(figure.data.rows, "u0");
  });
});
