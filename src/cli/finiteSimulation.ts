import { readSampleSetCsv } from "../data/csvFile.js";
import { sampleMoments } from "../data/moments.js";
import { MAX_STORED_ENTRIES, sampleFromStatistics } from "../data/sampleFromStatistics.js";
import type { SampleSet } from "../data/sampleSet.js";
import { xorSampleSet } from "../data/xor.js";
import { InputError } from "../errors/inputError.js";
import { InternalError, required } from "../errors/internalError.js";
import { simulateOnSamples } from "../measurement/finiteData.js";
import { generalisationError } from "../measurement/generalisation.js";
import type { PhaseTimes } from "../measurement/phaseTimes.js";
import { phaseTimes } from "../measurement/phaseTimes.js";
import { simulateRelu } from "../measurement/reluSimulation.js";
import { reluPopulationModel } from "../network/reluPopulation.js";
import type { Modality } from "../statistics/derived.js";
import { derive, fasterModality, orient } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { PhasePredictionReport } from "../theory/predict.js";
import { predictPhases } from "../theory/predict.js";
import type { TrainingRun } from "../training/run.js";
import { userModality, userOrder } from "./orientation.js";
import type { Activation, DataChoice, DataSource } from "./simulateData.js";
import { DEFAULT_XOR_MAX_TIME } from "./simulateData.js";

/**
 * `ubias simulate` on finite data or with ReLU units (THEORY.md T10-T12): builds the data set,
 * orients it (A = the modality with the larger ‖Σ_yx‖, on the samples for CSV data), trains,
 * and measures what T10-T12 talk about: E_g, training loss, the block norms, the distance to
 * the least-squares / minimum-norm solution, the ReLU neuron directions.
 */

/** What the network trained on. */
export type TrainingData =
  /** Linear network on the population moments (the classic `simulate`). */
  | "population"
  /** Two-layer ReLU network on the exact Gaussian population loss (arc-cosine closed form, T11). */
  | "population-closed-form"
  /** Linear network, full batch on the samples (exactly a run on their moments, T10). */
  | "sample-moments"
  /** ReLU network, full batch on the samples. */
  | "samples"
  /**
   * Two-layer late-fusion ReLU network on scalar modalities, full batch on the samples through
   * their four feature moments (src/network/scalarReluModel.ts: the same loss and gradient).
   */
  | "samples-feature-moments";

/** The settings this module reads (a subset of SimulateSettings). */
export interface FiniteRunSettings {
  readonly depth: number;
  readonly fusionLayer: number;
  readonly u0: number;
  readonly width: number;
  readonly init: "balanced" | "gaussian";
  readonly seed: number;
  readonly method:
    | { readonly kind: "flow"; readonly rtol?: number }
    | { readonly kind: "gd"; readonly learningRate: number };
  readonly maxTime?: number;
  readonly maxSteps?: number;
  readonly untilConverged: boolean;
}

/** E_g = ½(W − w*)Σ(W − w*)ᵀ (linear) or ℒ_pop − ℒ* (ReLU) at the run's landmarks. */
export interface GeneralisationReport {
  readonly final: number;
  /** At the t_A / t_B crossings (NaN when not reached, or for ReLU: crossings keep W^tot only). */
  readonly atTA: number;
  readonly atTB: number;
}

/** The sample solution Σ̂⁺Σ̂_yxᵀ (linear networks on finite data). */
export interface SolutionReport {
  readonly kind: "least-squares" | "min-norm-interpolator";
  /** In the user's input order. */
  readonly wTot: number[];
  /** ‖W^tot − solution‖ at the end of the run. */
  readonly distance: number;
  /** Minimum of the training loss (≈ 0 for an interpolator). */
  readonly minimumLoss: number;
  /** E_g of the solution itself (with a population only). */
  readonly eg?: number;
}

/** ReLU first-layer neurons grouped by direction (T12), vectors in the user's input order. */
export interface DirectionsReport {
  readonly count: number;
  readonly significant: number;
  readonly directions: number[][];
  readonly weights: number[];
}

/** One trajectory row; eg present when a population is known (linear networks). */
export interface FiniteTrajectoryRow {
  readonly t: number;
  readonly loss: number;
  /** User's input order. */
  readonly wTot: number[];
  readonly eg?: number;
}

/**
 * What a `simulate` report says about the data and the trained network beyond the phase
 * times (T10-T12): shared by the finite-data / ReLU run and the JSON report.
 */
export interface DataMeasurements {
  /** Hidden units (T11, T12: relu). */
  readonly activation: Activation;
  /** What the network trained on (population, its ReLU closed form, samples or their moments). */
  readonly training: TrainingData;
  readonly dataSource: DataSource["kind"];
  /** P, and the seed of the draws (sampled and xor data). */
  readonly samples?: number;
  readonly dataSeed?: number;
  /** Final training loss (on the samples for finite data). */
  readonly trainingLoss: number;
  /** ‖W_A^tot‖, ‖W_B^tot‖ at the end, in the user's labels (ReLU: of the linear parts, T11). */
  readonly normA: number;
  readonly normB: number;
  /** Linear networks on finite data: the least-squares / minimum-norm solution (T10). */
  readonly solution?: SolutionReport;
  /** E_g (T10) at the end and at t_A, t_B; null without a population (see generalisationNote). */
  readonly generalisation: GeneralisationReport | null;
  readonly generalisationNote?: string;
  /** Why t_A, t_B are not reported (XOR data). */
  readonly timesNote?: string;
  /**
   * ReLU, two-layer late fusion, scalar modalities: set when a branch's neurons all end on one
   * side of 0 (T11's `aligned-one-sided`): its linear part reaches at most ½W_m^uni, so the
   * T2 prediction does not apply to this init.
   */
  readonly domainNote?: string;
  /** ReLU: first-layer neurons grouped by direction (T12). */
  readonly directions?: DirectionsReport;
}

/** The finite-data / ReLU part of a `simulate` report. */
export interface FiniteRunReport extends DataMeasurements {
  readonly run: TrainingRun;
  readonly times: PhaseTimes;
  /** Oriented problem: A = faster. */
  readonly swapped: boolean;
  readonly orientedDA: number;
  readonly firstModality: Modality | null;
  readonly prediction?: PhasePredictionReport;
  readonly data: string;
  readonly trajectory: FiniteTrajectoryRow[];
}

/** The oriented data: population statistics and/or a sample set. */
interface OrientedData {
  readonly population?: Statistics;
  readonly set?: SampleSet;
  readonly swapped: boolean;
  readonly label: string;
}

/** A sample set with its two blocks exchanged (columns of B first). */
export function swapSampleSet(set: SampleSet): SampleSet {
  const d = set.dA + set.dB;
  const x = new Float64Array(set.x.length);
  for (let p = 0; p < set.samples; p++) {
    const row = p * d;
    for (let j = 0; j < set.dB; j++) x[row + j] = set.x[row + set.dA + j]!;
    for (let j = 0; j < set.dA; j++) x[row + set.dB + j] = set.x[row + j]!;
  }
  return {
    ...set,
    x,
    dA: set.dB,
    dB: set.dA,
    label: `${set.label} (modalities swapped: A is the faster one)`,
  };
}

/** Reads the CSV; its errors become one line on --csv, naming the file, row and column. */
function readCsv(source: Extract<DataSource, { kind: "csv" }>): SampleSet {
  try {
    return readSampleSetCsv(source.path, {
      target: source.target,
      modalityA: source.modalityA,
      ...(source.modalityB !== undefined ? { modalityB: source.modalityB } : {}),
    });
  } catch (error) {
    if (error instanceof InputError && error.field === "csv") {
      const message = error.message.slice("csv: ".length);
      // A missing column is a fault of the header row: say so, as every other message names its row.
      const row = message.startsWith("column ") ? "header row, " : "";
      throw new InputError("--csv", `${source.path}: ${row}${message}`);
    }
    throw error;
  }
}

function orientedData(source: DataSource, userStats: Statistics | undefined): OrientedData {
  switch (source.kind) {
    case "population":
    case "sampled": {
      const { stats, swapped } = orient(userStats!);
      if (source.kind === "population")
        return { population: stats, swapped, label: userStats!.label };
      const d = stats.dA + stats.dB;
      if (source.samples * d > MAX_STORED_ENTRIES) {
        throw new InputError(
          "--samples",
          `P·D = ${source.samples * d} exceeds ${MAX_STORED_ENTRIES} stored values`,
        );
      }
      const set = sampleFromStatistics(stats, { samples: source.samples, seed: source.dataSeed });
      return {
        population: stats,
        set,
        swapped,
        label: `${userStats!.label}, P=${source.samples}, data seed ${source.dataSeed}`,
      };
    }
    case "xor": {
      // Not oriented: x_A's part of y has no linear component (Σ_yxA = 0), T12 keeps the names.
      const set = xorSampleSet({
        variance: source.variance,
        samples: source.samples,
        seed: source.dataSeed,
      });
      return { set, swapped: false, label: set.label };
    }
    case "csv": {
      const set = readCsv(source);
      const swapped = fasterModality(sampleMoments(set)) === "B";
      return { set: swapped ? swapSampleSet(set) : set, swapped, label: set.label };
    }
  }
}

const NO_POPULATION: Record<"csv" | "xor", string> = {
  csv: "E_g needs the population; CSV data have none (training loss only)",
  xor: "the XOR target is not linear in x, so E_g = ½(W − w*)Σ(W − w*)ᵀ does not apply (T12 reports the final loss)",
};

/**
 * Runs the network of `settings` on the chosen data. `userStats` is required for the
 * population and sampled sources.
 */
export function runFiniteOrRelu(
  choice: DataChoice,
  userStats: Statistics | undefined,
  settings: FiniteRunSettings,
): FiniteRunReport {
  const { source, activation } = choice;
  const data = orientedData(source, userStats);
  const { population, set, swapped } = data;
  // orientedData returns the population, the sample set, or both: never neither.
  const dims = required(population ?? set, "population or sample set of the oriented data");
  const dA = dims.dA;
  const order = (row: readonly number[]) => userOrder(row, swapped, dA);
  const init = { kind: settings.init, u0: settings.u0, seed: settings.seed };
  const budgets = {
    ...(settings.maxTime !== undefined ? { maxTime: settings.maxTime } : {}),
    ...(settings.maxSteps !== undefined ? { maxSteps: settings.maxSteps } : {}),
  };
  const net = {
    depth: settings.depth,
    fusionLayer: settings.fusionLayer,
    width: settings.width,
    init,
    method: settings.method,
  };
  const d = dA + dims.dB;
  if (set !== undefined && settings.init === "balanced" && set.samples <= d) {
    throw new InputError(
      "--init",
      `balanced needs P > D (it inverts Σ̂); got P = ${set.samples}, D = ${d}: use gaussian`,
    );
  }
  const egOf = population !== undefined ? generalisationError(population) : undefined;
  let run: TrainingRun;
  let training: TrainingData;
  let solution: SolutionReport | undefined;
  let generalisation: GeneralisationReport | null = null;
  let generalisationNote: string | undefined;
  let directions: DirectionsReport | undefined;
  let domainNote: string | undefined;
  let trajectory: FiniteTrajectoryRow[];
  if (activation === "linear") {
    if (set === undefined) throw new InternalError("the linear population run is simulateReport's");
    const finite = simulateOnSamples({
      samples: set,
      ...net,
      ...(population !== undefined ? { population } : {}),
      ...budgets,
    });
    run = finite.run;
    training = "sample-moments";
    solution = {
      kind: finite.solution.kind,
      wTot: order(finite.solution.w),
      distance: finite.final.distanceToSolution,
      minimumLoss: finite.minimumLoss,
      ...(finite.solutionEg !== undefined ? { eg: finite.solutionEg } : {}),
    };
    trajectory = run.samples.map((s, i) => ({
      t: s.t,
      loss: s.loss,
      wTot: order(s.totalMap),
      ...(finite.eg !== undefined ? { eg: finite.eg[i]!.eg } : {}),
    }));
    if (egOf !== undefined) {
      const at = (name: string) => {
        const crossing = run.crossings[name];
        return crossing === undefined ? Number.NaN : egOf(crossing.totalMap);
      };
      generalisation = { final: egOf(run.final.totalMap), atTA: at("A"), atTB: at("B") };
    } else generalisationNote = NO_POPULATION[source.kind === "xor" ? "xor" : "csv"];
  } else {
    const xor = source.kind === "xor";
    const toBudget = xor || settings.untilConverged;
    if (toBudget && !xor && settings.maxTime === undefined && settings.maxSteps === undefined) {
      throw new InputError(
        "--until-converged",
        "a ReLU network has no known loss floor on samples: give --max-time or --max-steps",
      );
    }
    let thresholdStats: Statistics | undefined = population;
    if (set !== undefined && population === undefined) {
      if (!xor && set.samples <= d) {
        throw new InputError(
          "--activation",
          `relu on CSV data needs more rows than input columns (P > D, got P = ${set.samples}, D = ${d}): the §3 thresholds invert Σ̂`,
        );
      }
      thresholdStats = sampleMoments(set);
    }
    const sim = simulateRelu({
      data:
        set === undefined
          ? { kind: "population", stats: population! }
          : { kind: "samples", samples: set, thresholdStats: thresholdStats! },
      ...net,
      ...(toBudget ? { until: "budget" as const } : {}),
      ...(xor && settings.maxTime === undefined && settings.maxSteps === undefined
        ? { maxTime: DEFAULT_XOR_MAX_TIME }
        : budgets),
    });
    run = sim.run;
    if (sim.oneSidedBranches.length > 0) {
      const branches = sim.oneSidedBranches.map((m) => userModality(m, swapped)).join(" and ");
      domainNote = `branch ${branches}: every neuron ends on one side of 0 (outside T11's domain: aligned-one-sided); its linear part reaches at most ½W^uni, so T2 does not describe this init; try another --seed or a larger --width`;
    }
    training =
      set === undefined
        ? "population-closed-form"
        : sim.model === "scalar-sufficient"
          ? "samples-feature-moments"
          : "samples";
    trajectory = run.samples.map((s) => ({ t: s.t, loss: s.loss, wTot: order(s.totalMap) }));
    directions = {
      count: sim.directions.count,
      significant: sim.directions.significant,
      directions: sim.directions.directions.map((u) => order(u)),
      weights: [...sim.directions.weights],
    };
    if (population !== undefined && settings.depth === 2) {
      // ReLU E_g on the Gaussian population: the closed-form population loss minus its floor
      // ℒ* (= ½σ_ε² with a teacher), the same quantity as the linear E_g (ℒ(W) − ℒ*).
      const populationLoss = reluPopulationModel(sim.layout, population).loss(run.final.theta);
      generalisation = {
        final: populationLoss - derive(population).lossFull,
        atTA: Number.NaN,
        atTB: Number.NaN,
      };
      generalisationNote =
        "ReLU: E_g at t_A, t_B not recorded (the crossings keep the linear parts only) and no E_g series";
    } else if (population !== undefined) {
      generalisationNote = `ReLU E_g has a closed form for --depth 2 only (got ${settings.depth})`;
    } else generalisationNote = NO_POPULATION[xor ? "xor" : "csv"];
  }
  const times = phaseTimes(run);
  const finalUser = order(run.final.totalMap);
  const userDA = swapped ? d - dA : dA;
  const predictionStats =
    population ??
    (set !== undefined && source.kind === "csv" && set.samples > d
      ? sampleMoments(set)
      : undefined);
  return {
    activation,
    training,
    dataSource: source.kind,
    ...(set !== undefined ? { samples: set.samples } : {}),
    ...(source.kind === "sampled" || source.kind === "xor" ? { dataSeed: source.dataSeed } : {}),
    run,
    times:
      source.kind === "xor"
        ? {
            ...times,
            tA: Number.NaN,
            tB: Number.NaN,
            ratio: Number.NaN,
            duration: Number.NaN,
            reached: false,
          }
        : times,
    swapped,
    orientedDA: dA,
    firstModality:
      source.kind === "xor" ? null : (userModality(times.firstModality, swapped) ?? null),
    ...(predictionStats !== undefined && source.kind !== "xor"
      ? {
          prediction: predictPhases(
            predictionStats,
            { depth: settings.depth, fusionLayer: settings.fusionLayer },
            settings.u0,
          ),
        }
      : {}),
    trainingLoss: run.final.loss,
    normA: Math.hypot(...finalUser.slice(0, userDA)),
    normB: Math.hypot(...finalUser.slice(userDA)),
    ...(solution !== undefined ? { solution } : {}),
    generalisation,
    ...(generalisationNote !== undefined ? { generalisationNote } : {}),
    ...(source.kind === "xor"
      ? {
          timesNote:
            "t_A, t_B not defined on XOR data (x_A's part of y has no linear component); T12 measures the final loss and the neuron directions",
        }
      : {}),
    ...(directions !== undefined ? { directions } : {}),
    ...(domainNote !== undefined ? { domainNote } : {}),
    data: data.label,
    trajectory,
  };
}
