import { describe, expect, it } from "vitest";
import { deepRatioFigure } from "../../../src/report/figures/deepRatio.js";
import type { FigureRow } from "../../../src/report/figures/figure.js";

/** T2 = T4 (leading order) for the toy family, σB = 1, w = (1, 1): 1 + (r² − 1)/(1 − ρ²). */
const t2 = (r: number, rho: number) => 1 + (r * r - 1) / (1 - rho * rho);
const options = { repeats: 1, seed: 1 };
const jobs = deepRatioFigure.jobs(options);
const fake = jobs.map(() => ({ tA: 1, tB: 2, ratio: 2, status: "completed", plateauMap: null }));
const rows = deepRatioFigure.assemble(options, fake).rows;
const theory = (lf: number) =>
  rows.filter((r: FigureRow) => r.source === "theory" && r.fusionLayer === lf);

describe("deepRatioFigure (T5, T6 against σA/σB at ρ = 0.5, u0 = 0.1)", () => {
  it("simulates the six stated σA/σB markers at each of the four fusion layers", () => {
    expect(jobs).toHaveLength(24);
    const first = jobs[0]!.input as { stats: unknown; u0: number; depth: number };
    expect(first.stats).toEqual({ family: "toy", sigmaA: 1.25, sigmaB: 1, rho: 0.5 });
    expect(first.u0).toBe(0.1);
    expect(first.depth).toBe(4);
    expect(
      jobs.slice(0, 6).map((j) => (j.input as { stats: { sigmaA: number } }).stats.sigmaA),
    ).toEqual([1.25, 1.5, 1.75, 2, 2.5, 3]);
  });

  it("the curve runs from 1.02 (T2 = 1.0539 by hand, just above the tie) to 3", () => {
    const late = theory(4);
    expect(late[0]!.sigmaRatio).toBe(1.02);
    expect(late.at(-1)!.sigmaRatio).toBeCloseTo(3, 14);
    // 1 + (1.0404 − 1)/0.75 = 1.053866…
    expect(late[0]!.ratio as number).toBeCloseTo(1 + 0.0404 / 0.75, 12);
  });

  it("theory: 1 for early fusion, T2 for late, and an increasing Lf order in between at every σA/σB", () => {
    const early = theory(1);
    const late = theory(4);
    expect(early.every((r) => r.ratio === 1)).toBe(true);
    for (const r of late)
      expect(r.ratio as number).toBeCloseTo(t2(r.sigmaRatio as number, 0.5), 10);
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
});
