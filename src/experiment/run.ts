import { sampleMoments } from "../data/moments.js";
import { InputError } from "../errors/inputError.js";
import type { PhaseTimes } from "../measurement/phaseTimes.js";
import { phaseTimes } from "../measurement/phaseTimes.js";
import type { Statistics } from "../statistics/statistics.js";
import { predictPhases } from "../theory/predict.js";
import type { TrainingRun } from "../training/run.js";
import type { PreparedData } from "./data.js";
import { prepareData } from "./data.js";
import { trainLinearPopulation, trainLinearSamples } from "./linearTrainer.js";
import { hasNextOrder, runNextOrder } from "./nextOrder.js";
import { userModality, userOrder } from "./orientation.js";
import { trainRelu } from "./reluTrainer.js";
import type { TrainedRun, TrainerContext } from "./trainer.js";
import type {
  ExperimentInput,
  ExperimentResult,
  PhaseTimesReport,
  PredictionReport,
  RunOutcome,
  StateReport,
} from "./types.js";

/**
 * Runs one experiment: prepares (draws, orients) the data, trains the network with the
 * trainer its activation and data call for, and measures what docs/theory.md §3 and T10-T12 talk
 * about. Vectors of the result are in the user's input order; phase times in docs/theory.md's
 * labels (A = faster).
 */
export function runExperiment(input: ExperimentInput): ExperimentResult {
  const started = performance.now();
  const data = prepareData(input.data, input.orientation ?? "faster-first");
  const d = data.dA + data.dB;
  if (data.set !== undefined && input.init.kind === "balanced" && data.set.samples <= d) {
    throw new InputError(
      "--init",
      `balanced needs P > D (it inverts Σ̂); got P = ${data.set.samples}, D = ${d}: use gaussian`,
    );
  }
  const order = (row: readonly number[]) => userOrder(row, data.swapped, data.dA);
  const trained = train({ input, data, order });
  const { run } = trained;
  const xor = input.data.kind === "xor";
  const times = phaseTimes(run);
  const finalUser = order(run.final.totalMap);
  const userDA = data.swapped ? data.dB : data.dA;
  const prediction = input.predict === false ? undefined : predictionOf(input, data, times);
  const measured = phaseReport(times, data.swapped, xor);
  const wallSeconds = (performance.now() - started) / 1000;
  return {
    times: measured,
    outcome: outcomeOf(run),
    final: stateOf(run.final, order),
    ...(run.plateau ? { plateau: stateOf(run.plateau, order) } : {}),
    ...(prediction !== undefined ? { prediction } : {}),
    swapped: data.swapped,
    data: data.label,
    dA: userDA,
    dB: d - userDA,
    measurements: {
      activation: input.model.activation,
      training: trained.training,
      ...(trained.reluModel !== undefined ? { reluModel: trained.reluModel } : {}),
      dataSource: input.data.kind,
      ...(data.set !== undefined ? { samples: data.set.samples } : {}),
      ...(input.data.kind === "sampled" || input.data.kind === "xor"
        ? { dataSeed: input.data.dataSeed }
        : {}),
      trainingLoss: run.final.loss,
      normA: Math.hypot(...finalUser.slice(0, userDA)),
      normB: Math.hypot(...finalUser.slice(userDA)),
      ...(trained.solution !== undefined ? { solution: trained.solution } : {}),
      generalisation: trained.generalisation,
      ...(trained.directions !== undefined ? { directions: trained.directions } : {}),
    },
    notes: xor ? [...trained.notes, { code: "xor-no-phase-times" }] : trained.notes,
    trajectory: trained.trajectory,
    wallSeconds,
  };
}

function train(context: TrainerContext): TrainedRun {
  if (context.input.model.activation === "relu") return trainRelu(context);
  return context.data.set === undefined
    ? trainLinearPopulation(context)
    : trainLinearSamples(context);
}

/** Phase times for the result; on XOR data they are not defined (T12). */
function phaseReport(times: PhaseTimes, swapped: boolean, xor: boolean): PhaseTimesReport {
  if (xor) {
    const nan = Number.NaN;
    return { ratio: nan, tA: nan, tB: nan, duration: nan, reached: false, firstModality: null };
  }
  return {
    ratio: times.ratio,
    tA: times.tA,
    tB: times.tB,
    duration: times.duration,
    reached: times.reached,
    firstModality: userModality(times.firstModality, swapped) ?? null,
  };
}

/**
 * The closed-form prediction on the population, or on the moments of a user's sample set
 * with P > D; none on XOR data. Linear two-layer late fusion on the population adds the
 * next-order prediction for the run's own init.
 */
function predictionOf(
  input: ExperimentInput,
  data: PreparedData,
  times: PhaseTimes,
): PredictionReport | undefined {
  const { population, set } = data;
  const stats: Statistics | undefined =
    population ??
    (set !== undefined && input.data.kind === "csv" && set.samples > data.dA + data.dB
      ? sampleMoments(set)
      : undefined);
  if (stats === undefined || input.data.kind === "xor") return undefined;
  const arch = { depth: input.model.depth, fusionLayer: input.model.fusionLayer };
  const predicted = predictPhases(stats, arch, input.init.u0);
  const linearPopulation = input.data.kind === "population" && input.model.activation === "linear";
  return {
    ratio: predicted.ratio,
    source: predicted.source,
    relativeError: times.ratio / predicted.ratio - 1,
    ...(predicted.outOfDomain !== undefined ? { outOfDomain: predicted.outOfDomain } : {}),
    ...(linearPopulation && hasNextOrder(arch, stats)
      ? {
          nextOrder: runNextOrder(
            stats,
            {
              width: input.model.width,
              init: input.init.kind,
              seed: input.init.seed,
              u0: input.init.u0,
            },
            times.ratio,
          ),
        }
      : {}),
  };
}

function outcomeOf(run: TrainingRun): RunOutcome {
  return {
    status: run.status,
    ...(run.divergence ? { divergence: run.divergence } : {}),
    steps: run.steps,
    rejectedSteps: run.rejectedSteps,
    gradientEvaluations: run.gradientEvaluations,
    ...(run.integrators ? { integrators: run.integrators } : {}),
  };
}

function stateOf(
  state: { readonly t: number; readonly loss: number; readonly totalMap: readonly number[] },
  order: (row: readonly number[]) => number[],
): StateReport {
  return { t: state.t, loss: state.loss, wTot: order(state.totalMap) };
}
