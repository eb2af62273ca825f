import { runExperiment } from "../../experiment/run.js";
import type { InitKind } from "../../network/initialisation.js";
import { orient } from "../../statistics/derived.js";
import { randomFamily } from "../../statistics/randomFamily.js";
import type { Statistics } from "../../statistics/statistics.js";
import { fromToy } from "../../statistics/toy.js";
import { finiteOrNull } from "./chart.js";

/** Statistics named by a few numbers, so that a job's input stays small plain JSON. */
export type StatisticsSource =
  | {
      readonly family: "toy";
      readonly sigmaA: number;
      readonly sigmaB: number;
      readonly rho: number;
    }
  | {
      readonly family: "random";
      readonly seed: number;
      /** Total input dimension D (dA = D/2); absent: the family's default D = 10. */
      readonly dimension?: number;
    };

/** The toy family with σB = 1 and teacher (1, 1), as the paper's two-layer figures draw it. */
export function toySource(sigmaRatio: number, rho: number) {
  return { family: "toy", sigmaA: sigmaRatio, sigmaB: 1, rho } as const;
}

/** The legend name of a curve of constant σA/σB. */
export function sigmaRatioSeries(sigmaRatio: number): string {
  return `σA/σB = ${sigmaRatio}`;
}

/** The oriented statistics (A = the faster modality, docs/theory.md §1) of a source. */
export function statisticsOf(source: StatisticsSource): Statistics {
  const raw =
    source.family === "toy"
      ? fromToy({ sigmaA: source.sigmaA, sigmaB: source.sigmaB, rho: source.rho })
      : randomFamily(
          source.seed,
          source.dimension !== undefined ? { dimension: source.dimension } : {},
        );
  return orient(raw).stats;
}

/**
 * One linear network trained from a small init (docs/theory.md §2): by gradient flow, or by
 * gradient descent at `learningRate` when given.
 */
export type NetworkJob = {
  readonly stats: StatisticsSource;
  readonly depth: number;
  readonly fusionLayer: number;
  readonly width: number;
  readonly init: InitKind;
  readonly u0: number;
  readonly seed: number;
  readonly learningRate?: number;
};

/** What a figure plots of one run: phase times (§3) and the plateau state (T3). */
export type NetworkResult = {
  /** null when the threshold was not reached within the budget. */
  readonly tA: number | null;
  readonly tB: number | null;
  readonly ratio: number | null;
  readonly status: string;
  /** W^tot at the slowest point between the first two crossings (null without a plateau). */
  readonly plateauMap: readonly number[] | null;
};

/**
 * Accepted-step budget of a figure's run: the claims' (CLAIM_STEP_BUDGET); a run hitting it
 * is plotted as not reached rather than stalling the figure. Gradient descent counts each
 * step: at lr 0.005 the budget is t = 1000, beyond the random-scatter runs' t_B (≤ 140,
 * ≤ 28 000 steps, measured on D = 20 draws 1-40 at u0 = 1e-9).
 */
export const FIGURE_STEP_BUDGET = 200_000;

/**
 * Local relative tolerance of the figures' gradient flow: a plotted t_B/t_A moves by < 1e-6
 * relative from the default 1e-10 (measured on the toy-ratio extremes σA/σB = 3, ρ = ±0.9
 * and σA/σB = 2, ρ = 0.5: 44.702920 vs 44.702919, 5.178988 vs 5.178988;
 * scripts/measure/figureRtol.ts), far below a marker's size, at half the steps.
 */
export const FIGURE_RTOL = 1e-8;

export function runNetworkJob(job: NetworkJob): NetworkResult {
  const result = runExperiment({
    // statisticsOf has oriented them (A = faster).
    data: { kind: "population", stats: statisticsOf(job.stats) },
    orientation: "as-given",
    model: {
      depth: job.depth,
      fusionLayer: job.fusionLayer,
      width: job.width,
      activation: "linear",
    },
    init: { kind: job.init, u0: job.u0, seed: job.seed },
    method:
      job.learningRate === undefined
        ? { kind: "flow", rtol: FIGURE_RTOL }
        : { kind: "gd", learningRate: job.learningRate },
    budgets: { maxSteps: FIGURE_STEP_BUDGET, untilConverged: false },
    predict: false,
  });
  const { times } = result;
  return {
    tA: finiteOrNull(times.tA),
    tB: finiteOrNull(times.tB),
    ratio: times.reached ? times.ratio : null,
    status: result.outcome.status,
    plateauMap: result.plateau ? result.plateau.wTot : null,
  };
}
