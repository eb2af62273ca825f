import { sampleMoments } from "../data/moments.js";
import type { SampleSet } from "../data/sampleSet.js";
import { InputError, requirePositive } from "../errors/inputError.js";
import { architectureOf } from "../network/architecture.js";
import type { InitialisationSpec } from "../network/initialisation.js";
import { initialise } from "../network/initialisation.js";
import type { ParameterLayout } from "../network/layout.js";
import { parameterLayout } from "../network/layout.js";
import type { TrainableModel } from "../network/model.js";
import type { MiniBatchSpec, TotalMapRule } from "../network/reluNetwork.js";
import { reluNetworkModel } from "../network/reluNetwork.js";
import { reluPopulationModel } from "../network/reluPopulation.js";
import { scalarReluApplies, scalarReluModel } from "../network/scalarReluModel.js";
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import { trainGradientDescent } from "../training/gradientDescent.js";
import { trainGradientFlow } from "../training/gradientFlow.js";
import type { StopRule, TrainingRun } from "../training/run.js";
import { requireBuiltIn } from "./backend.js";
import type { NeuronDirections } from "./neuronDirections.js";
import { neuronDirections } from "./neuronDirections.js";
import type { PhaseTimes } from "./phaseTimes.js";
import { phaseTimes } from "./phaseTimes.js";
import { alignedSides } from "./reluSides.js";
import type { TrainingMethod } from "./simulation.js";
import { CONVERGED_LOSS_GAP, phaseThresholds } from "./simulation.js";

/**
 * The data a ReLU network trains on: Gaussian population statistics (two-layer closed form,
 * no sampling noise: T11) or a finite sample set (any depth: T11's check at large P, T12).
 */
export type ReluData =
  | { readonly kind: "population"; readonly stats: Statistics }
  | {
      readonly kind: "samples";
      readonly samples: SampleSet;
      /** Statistics whose §3 thresholds time the run (default: the samples' own moments). */
      readonly thresholdStats?: Statistics;
      /** Gradient descent only: mini-batches of a seeded per-epoch shuffle. */
      readonly miniBatch?: MiniBatchSpec;
    };

export interface ReluSimulationSpec {
  readonly data: ReluData;
  /** Which model trains (default "auto", see ReluModelChoice). */
  readonly model?: ReluModelChoice;
  readonly depth: number;
  readonly fusionLayer: number;
  readonly width: number;
  /** Gaussian (the paper's ReLU runs) or balanced. */
  readonly init: InitialisationSpec;
  /**
   * Gradient flow (default: DOPRI5 throughout, see RELU_FLOW_INTEGRATOR) or descent.
   */
  readonly method?: TrainingMethod;
  /**
   * "thresholds" (default): stop once t_A and t_B are measured (or, on population data, once
   * the loss is at the floor ℒ*). "budget": train to maxTime / maxSteps, or until the loss is
   * ≤ lossFloor — for the end point (T12's final loss and neuron directions).
   */
  readonly until?: "thresholds" | "budget";
  readonly lossFloor?: number;
  readonly maxTime?: number;
  readonly maxSteps?: number;
  readonly samplesPerDecade?: number;
}

export interface ReluSimulation {
  readonly run: TrainingRun;
  /** t_A, t_B of docs/theory.md §3 on the linear parts (T11), NaN where not reached. */
  readonly times: PhaseTimes;
  readonly finalLoss: number;
  readonly directions: NeuronDirections;
  readonly layout: ParameterLayout;
  /** How totalMap (the linear part) was computed. */
  readonly totalMapRule: TotalMapRule;
  /** Which model trained: see ReluModelKind. */
  readonly model: ReluModelKind;
  /**
   * Two-layer late fusion on scalar modalities: the branches whose neurons all end on one
   * side of 0 after alignment (reluSides.ts). Such a branch's linear part reaches at most
   * ½W_m^uni, so T2 (T11) does not describe the run. Empty otherwise.
   */
  readonly oneSidedBranches: readonly ("A" | "B")[];
}

/**
 * The model behind a ReLU run: "population" (Gaussian closed forms, reluPopulation.ts),
 * "scalar-sufficient" (two-layer late fusion on scalar samples through the 4-feature
 * sufficient statistics, scalarReluModel.ts: the sampled loss and gradient to round-off at
 * O(h) per step, used whenever it applies and there are no mini-batches) or "sampled"
 * (back-propagation over all samples, reluNetwork.ts, any depth).
 */
export type ReluModelKind = "population" | "scalar-sufficient" | "sampled";

/**
 * A requested ReLU path (`ubias simulate --relu-model`): "auto" is the choice described at
 * ReluModelKind (population data → "population"; scalar two-layer late fusion on samples
 * without mini-batches → the feature moments; otherwise "sampled"); the others force a path
 * and are refused (InputError) where it cannot train the given data and network, so each
 * path can be chosen and timed on the same job.
 */
export type ReluModelChoice = "auto" | "sampled" | "moments" | "population";

/** The accepted choices, for validation and CLI help. */
export const RELU_MODEL_CHOICES: readonly ReluModelChoice[] = [
  "auto",
  "sampled",
  "moments",
  "population",
];

/** The path's public name: "moments" for the scalar-sufficient model. */
export function reluModelName(kind: ReluModelKind): Exclude<ReluModelChoice, "auto"> {
  return kind === "scalar-sufficient" ? "moments" : kind;
}

/** The model that `choice` selects for this data and network, or an InputError saying why none. */
export function resolveReluModel(
  choice: ReluModelChoice,
  data: ReluData,
  layout: ParameterLayout,
): ReluModelKind {
  const flag = "--relu-model";
  const onSamples = data.kind === "samples";
  const miniBatch = onSamples && data.miniBatch !== undefined;
  if (choice === "auto") {
    if (!onSamples) return "population";
    return !miniBatch && scalarReluApplies(layout) ? "scalar-sufficient" : "sampled";
  }
  if (choice === "population") {
    if (onSamples) {
      throw new InputError(
        flag,
        "population trains on the Gaussian population closed form: not on samples (drop --samples, --data, --csv)",
      );
    }
    return "population";
  }
  if (!onSamples) {
    throw new InputError(
      flag,
      `${choice} trains on samples: give --samples P (or --data xor, --csv)`,
    );
  }
  if (choice === "sampled") return "sampled";
  if (miniBatch) throw new InputError(flag, "moments trains full batch: not with mini-batches");
  if (!scalarReluApplies(layout)) {
    const { depth, fusionLayer, dA, dB } = layout.architecture;
    throw new InputError(
      flag,
      `moments needs two-layer late fusion on scalar modalities (L = Lf = 2, dA = dB = 1), got L = ${depth}, Lf = ${fusionLayer}, dA = ${dA}, dB = ${dB}`,
    );
  }
  return "scalar-sufficient";
}

/**
 * Flow integrator for ReLU runs: DOPRI5 throughout. The "auto" switch to Rosenbrock relies on
 * flowJacobian's central differences being exact, which holds for a linear network's
 * polynomial loss (src/training/flowJacobian.ts) but not for a ReLU network's (piecewise
 * quadratic on samples, arc-cosine terms on the population); two-layer plateaus are short,
 * so the explicit integrator is not stability-limited for long.
 */
export const RELU_FLOW_INTEGRATOR = "dopri5";

/**
 * Builds a ReLU fusion network on `data`, initialises it and trains it (docs/theory.md T11, T12).
 * The single entry point for claims, scripts, figures and the CLI.
 */
export function simulateRelu(spec: ReluSimulationSpec): ReluSimulation {
  requireBuiltIn("a ReLU network");
  const { data } = spec;
  const dims = data.kind === "population" ? data.stats : data.samples;
  const arch = architectureOf(spec, dims, "relu");
  const layout = parameterLayout(arch);
  const thresholdStats =
    data.kind === "population" ? data.stats : (data.thresholdStats ?? sampleMoments(data.samples));
  const modelKind = resolveReluModel(spec.model ?? "auto", data, layout);
  let model: TrainableModel;
  let totalMapRule: TotalMapRule;
  if (data.kind === "population") {
    model = reluPopulationModel(layout, data.stats);
    totalMapRule = "half-rule";
  } else if (modelKind === "scalar-sufficient") {
    const network = scalarReluModel(layout, data.samples);
    model = network;
    totalMapRule = network.totalMapRule;
  } else {
    const network = reluNetworkModel(
      layout,
      data.samples,
      data.miniBatch ? { miniBatch: data.miniBatch } : {},
    );
    model = network;
    totalMapRule = network.totalMapRule;
  }
  const theta0 = initialise(layout, thresholdStats, spec.init);
  const oneSidedBranches = scalarLateFusion(layout)
    ? (["A", "B"] as const).filter((m) => {
        const sides = alignedSides(theta0, layout, thresholdStats, m);
        return !(sides.positive > 0 && sides.negative > 0);
      })
    : [];
  const run = train(model, theta0, spec, thresholdStats);
  return {
    run,
    times: phaseTimes(run),
    finalLoss: run.final.loss,
    directions: neuronDirections(layout, run.final.theta),
    layout,
    totalMapRule,
    model: modelKind,
    oneSidedBranches,
  };
}

/** Two layers, late fusion, dA = dB = 1: where a branch's sides are its two half-line features. */
function scalarLateFusion(layout: ParameterLayout): boolean {
  const arch = layout.architecture;
  return arch.depth === 2 && arch.fusionLayer === 2 && arch.dA === 1 && arch.dB === 1;
}

function train(
  model: TrainableModel,
  theta0: Float64Array,
  spec: ReluSimulationSpec,
  thresholdStats: Statistics,
): TrainingRun {
  const stop = stopRule(spec, thresholdStats);
  const common = {
    thresholds: phaseThresholds(thresholdStats),
    stop,
    ...(spec.maxTime !== undefined ? { maxTime: spec.maxTime } : {}),
    ...(spec.maxSteps !== undefined ? { maxSteps: spec.maxSteps } : {}),
    ...(spec.samplesPerDecade !== undefined ? { samplesPerDecade: spec.samplesPerDecade } : {}),
  };
  const method = spec.method ?? { kind: "flow" };
  if (method.kind === "gd") {
    requirePositive("lr", method.learningRate);
    return trainGradientDescent(model, theta0, { ...common, learningRate: method.learningRate });
  }
  if (spec.data.kind === "samples" && spec.data.miniBatch) {
    throw new InputError(
      "method",
      "mini-batches need gradient descent (the flow needs a deterministic gradient)",
    );
  }
  return trainGradientFlow(model, theta0, {
    ...common,
    integrator: method.integrator ?? RELU_FLOW_INTEGRATOR,
    ...(method.rtol !== undefined ? { rtol: method.rtol } : {}),
  });
}

/**
 * On population data with a linear teacher the ReLU network can reach ℒ* (relu(wᵀx) −
 * relu(−wᵀx) = wᵀx), so the linear simulation's floor applies. On samples the floor is
 * unknown (a ReLU net can go below the linear least-squares loss), so only `lossFloor` stops.
 */
function stopRule(spec: ReluSimulationSpec, stats: Statistics): StopRule {
  if ((spec.until ?? "thresholds") === "budget") {
    return { afterThresholds: false, lossBelow: spec.lossFloor ?? Number.NEGATIVE_INFINITY };
  }
  if (spec.data.kind === "population") {
    const q = derive(stats);
    const floor = q.lossFull + CONVERGED_LOSS_GAP * (q.lossZero - q.lossFull);
    return { minimumReachedBelow: spec.lossFloor ?? floor };
  }
  return spec.lossFloor !== undefined ? { minimumReachedBelow: spec.lossFloor } : {};
}
