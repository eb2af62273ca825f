import { beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFigure } from "../../../src/report/figures/generate.js";
import { HEATMAP_NETWORK } from "../../../src/report/figures/toyHeatmap.js";
import {
  expectDeterministicRendering,
  expectFigureContract,
  makeFigure,
  num,
} from "./figureContract.js";
import { BRIGHTNESS_ROUNDING, brightness, drawnCells, valueLabels } from "./heatmapContract.js";
import { plateauBound } from "./plateauBound.js";

/** d3's "+.2f": sign always, U+2212 for minus. */
const signed = (x: number) => `${x < 0 || Object.is(x, -0) ? "−" : "+"}${Math.abs(x).toFixed(2)}`;

describe("figure misattribution-heatmap (T3)", () => {
  let figure: GeneratedFigure;
  beforeAll(async () => {
    figure = await makeFigure("misattribution-heatmap");
  });

  it("draws the measured plateaus as symbols at their CSV (ρ, σA/σB), labelled with their value", async () => {
    expectFigureContract(figure, {
      axes: ["correlation ρ", "σA/σB"],
      markerX: "rho",
      markerY: "sigmaRatio",
      xScale: "linear",
      yScale: "linear",
      isMarker: (row) => row.source === "simulation" && row.misattribution !== null,
    });
    const sims = figure.data.rows.filter((r) => r.source === "simulation");
    expect(valueLabels(figure).sort()).toEqual(
      sims.map((r) => signed(num(r, "misattribution"))).sort(),
    );
    await expectDeterministicRendering(figure);
  });

  it("fills each cell with ρσB/σA (docs/theory.md §1): red below 0, grey above, darker further out", () => {
    const cells = drawnCells(figure);
    for (const cell of cells) {
      const expected = num(cell.row, "rho") / num(cell.row, "sigmaRatio");
      expect(Math.abs(num(cell.row, "misattribution") - expected)).toBeLessThan(1e-12);
      const [r, , b] = cell.rgb;
      // 0.05 keeps off the near-white middle of the scale, where red and grey meet.
      if (expected < -0.05) expect(r).toBeGreaterThan(b + 10);
      if (expected > 0.05) expect(Math.abs(r - b)).toBeLessThan(10);
    }
    for (const side of [-1, 1]) {
      const half = cells
        .filter((c) => side * num(c.row, "misattribution") > 0)
        .sort(
          (a, c) => Math.abs(num(a.row, "misattribution")) - Math.abs(num(c.row, "misattribution")),
        );
      for (let i = 1; i < half.length; i++)
        expect(brightness(half[i]!.rgb)).toBeLessThanOrEqual(
          brightness(half[i - 1]!.rgb) + BRIGHTNESS_ROUNDING,
        );
    }
  });

  it("measures every plateau within T3's bound of the closed form", () => {
    const sims = figure.data.rows.filter((r) => r.source === "simulation");
    expect(sims).toHaveLength(20);
    for (const row of sims) {
      const r = num(row, "sigmaRatio");
      const rho = num(row, "rho");
      expect(num(row, "theory")).toBeCloseTo(rho / r, 12);
      expect(Math.abs(num(row, "misattribution") - rho / r)).toBeLessThan(
        plateauBound(HEATMAP_NETWORK.u0, r, rho),
      );
    }
  });
});
