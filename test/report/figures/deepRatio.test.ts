import { describe, expect, it } from "vitest";
import { deepRatioFigure } from "../../../src/report/figures/deepRatio.js";
import { GAUSSIAN_DRAWS } from "../../../src/report/figures/deepSweep.js";
import type { FigureRow } from "../../../src/report/figures/figure.js";

/** T2 = T4 (leading order) for the toy family, σB = 1, w = (1, 1): 1 + (r² − 1)/(1 − ρ²). */
const t2 = (r: number, rho: number) => 1 + (r * r - 1) / (1 - rho * rho);
const options = { repeats: 1, seed: 1 };
const jobs = deepRatioFigure.jobs(options);
const fake = jobs.map(() => ({ tA: 1, tB: 2, ratio: 2, status: "completed", plateauMap: null }));
const rows = deepRatioFigure.assemble(options, fake).rows;
const theory = (lf: number) =>
  rows.filter((r: FigureRow) => r.source === "theory" && r.fusionLayer === lf);

describe("deepRatioFigure (T5, T6 against σA/σB at the authors' ρ = 0, u0 = 0.1)", () => {
  it("simulates the authors' five σA/σB (sweep.py: linspace(1.2, 2.8, 5)) at each fusion layer", () => {
    // 4 × 5 balanced runs, then 5 Gaussian draws of each (deepSweep.test.ts).
    expect(jobs).toHaveLength(20 + 20 * GAUSSIAN_DRAWS);
    const first = jobs[0]!.input as { stats: unknown; u0: number; depth: number };
    expect(first.stats).toEqual({ family: "toy", sigmaA: 1.2, sigmaB: 1, rho: 0 });
    expect(first.u0).toBe(0.1);
    expect(first.depth).toBe(4);
    expect(
      jobs.slice(0, 5).map((j) => (j.input as { stats: { sigmaA: number } }).stats.sigmaA),
    ).toEqual([1.2, 1.6, 2, 2.4, 2.8]);
    const half = deepRatioFigure.jobs({ ...options, rho: 0.5 })[0]!.input as { stats: unknown };
    expect(half.stats).toEqual({ family: "toy", sigmaA: 1.2, sigmaB: 1, rho: 0.5 });
  });

  it("the curve runs from 1.02 (T2 = 1.0404 by hand at ρ = 0, just above the tie) to 3", () => {
    const late = theory(4);
    expect(late[0]!.sigmaRatio).toBe(1.02);
    expect(late.at(-1)!.sigmaRatio).toBeCloseTo(3, 14);
    // 1 + (1.0404 − 1)/1 = σA²/σB².
    expect(late[0]!.ratio as number).toBeCloseTo(1.0404, 12);
  });

  it("theory: 1 for early fusion, T2 for late, and an increasing Lf order in between at every σA/σB", () => {
    const early = theory(1);
    const late = theory(4);
    expect(early.every((r) => r.ratio === 1)).toBe(true);
    for (const r of late) expect(r.ratio as number).toBeCloseTo(t2(r.sigmaRatio as number, 0), 10);
    const mid2 = theory(2);
    const mid3 = theory(3);
    expect(mid2).toHaveLength(late.length);
    expect(mid3).toHaveLength(late.length);
    mid2.forEach((row, i) => {
      expect(row.ratio as number).toBeGreaterThan(1);
      expect(mid3[i]!.ratio as number).toBeGreaterThan(row.ratio as number);
      expect(late[i]!.ratio as number).toBeGreaterThan(mid3[i]!.ratio as number);
    });
  });

  it("says in its caption which ρ is shown and how to draw the other", () => {
    expect(deepRatioFigure.caption).toContain("at ρ = 0, the authors' setting");
    expect(deepRatioFigure.caption).toContain("`ubias figure deep-ratio --rho 0.5`");
    expect(deepRatioFigure.caption).toContain("5 Gaussian-init draws per point");
  });
});
