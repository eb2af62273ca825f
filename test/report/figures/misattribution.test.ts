import { beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFigure } from "../../../src/report/figures/generate.js";
import { expectFigureContract, makeFigure, num } from "./figureContract.js";
import { plateauBound } from "./plateauBound.js";

/** The figure's init scale (src/report/figures/misattribution.ts). */
const U0 = 1e-6;

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
      expect(Math.abs(num(row, "misattribution") - rho / r)).toBeLessThan(plateauBound(U0, r, rho));
    }
  });
});
