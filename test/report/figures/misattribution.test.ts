import { beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFigure } from "../../../src/report/figures/generate.js";
import { expectFigureContract, makeFigure, num } from "./figureContract.js";

const U0 = 1e-6;

/**
 * T3's plateau bound (README, tolerances): deviation ≤ u0^{α/4} with the plateau depth
 * α = 2(1 − σk) s_A/(s_A + |e_B|), σ = sign(Σ_yxB e_B), here for the toy family with
 * w = (1, 1), σB = 1, σA = r.
 */
function plateauBound(r: number, rho: number): number {
  const sA = r * r + rho * r;
  const sB = 1 + rho * r;
  const eB = 1 - rho * rho;
  const sigma = Math.sign(sB * eB);
  const alpha = (2 * (1 - (sigma * Math.abs(sB)) / sA) * sA) / (sA + Math.abs(eB));
  return U0 ** (alpha / 4);
}

describe("figure misattribution (T3)", () => {
  let figure: GeneratedFigure;
  beforeAll(async () => {
    figure = await makeFigure("misattribution");
  });

  it("shows the plateau measurements as symbols and the T3 lines", () => {
    expectFigureContract(figure, {
      axes: ["correlation ρ", "W_A^tot − W_A^full"],
      markerX: "rho",
      markerY: "misattribution",
      xScale: "linear",
      yScale: "linear",
      isMarker: (row) => row.source === "simulation" && row.misattribution !== null,
      isLineVertex: (row) => row.source === "theory",
    });
  });

  it("draws the misattribution ρσB/σA (docs/theory.md §1, toy with w = (1, 1))", () => {
    for (const row of figure.data.rows.filter((r) => r.source === "theory")) {
      const expected = num(row, "rho") / num(row, "sigmaRatio");
      expect(Math.abs(num(row, "misattribution") - expected)).toBeLessThan(1e-12);
    }
  });

  it("measures every plateau within T3's bound of the prediction", () => {
    const sims = figure.data.rows.filter((r) => r.source === "simulation");
    expect(sims).toHaveLength(21);
    for (const row of sims) {
      const r = num(row, "sigmaRatio");
      const rho = num(row, "rho");
      expect(Math.abs(num(row, "misattribution") - rho / r)).toBeLessThan(plateauBound(r, rho));
    }
  });
});
