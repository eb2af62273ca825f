import { beforeAll, describe, expect, it } from "vitest";
import { lateFusionDomain } from "../../../src/claims/lateFusionDomain.js";
import type { GeneratedFigure } from "../../../src/report/figures/generate.js";
import { ratioHeatmapFigure } from "../../../src/report/figures/ratioHeatmap.js";
import type { NetworkJob } from "../../../src/report/figures/simulationJob.js";
import { statisticsOf } from "../../../src/report/figures/simulationJob.js";
import {
  expectDeterministicRendering,
  expectFigureContract,
  makeFigure,
  num,
  QUICK,
} from "./figureContract.js";
import { BRIGHTNESS_ROUNDING, brightness, drawnCells, valueLabels } from "./heatmapContract.js";

/** T2, toy family with w = (1, 1), σB = 1, r = σA (docs/theory.md §4): 1 + (r² − 1)/(1 − ρ²). */
const t2 = (r: number, rho: number) => 1 + (r * r - 1) / (1 - rho * rho);

describe("figure ratio-heatmap (T2)", () => {
  let figure: GeneratedFigure;
  beforeAll(async () => {
    figure = await makeFigure("ratio-heatmap");
  });

  it("draws simulated points as symbols at their CSV (ρ, σA/σB), labelled with their value", async () => {
    expectFigureContract(figure, {
      axes: ["correlation ρ", "σA/σB"],
      markerX: "rho",
      markerY: "sigmaRatio",
      xScale: "linear",
      yScale: "linear",
      isMarker: (row) => row.source === "simulation" && row.ratio !== null,
    });
    const sims = figure.data.rows.filter((r) => r.source === "simulation");
    expect(valueLabels(figure).sort()).toEqual(sims.map((r) => num(r, "ratio").toFixed(2)).sort());
    await expectDeterministicRendering(figure);
  });

  it("fills one cell per grid point of the authors' axes with T2, darker where the ratio is larger", () => {
    const cells = drawnCells(figure);
    const rhos = cells.map((c) => num(c.row, "rho"));
    const ratios = cells.map((c) => num(c.row, "sigmaRatio"));
    expect([Math.min(...rhos), Math.max(...rhos)]).toEqual([-0.92, 0.92]);
    expect([Math.min(...ratios), Math.max(...ratios)]).toEqual([1, 3]);
    for (const cell of cells) {
      const expected = t2(num(cell.row, "sigmaRatio"), num(cell.row, "rho"));
      expect(Math.abs(num(cell.row, "ratio") / expected - 1)).toBeLessThan(1e-12);
    }
    // The grey scale is monotone: sorted by ratio, no cell is brighter than a smaller one.
    const sorted = [...cells].sort((a, b) => num(a.row, "ratio") - num(b.row, "ratio"));
    for (let i = 1; i < sorted.length; i++)
      expect(brightness(sorted[i]!.rgb)).toBeLessThanOrEqual(
        brightness(sorted[i - 1]!.rgb) + BRIGHTNESS_ROUNDING,
      );
    expect(brightness(sorted[0]!.rgb)).toBeGreaterThan(brightness(sorted.at(-1)!.rgb) + 100);
  });

  it("measures every in-domain point within the T2 claim's tolerance of its closed form", () => {
    // Gaussian init at u0 = 1e-6: T2 is a per-run prediction only up to the claim's tolerance
    // (src/claims/t2Law.ts via lateFusionDomain), as in the toy-ratio figure.
    const sims = figure.data.rows.filter((r) => r.source === "simulation");
    const jobs = ratioHeatmapFigure.jobs(QUICK).map((j) => j.input as NetworkJob);
    expect(sims).toHaveLength(20);
    let checked = 0;
    sims.forEach((row, i) => {
      const job = jobs[i]!;
      expect(row.status).toBe("completed");
      const expected = t2(num(row, "sigmaRatio"), num(row, "rho"));
      expect(Math.abs(num(row, "theory") / expected - 1)).toBeLessThan(1e-12);
      const domain = lateFusionDomain(statisticsOf(job.stats), {
        depth: 2,
        fusionLayer: 2,
        width: job.width,
        init: "gaussian",
        seed: job.seed,
        u0: job.u0,
      });
      if (!domain.inDomain) return;
      checked++;
      expect(Math.abs(num(row, "ratio") / expected - 1)).toBeLessThanOrEqual(domain.tolerance);
    });
    expect(checked).toBeGreaterThanOrEqual(16);
  });
});
