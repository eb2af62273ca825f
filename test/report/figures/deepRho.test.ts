import { describe, expect, it } from "vitest";
import { deepRhoFigure } from "../../../src/report/figures/deepRho.js";
import { GAUSSIAN_DRAWS } from "../../../src/report/figures/deepSweep.js";
import type { FigureRow } from "../../../src/report/figures/figure.js";

const t2 = (r: number, rho: number) => 1 + (r * r - 1) / (1 - rho * rho);
const options = { repeats: 1, seed: 1 };
const jobs = deepRhoFigure.jobs(options);
const fake = jobs.map(() => ({ tA: 1, tB: 2, ratio: 2, status: "completed", plateauMap: null }));
const rows = deepRhoFigure.assemble(options, fake).rows;
const theory = (lf: number) =>
  rows.filter((r: FigureRow) => r.source === "theory" && r.fusionLayer === lf);

describe("deepRhoFigure (T5, T6 against ρ at σA/σB = 2, u0 = 0.1)", () => {
  it("simulates the eight stated ρ markers at each fusion layer, σA = 2, u0 = 0.1", () => {
    // 32 balanced runs, then 5 Gaussian draws of each (deepSweep.test.ts); ρ is swept, so
    // --rho does not apply here.
    expect(jobs).toHaveLength(32 + 32 * GAUSSIAN_DRAWS);
    expect(deepRhoFigure.settings).toEqual(["gaussianWidth"]);
    const rhos = jobs.slice(0, 8).map((j) => (j.input as { stats: { rho: number } }).stats.rho);
    expect(rhos).toEqual([-0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 0.9]);
    for (const j of jobs) {
      const input = j.input as { stats: { sigmaA: number; sigmaB: number }; u0: number };
      expect([input.stats.sigmaA, input.stats.sigmaB, input.u0]).toEqual([2, 1, 0.1]);
    }
  });

  it("the curve stays inside T5's domain ρ > −σB/σA = −0.5: a prediction at every point and Lf", () => {
    for (const lf of [1, 2, 3, 4]) {
      const t = theory(lf);
      expect(t).toHaveLength(55);
      expect(t[0]!.rho).toBe(-0.45);
      expect(t.at(-1)!.rho as number).toBeCloseTo(0.9, 14);
    }
  });

  it("theory: 1 for early fusion and T2 = 1 + 3/(1 − ρ²) for late fusion", () => {
    expect(theory(1).every((r) => r.ratio === 1)).toBe(true);
    for (const r of theory(4)) expect(r.ratio as number).toBeCloseTo(t2(2, r.rho as number), 10);
    // By hand at ρ = 0: 1 + 3 = 4.
    const atZero = theory(4).find((r) => Math.abs(r.rho as number) < 1e-12);
    expect(atZero).toBeDefined();
    expect(atZero!.ratio as number).toBeCloseTo(4, 12);
  });

  it("simulation rows carry ρ and the fusion layer of their job", () => {
    const sims = rows.filter((r) => r.source === "simulation");
    expect(sims).toHaveLength(32);
    expect(sims[8]!.fusionLayer).toBe(2);
    expect(sims[8]!.rho).toBe(-0.4);
  });
});
