import { simulateRelu } from "../../measurement/reluSimulation.js";
import { derive } from "../../statistics/derived.js";
import { lateFusionRatio } from "../../theory/lateFusionRatio.js";
import { predictPhases } from "../../theory/predict.js";
import {
  axis,
  figureSpec,
  finiteOrNull,
  jobSeed,
  logDomain,
  theoryLinesAndMarkers,
} from "./chart.js";
import type { FigureOptions } from "./figure.js";
import { defineFigure } from "./figure.js";
import type { NetworkJob, NetworkResult } from "./simulationJob.js";
import {
  FIGURE_RTOL,
  runNetworkJob,
  sigmaRatioSeries,
  statisticsOf,
  toySource,
} from "./simulationJob.js";
import type { ToyMarker } from "./toySweep.js";
import { toyMarkers, toyTheoryRows, varianceRatioColor } from "./toySweep.js";

/** σA/σB of the curves (σB = 1), as in the paper's toy sweep; 1 is the tie (ratio 1). */
const SIGMA_RATIOS = [1, 1.5, 2, 3] as const;
/** Correlations of the simulated markers. */
const RHOS = [-0.9, -0.7, -0.5, -0.3, -0.1, 0.1, 0.3, 0.5, 0.7, 0.9] as const;
/** Points of each theory curve on ρ ∈ [−0.9, 0.9]. */
const CURVE_POINTS = 91;
/**
 * Gaussian init (the paper's), width 8, u0 = 1e-6: the prototype measured T2's error at
 * 2-4 % there on this grid (docs/theory.md §6), small on a log axis spanning 1 to 43.
 */
const NETWORK = { depth: 2, fusionLayer: 2, width: 8, init: "gaussian", u0: 1e-6 } as const;

/** T2 in its signed form (toy, w = (1, 1)): 1 + (σA² − σB²)/(σB²(1 − ρ²)); 1 at the tie. */
function theoryRatio(sigmaRatio: number, rho: number): number {
  return lateFusionRatio(statisticsOf(toySource(sigmaRatio, rho))).ratio;
}

/** Linear networks (T2) and two-layer ReLU networks on Gaussian inputs (T11). */
type NetworkKind = "linear" | "ReLU";
const NETWORKS: readonly NetworkKind[] = ["linear", "ReLU"];

/** The markers in job order: network outermost, then the toy grid (toySweep.ts). */
function markers(options: FigureOptions): (ToyMarker & { readonly network: NetworkKind })[] {
  return NETWORKS.flatMap((network) =>
    toyMarkers(SIGMA_RATIOS, RHOS, options).map((m) => ({ network, ...m })),
  );
}

/**
 * Budgets of a ReLU run: 4× the predicted t_B, and 5 000 steps (the runs of this grid that
 * finish take ≤ 700; measured: one draw at σA/σB = 3, ρ = −0.3 never reaches t_A and crawled
 * through 200 000 DOPRI5 steps in 34 s). A run that hits either is plotted as not reached.
 */
const RELU_TIME_BUDGET = 4;
const RELU_STEP_BUDGET = 5_000;

type ToyRatioJob = NetworkJob & { readonly network: NetworkKind };

/**
 * A ReLU late-fusion network trained on the Gaussian population (no sampling noise), its
 * branches measured by their linear parts ½Σ a_i w_i (docs/theory.md T11).
 */
function runReluJob(job: NetworkJob): NetworkResult {
  const stats = statisticsOf(job.stats);
  // At the tie there is no T2 prediction; t_A ≈ ln(1/u0)/s_A (T9) is then t_B too.
  const predicted = predictPhases(stats, { depth: 2, fusionLayer: 2 }, job.u0).tB;
  const predictedTB = Number.isFinite(predicted)
    ? predicted
    : Math.log(1 / job.u0) / derive(stats).sA;
  const sim = simulateRelu({
    data: { kind: "population", stats },
    depth: job.depth,
    fusionLayer: job.fusionLayer,
    width: job.width,
    init: { kind: job.init, u0: job.u0, seed: job.seed },
    method: { kind: "flow", rtol: FIGURE_RTOL },
    maxTime: RELU_TIME_BUDGET * predictedTB,
    maxSteps: RELU_STEP_BUDGET,
  });
  return {
    tA: finiteOrNull(sim.times.tA),
    tB: finiteOrNull(sim.times.tB),
    ratio: sim.times.reached ? sim.times.ratio : null,
    status: sim.run.status,
    plateauMap: null,
  };
}

export const toyRatioFigure = defineFigure<ToyRatioJob, NetworkResult>({
  id: "toy-ratio",
  title: "Two-layer late fusion: time ratio t_B/t_A against ρ",
  caption:
    "T2: in two-layer late fusion on the toy family (w = (1, 1), σB = 1) the second modality is learned at t_B = t_A·(1 + (σA² − σB²)/(σB²(1 − ρ²))), so the unimodal phase lengthens with the variance ratio σA/σB and with |ρ|, whatever the sign of ρ (the signed form). Lines: the T2 formula for σA/σB ∈ {1, 1.5, 2, 3} (1 is the tie: no unimodal phase, ratio 1). Markers: measured t_B/t_A of linear networks (circles) and of ReLU networks on Gaussian inputs (triangles; each branch measured by its linear part ½Σ a_i w_i, T11), width 8, Gaussian init u0 = 1e-6, gradient flow, one per init draw (--repeats): both follow the same T2 curve, except ReLU inits whose branch aligns on one side only (outside T11's domain: its linear part stalls at ½W^uni; at σA/σB = 2, ρ = 0.5 one such draw measures 1.54).",
  claims: ["T2", "T11"],
  jobs(options) {
    return markers(options).map((m, index) => {
      const input: ToyRatioJob = {
        network: m.network,
        stats: toySource(m.sigmaRatio, m.rho),
        ...NETWORK,
        seed: jobSeed(options.seed, index),
      };
      return input;
    });
  },
  runJob(job) {
    return job.network === "ReLU" ? runReluJob(job) : runNetworkJob(job);
  },
  assemble(options, results) {
    const rows = toyTheoryRows(SIGMA_RATIOS, CURVE_POINTS, (sigmaRatio, rho) => ({
      source: "theory",
      series: sigmaRatioSeries(sigmaRatio),
      network: "T2",
      sigmaRatio,
      rho,
      repeat: null,
      ratio: theoryRatio(sigmaRatio, rho),
      status: null,
    }));
    markers(options).forEach((m, i) => {
      const result = results[i]!;
      rows.push({
        source: "simulation",
        series: sigmaRatioSeries(m.sigmaRatio),
        network: m.network,
        sigmaRatio: m.sigmaRatio,
        rho: m.rho,
        repeat: m.repeat,
        ratio: finiteOrNull(result.ratio ?? Number.NaN),
        status: result.status,
      });
    });
    const x = axis("rho", "correlation ρ between x_A and x_B", { domain: [-0.95, 0.95] });
    const y = axis("ratio", "time ratio t_B / t_A (log scale)", {
      log: true,
      domain: logDomain(rows.map((r) => r.ratio as number | null)),
    });
    const color = varianceRatioColor(SIGMA_RATIOS);
    const spec = figureSpec(
      this.title,
      "lines: T2 theory · markers: simulation (gradient flow)",
      rows,
      {
        width: 520,
        height: 360,
        layer: theoryLinesAndMarkers(
          "ratio",
          { x, y, color },
          { size: 60, opacity: 0.85 },
          {
            shape: {
              field: "network",
              type: "nominal",
              title: "simulated network",
              scale: { domain: [...NETWORKS], range: ["circle", "triangle-up"] },
            },
          },
        ),
      },
    );
    return { rows, spec };
  },
});
