import { lateFusionRatio } from "../../theory/lateFusionRatio.js";
import { finiteOrNull } from "./chart.js";
import type { FigureRow } from "./figure.js";
import { defineFigure } from "./figure.js";
import type { NetworkJob, NetworkResult } from "./simulationJob.js";
import { runNetworkJob, statisticsOf, toySource } from "./simulationJob.js";
import {
  HEATMAP_NETWORK,
  heatmapCells,
  heatmapJobs,
  heatmapMarkers,
  heatmapSpec,
} from "./toyHeatmap.js";

/** T2 in its signed form (toy, w = (1, 1)): 1 + (σA² − σB²)/(σB²(1 − ρ²)); 1 at the tie. */
function theoryRatio(sigmaRatio: number, rho: number): number {
  return lateFusionRatio(statisticsOf(toySource(sigmaRatio, rho))).ratio;
}

/**
 * Where the measured value is written white: on cells darker than the middle of the grey scale
 * (log scale from 1 to ≈ 53: its middle is ≈ 7).
 */
const DARK_CELL = "datum.theory > 7";

export const ratioHeatmapFigure = defineFigure<NetworkJob, NetworkResult>({
  id: "ratio-heatmap",
  title: "Two-layer late fusion: t_B/t_A over ρ × σA/σB",
  caption: `T2 as a map (the authors' heat map, vis_theo.ipynb): the closed-form t_B/t_A = 1 + (σA² − σB²)/(σB²(1 − ρ²)) of two-layer late fusion on the toy family (w = (1, 1), σB = 1) over ρ ∈ [−0.92, 0.92] × σA/σB ∈ [1, 3], one cell per grid point (steps 0.04 × 0.05), grey on a log scale from 1 (lightest, the tie σA = σB: no unimodal phase) to 53 (ρ = ±0.92, σA/σB = 3). The map is symmetric in ρ and its contours bend upwards: a stronger correlation of either sign lengthens B's wait as much as a larger variance ratio. Circles: measured t_B/t_A of two-layer late-fusion linear networks (width ${HEATMAP_NETWORK.width}, Gaussian init u0 = ${HEATMAP_NETWORK.u0}, gradient flow) at σA/σB ∈ {1.5, 2, 2.5, 3} × ρ ∈ {−0.8, −0.4, 0, 0.4, 0.8}, one per init draw (--repeats), filled in the same grey scale and labelled with their value; they match the closed form at their point within T2's per-run error at this u0 (0.1 % to 6.4 % at the default seed, the largest −6.4 % at σA/σB = 3, ρ = 0.4), so each circle nearly vanishes into its cell but for its outline. The CSV holds every cell (theory) and every run (simulation, with the closed form at its point).`,
  claims: ["T2"],
  jobs: heatmapJobs,
  runJob: runNetworkJob,
  assemble(options, results) {
    const rows: FigureRow[] = heatmapCells().map((cell) => ({
      source: "theory",
      ...cell,
      repeat: null,
      ratio: theoryRatio(cell.sigmaRatio, cell.rho),
      theory: null,
      status: null,
    }));
    heatmapMarkers(options).forEach((m, i) => {
      const result = results[i]!;
      rows.push({
        source: "simulation",
        rho: m.rho,
        sigmaRatio: m.sigmaRatio,
        repeat: m.repeat,
        ratio: finiteOrNull(result.ratio ?? Number.NaN),
        theory: theoryRatio(m.sigmaRatio, m.rho),
        status: result.status,
      });
    });
    const maxRatio = Math.max(...rows.map((r) => (typeof r.ratio === "number" ? r.ratio : 1)));
    const spec = heatmapSpec(
      this.title,
      "toy w = (1, 1) · cells: T2 · circles: two-layer late fusion, gradient flow",
      rows,
      {
        field: "ratio",
        legendTitle: "t_B / t_A (log scale)",
        scale: { type: "log", scheme: "greys", domain: [1, maxRatio], nice: false },
        labelFormat: ".2f",
        darkTest: DARK_CELL,
      },
    );
    return { rows, spec };
  },
});
