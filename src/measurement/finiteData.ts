import type { SampleMoments } from "../data/moments.js";
import { sampleMoments } from "../data/moments.js";
import type { SampleSet } from "../data/sampleSet.js";
import { InputError, requirePositive } from "../errors/inputError.js";
import { architectureOf } from "../network/architecture.js";
import type { InitialisationSpec } from "../network/initialisation.js";
import { initialise } from "../network/initialisation.js";
import type { ParameterLayout } from "../network/layout.js";
import { parameterLayout } from "../network/layout.js";
import { linearNetworkModel } from "../network/linearNetwork.js";
import type { Statistics } from "../statistics/statistics.js";
import { trainGradientDescent } from "../training/gradientDescent.js";
import { trainGradientFlow } from "../training/gradientFlow.js";
import type { NormThreshold, TrainingRun } from "../training/run.js";
import { requireBuiltIn } from "./backend.js";
import type { GeneralisationSample, SampleSolution } from "./generalisation.js";
import {
  empiricalLoss,
  generalisationError,
  generalisationSeries,
  sampleSolution,
} from "./generalisation.js";
import { CONVERGED_LOSS_GAP, type TrainingMethod } from "./simulation.js";

/** One training on a finite data set (docs/theory.md T10): what `ubias simulate --samples/--csv` needs. */
export interface FiniteDataSpec {
  readonly samples: SampleSet;
  readonly depth: number;
  readonly fusionLayer: number;
  readonly width: number;
  /** Gaussian init works for every P; balanced init needs P > D (it reads Σ̂⁻¹). */
  readonly init: InitialisationSpec;
  readonly method: TrainingMethod;
  /** Population statistics (with its teacher if known), for E_g(t). */
  readonly population?: Statistics;
  /** Moments of `samples` if already computed (they are recomputed otherwise). */
  readonly moments?: SampleMoments;
  readonly maxTime?: number;
  readonly maxSteps?: number;
  readonly samplesPerDecade?: number;
}

/** A finite-data run with its reference solutions and generalisation error. */
export interface FiniteDataRun {
  readonly run: TrainingRun;
  readonly moments: SampleMoments;
  readonly layout: ParameterLayout;
  readonly theta0: Float64Array;
  /** Σ̂⁺Σ̂_yxᵀ: least squares (P > D) or minimum-norm interpolator (P ≤ D). */
  readonly solution: SampleSolution;
  /** Modality A's own Σ̂_A⁺Σ̂_yxAᵀ (its unimodal solution on the samples). */
  readonly unimodalA: SampleSolution;
  readonly thresholds: readonly NormThreshold[];
  /** Minimum of the empirical loss, ℒ̂(solution) (≈ 0 for an interpolator). */
  readonly minimumLoss: number;
  readonly final: FinalState;
  /** E_g(t) along the run's samples (with a population only). */
  readonly eg?: readonly GeneralisationSample[];
  /** E_g of the sample solution (with a population only). */
  readonly solutionEg?: number;
}

export interface FinalState {
  readonly totalMap: number[];
  readonly normA: number;
  readonly normB: number;
  readonly trainingLoss: number;
  /** ‖W^tot − solution‖. */
  readonly distanceToSolution: number;
  readonly eg?: number;
}

/**
 * Finite-data thresholds (docs/theory.md §3 on the samples): t_A at ‖W_A^tot‖ = ½‖Ŵ_A^uni‖ (A's own
 * minimum-norm least-squares solution Σ̂_A⁺Σ̂_yxAᵀ), t_B at ‖W_B^tot‖ = ½‖Ŵ_B‖, B's block of
 * the full sample solution (least squares or minimum-norm interpolator). With the population
 * moments in place of the samples these are exactly phaseThresholds.
 */
export function sampleThresholds(
  set: SampleSet,
  solution: SampleSolution,
  unimodalA: SampleSolution,
): NormThreshold[] {
  const d = set.dA + set.dB;
  const thresholds: NormThreshold[] = [
    { name: "A", start: 0, end: set.dA, level: 0.5 * Math.hypot(...unimodalA.w) },
  ];
  const wB = Math.hypot(...solution.w.slice(set.dA));
  if (wB > 0) thresholds.push({ name: "B", start: set.dA, end: d, level: 0.5 * wB });
  return thresholds;
}

/**
 * Trains a linear fusion network on the sample moments (exact full-batch training on the
 * empirical loss) until the empirical loss is within CONVERGED_LOSS_GAP·(ℒ̂(0) − ℒ̂_min) of its
 * minimum, or the budget ends (gd at a fixed number of steps: set maxSteps). With P < D the
 * minimum is 0 and the weights' components orthogonal to the data never move: the end point
 * depends on the init, which is why T10 needs small u0.
 */
export function simulateOnSamples(spec: FiniteDataSpec): FiniteDataRun {
  requireBuiltIn("training on a sample set");
  const set = spec.samples;
  const moments = spec.moments ?? sampleMoments(set);
  const d = set.dA + set.dB;
  const arch = architectureOf(spec, set);
  const layout = parameterLayout(arch);
  const model = linearNetworkModel(layout, moments);
  const solution = sampleSolution(set);
  const unimodalA = sampleSolution(set, "A");
  if (spec.init.kind === "balanced" && set.samples <= d) {
    throw new InputError(
      "init",
      `balanced init needs P > D (it inverts Σ̂); got P = ${set.samples}, D = ${d}: use gaussian`,
    );
  }
  const theta0 = initialise(layout, moments, spec.init);
  const minimumLoss = empiricalLoss(moments, solution.w);
  const lossZero = 0.5 * moments.sigmaY2;
  const converged = minimumLoss + CONVERGED_LOSS_GAP * (lossZero - minimumLoss);
  const thresholds = sampleThresholds(set, solution, unimodalA);
  const common = {
    thresholds,
    stop: { minimumReachedBelow: converged, lossBelow: converged },
    ...(spec.maxTime !== undefined ? { maxTime: spec.maxTime } : {}),
    ...(spec.maxSteps !== undefined ? { maxSteps: spec.maxSteps } : {}),
    ...(spec.samplesPerDecade !== undefined ? { samplesPerDecade: spec.samplesPerDecade } : {}),
  };
  const run =
    spec.method.kind === "gd"
      ? trainGradientDescent(model, theta0, {
          ...common,
          learningRate: requirePositive("lr", spec.method.learningRate),
        })
      : trainGradientFlow(model, theta0, {
          ...common,
          ...(spec.method.rtol !== undefined ? { rtol: spec.method.rtol } : {}),
          ...(spec.method.integrator !== undefined ? { integrator: spec.method.integrator } : {}),
        });
  const w = run.final.totalMap;
  const population = spec.population;
  if (population !== undefined && population.dA + population.dB !== d) {
    throw new InputError(
      "population",
      `has D = ${population.dA + population.dB}, the samples ${d}`,
    );
  }
  const eg = population !== undefined ? generalisationError(population) : undefined;
  const final: FinalState = {
    totalMap: w,
    normA: Math.hypot(...w.slice(0, set.dA)),
    normB: Math.hypot(...w.slice(set.dA)),
    trainingLoss: run.final.loss,
    distanceToSolution: Math.hypot(...w.map((v, i) => v - solution.w[i]!)),
    ...(eg !== undefined ? { eg: eg(w) } : {}),
  };
  return {
    run,
    moments,
    layout,
    theta0,
    solution,
    unimodalA,
    thresholds,
    minimumLoss,
    final,
    ...(population !== undefined && eg !== undefined
      ? { eg: generalisationSeries(run, population), solutionEg: eg(solution.w) }
      : {}),
  };
}
