import { describe, expect, it } from "vitest";
import { deepInitFigure } from "../../../src/report/figures/deepInit.js";
import { GAUSSIAN_DRAWS } from "../../../src/report/figures/deepSweep.js";
import type { FigureRow } from "../../../src/report/figures/figure.js";

const options = { repeats: 1, seed: 1 };
const jobs = deepInitFigure.jobs(options);
const fake = jobs.map(() => ({ tA: 1, tB: 2, ratio: 2, status: "completed", plateauMap: null }));
const { rows, spec } = deepInitFigure.assemble(options, fake);
const theory = (lf: number) =>
  rows.filter((r: FigureRow) => r.source === "theory" && r.fusionLayer === lf);

describe("deepInitFigure (T5, T7 against u0 at σA/σB = 2 and the authors' ρ = 0)", () => {
  it("simulates the authors' u0 (sweep.py: linspace(0.03, 0.18, 5)) at each fusion layer on toy (2, 1, 0)", () => {
    expect(jobs).toHaveLength(20 + 20 * GAUSSIAN_DRAWS);
    expect(jobs.slice(0, 5).map((j) => (j.input as { u0: number }).u0)).toEqual([
      0.03, 0.0675, 0.105, 0.1425, 0.18,
    ]);
    expect((jobs[0]!.input as { stats: unknown }).stats).toEqual({
      family: "toy",
      sigmaA: 2,
      sigmaB: 1,
      rho: 0,
    });
  });

  it("T1 and T4 do not depend on u0 (1 and the authors' line T2 = 1 + 3/1 = 4); T5 grows with u0 for Lf = 2, 3 (T7)", () => {
    expect(theory(1).every((r) => r.ratio === 1)).toBe(true);
    for (const r of theory(4)) expect(r.ratio as number).toBeCloseTo(4, 10);
    // With --rho 0.5 the line is the earlier figure's 1 + 3/0.75 = 5.
    const half = deepInitFigure.assemble({ ...options, rho: 0.5 }, fake).rows;
    for (const r of half.filter((row) => row.source === "theory" && row.fusionLayer === 4))
      expect(r.ratio as number).toBeCloseTo(5, 10);
    for (const lf of [2, 3]) {
      const t = theory(lf);
      expect(t).toHaveLength(40);
      for (let i = 1; i < t.length; i++) {
        expect(t[i]!.u0 as number).toBeGreaterThan(t[i - 1]!.u0 as number);
        expect(t[i]!.ratio as number, `Lf = ${lf}`).toBeGreaterThan(t[i - 1]!.ratio as number);
      }
      // T7: tends to 1 as u0 → 0, so the smallest u0 is the closest to 1 and below T4's 4.
      expect(t[0]!.ratio as number).toBeGreaterThan(1);
      expect(t[0]!.ratio as number).toBeLessThan(4);
    }
  });

  it("the u0 axis is logarithmic, over [0.01, 0.2] padded by 1.1", () => {
    const layer = (
      spec.layer as { encoding: { x: { scale: { type: string; domain: number[] } } } }[]
    )[0]!;
    expect(layer.encoding.x.scale.type).toBe("log");
    const [lo, hi] = layer.encoding.x.scale.domain;
    expect(lo).toBeCloseTo(0.01 / 1.1, 15);
    expect(hi).toBeCloseTo(0.2 * 1.1, 15);
  });

  it("says in its caption which ρ is shown and how to draw the other", () => {
    expect(deepInitFigure.caption).toContain("at ρ = 0, the authors' setting");
    expect(deepInitFigure.caption).toContain("`ubias figure deep-init --rho 0.5`");
    expect(deepInitFigure.caption).toContain("5 Gaussian-init draws per point");
  });
});
