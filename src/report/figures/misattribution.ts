import { derive } from "../../statistics/derived.js";
import { plateauPrediction } from "../../theory/plateau.js";
import { axis, figureSpec, jobSeed, theoryLinesAndMarkers } from "./chart.js";
import type { FigureOptions } from "./figure.js";
import { defineFigure } from "./figure.js";
import type { NetworkJob, NetworkResult } from "./simulationJob.js";
import { runNetworkJob, sigmaRatioSeries, statisticsOf, toySource } from "./simulationJob.js";
import { toyMarkers, toyTheoryRows, varianceRatioColor } from "./toySweep.js";

/** σA/σB of the curves (σB = 1); the tie σA = σB has no plateau. */
const SIGMA_RATIOS = [1.5, 2, 3] as const;
const RHOS = [-0.9, -0.6, -0.3, 0, 0.3, 0.6, 0.9] as const;
const CURVE_POINTS = 37;
/**
 * Two-layer late fusion, Gaussian init (balanced init cannot learn B when ρ < −σB/σA), width 8,
 * u0 = 1e-6: the plateau lies within u0^{α/4} of W_A^uni (T3's derived bound), ≤ 1e-3 here.
 */
const NETWORK = { depth: 2, fusionLayer: 2, width: 8, init: "gaussian", u0: 1e-6 } as const;

/** T3: W_A^uni − W_A^full (toy, w = (1, 1): ρσB/σA). */
function predictedMisattribution(sigmaRatio: number, rho: number): number {
  return plateauPrediction(statisticsOf(toySource(sigmaRatio, rho))).misattribution[0]!;
}

const markers = (options: FigureOptions) => toyMarkers(SIGMA_RATIOS, RHOS, options);

export const misattributionFigure = defineFigure<NetworkJob, NetworkResult>({
  id: "misattribution",
  title: "Misattribution on the unimodal plateau",
  caption:
    "T3: between t_A and t_B a late-fusion network rests at W_A^tot = W_A^uni, not at W_A^full: modality A also carries what it can predict of B through their correlation, the misattribution W_A^uni − W_A^full = w_B·ρσB/σA (toy family, w = (1, 1)); it is positive for ρ > 0, negative for ρ < 0, and largest when B is relatively strong. Lines: the T3 prediction for σA/σB ∈ {1.5, 2, 3}; markers: W_A^tot − W_A^full measured at the slowest point of the plateau of two-layer late-fusion linear networks (width 8, Gaussian init u0 = 1e-6, gradient flow), one per init draw (--repeats).",
  claims: ["T3"],
  jobs(options) {
    return markers(options).map((m, index) => {
      const input: NetworkJob = {
        stats: toySource(m.sigmaRatio, m.rho),
        ...NETWORK,
        seed: jobSeed(options.seed, index),
      };
      return input;
    });
  },
  runJob: runNetworkJob,
  assemble(options, results) {
    const rows = toyTheoryRows(SIGMA_RATIOS, CURVE_POINTS, (sigmaRatio, rho) => ({
      source: "theory",
      series: sigmaRatioSeries(sigmaRatio),
      sigmaRatio,
      rho,
      repeat: null,
      misattribution: predictedMisattribution(sigmaRatio, rho),
      status: null,
    }));
    markers(options).forEach((m, i) => {
      const result = results[i]!;
      const wFullA = derive(statisticsOf(toySource(m.sigmaRatio, m.rho))).wFull[0]!;
      rows.push({
        source: "simulation",
        series: sigmaRatioSeries(m.sigmaRatio),
        sigmaRatio: m.sigmaRatio,
        rho: m.rho,
        repeat: m.repeat,
        misattribution: result.plateauMap === null ? null : result.plateauMap[0]! - wFullA,
        status: result.status,
      });
    });
    const x = axis("rho", "correlation ρ between x_A and x_B", { domain: [-0.95, 0.95] });
    const y = axis("misattribution", "plateau W_A^tot − W_A^full");
    const color = varianceRatioColor(SIGMA_RATIOS);
    const spec = figureSpec(
      this.title,
      "two-layer late fusion · lines: T3 theory ρσB/σA · markers: simulation (gradient flow)",
      rows,
      {
        width: 480,
        height: 340,
        layer: theoryLinesAndMarkers(
          "misattribution",
          { x, y, color },
          { size: 60, opacity: 0.85 },
        ),
      },
    );
    return { rows, spec };
  },
});
