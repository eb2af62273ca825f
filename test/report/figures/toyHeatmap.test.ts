import { describe, expect, it } from "vitest";
import {
  HEATMAP_RHOS,
  HEATMAP_SIGMA_RATIOS,
  heatmapCells,
  heatmapJobs,
  heatmapMarkers,
} from "../../../src/report/figures/toyHeatmap.js";

describe("toy heat-map grid", () => {
  it("spans the authors' axes, ρ ∈ [−0.92, 0.92] × σA/σB ∈ [1, 3] (vis_theo.ipynb)", () => {
    expect([HEATMAP_RHOS[0], HEATMAP_RHOS.at(-1)]).toEqual([-0.92, 0.92]);
    expect([HEATMAP_SIGMA_RATIOS[0], HEATMAP_SIGMA_RATIOS.at(-1)]).toEqual([1, 3]);
  });

  it("tiles the plane: adjacent cells share their edges, each centred on its grid point", () => {
    const cells = heatmapCells();
    expect(cells).toHaveLength(HEATMAP_RHOS.length * HEATMAP_SIGMA_RATIOS.length);
    for (const c of cells) {
      expect((c.rhoLow + c.rhoHigh) / 2).toBeCloseTo(c.rho, 14);
      expect((c.sigmaRatioLow + c.sigmaRatioHigh) / 2).toBeCloseTo(c.sigmaRatio, 14);
    }
    for (let i = 1; i < HEATMAP_RHOS.length; i++)
      expect(cells[i]!.rhoLow).toBeCloseTo(cells[i - 1]!.rhoHigh, 12);
    const n = HEATMAP_RHOS.length;
    for (let j = 1; j < HEATMAP_SIGMA_RATIOS.length; j++)
      expect(cells[j * n]!.sigmaRatioLow).toBeCloseTo(cells[(j - 1) * n]!.sigmaRatioHigh, 12);
  });

  it("simulates a coarse grid off the tie, one seeded job per point and draw", () => {
    const options = { repeats: 2, seed: 7 };
    const markers = heatmapMarkers(options);
    const jobs = heatmapJobs(options);
    expect(markers).toHaveLength(40);
    expect(jobs).toHaveLength(40);
    expect(markers.every((m) => m.sigmaRatio > 1)).toBe(true);
    expect(new Set(jobs.map((j) => j.seed)).size).toBe(40);
    jobs.forEach((job, i) => {
      expect(job.stats).toEqual({
        family: "toy",
        sigmaA: markers[i]!.sigmaRatio,
        sigmaB: 1,
        rho: markers[i]!.rho,
      });
    });
  });
});
