import type { SampleSet } from "../data/sampleSet.js";
import type { ReluModelChoice } from "../measurement/reluSimulation.js";
import type { TrainingMethod } from "../measurement/simulation.js";
import type { Activation } from "../network/architecture.js";
import type { InitKind } from "../network/initialisation.js";
import type { Modality } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { PhasePredictionReport } from "../theory/predict.js";
import type {
  DivergenceReport,
  IntegratorUsage,
  ProgressCallback,
  RunStatus,
} from "../training/run.js";
import type { NextOrderRunBlock } from "./nextOrder.js";
import type { ExperimentNote } from "./notes.js";

/**
 * An experiment: data source × model × trainer → one typed result with coded notes
 * (docs/theory.md §3, T10-T12). Everything `ubias simulate` prints is a field of the result.
 */

/** The hidden units' activation: the network's own type (network/architecture.ts). */
export type { Activation };

/** Where the training data come from. */
export type ExperimentData =
  /** The population statistics themselves (linear: moments; relu: the L = 2 closed form). */
  | { readonly kind: "population"; readonly stats: Statistics }
  /** P samples of the statistics (teacher + σ_ε, or the conditional Gaussian). */
  | {
      readonly kind: "sampled";
      readonly stats: Statistics;
      readonly samples: number;
      readonly dataSeed: number;
    }
  /** T12: x_A uniform on {±1}², x_B ~ N(0, v), y = −x_A1·x_A2 + x_B. */
  | {
      readonly kind: "xor";
      readonly variance: number;
      readonly samples: number;
      readonly dataSeed: number;
    }
  /** A user's sample set (e.g. read from a CSV file): no population is known. */
  | { readonly kind: "csv"; readonly set: SampleSet };

/** The kinds of data source (the `dataSource` of a result). */
export type DataSourceKind = ExperimentData["kind"];

/** The network: depth L, fusion layer Lf, hidden width and activation. */
export interface ModelSpec {
  readonly depth: number;
  readonly fusionLayer: number;
  readonly width: number;
  readonly activation: Activation;
  /** ReLU only: which path trains (src/measurement/reluSimulation.ts; default "auto"). */
  readonly reluModel?: ReluModelChoice;
}

/** The initialisation: kind, scale u0 and seed of the Gaussian draws. */
export interface InitSpec {
  readonly kind: InitKind;
  readonly u0: number;
  readonly seed: number;
}

/** The trainer's budgets; absent ones are the trainer's defaults. */
export interface Budgets {
  readonly maxTime?: number;
  readonly maxSteps?: number;
  /** Keep training after t_B until the loss is within 1e-10 of ℒ* (ReLU: to the budget). */
  readonly untilConverged: boolean;
}

/**
 * "faster-first" (docs/theory.md's convention): swap the modalities when the user's B has the
 * larger ‖Σ_yx‖ (on the samples for a sample set); "as-given" trains on the user's labels.
 * XOR data are never swapped (x_A's part of y has no linear component).
 */
export type Orientation = "faster-first" | "as-given";

export interface ExperimentInput {
  readonly data: ExperimentData;
  readonly model: ModelSpec;
  readonly init: InitSpec;
  readonly method: TrainingMethod;
  readonly budgets: Budgets;
  /** Default "faster-first". */
  readonly orientation?: Orientation;
  /**
   * Compare with the closed-form prediction (default true). False skips it (and the
   * next-order integration of two-layer late fusion), e.g. for the many runs of a figure.
   */
  readonly predict?: boolean;
  /** Progress of a linear population run (the trainer's callback). */
  readonly onProgress?: ProgressCallback;
}

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

/** A point of the trajectory; wTot in the user's input order [x_A, x_B]. */
export interface StateReport {
  readonly t: number;
  readonly loss: number;
  readonly wTot: number[];
}

/** One trajectory row; eg present when a population is known (linear networks on samples). */
export interface TrajectoryRow extends StateReport {
  readonly eg?: number;
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

/** The closed-form prediction of t_B/t_A and how far the run is from it. */
export interface PredictionReport {
  readonly ratio: number;
  readonly source: PhasePredictionReport["source"];
  /** measured / predicted − 1 (NaN when either is missing). */
  readonly relativeError: number;
  readonly outOfDomain?: PhasePredictionReport["outOfDomain"];
  /** Two-layer late fusion, linear, on the population: the next-order prediction for this init. */
  readonly nextOrder?: NextOrderRunBlock;
}

/** Phase times in docs/theory.md's labels (A = faster); NaN where not reached or not defined. */
export interface PhaseTimesReport {
  readonly ratio: number;
  readonly tA: number;
  readonly tB: number;
  readonly duration: number;
  /** Both thresholds reached (false on XOR data, where they are not defined). */
  readonly reached: boolean;
  /** The modality whose threshold was crossed first, in the user's labels (null: neither). */
  readonly firstModality: Modality | null;
}

/** How the trainer's run ended and what it cost. */
export interface RunOutcome {
  readonly status: RunStatus;
  /** With status "diverged": where, and the rule that fired (src/training/run.ts). */
  readonly divergence?: DivergenceReport;
  readonly steps: number;
  readonly rejectedSteps: number;
  readonly gradientEvaluations: number;
  /** Gradient flow: steps per integrator (DOPRI5, then Rosenbrock once the run turned stiff). */
  readonly integrators?: IntegratorUsage;
}

/** What the experiment measured about the data and the trained network (T10-T12). */
export interface DataMeasurements {
  readonly activation: Activation;
  readonly training: TrainingData;
  /** ReLU runs: the path that trained ("population", "moments" or "sampled"). */
  readonly reluModel?: Exclude<ReluModelChoice, "auto">;
  readonly dataSource: DataSourceKind;
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
  /** E_g (T10) at the end and at t_A, t_B; null without a population (a note says why). */
  readonly generalisation: GeneralisationReport | null;
  /** ReLU: first-layer neurons grouped by direction (T12). */
  readonly directions?: DirectionsReport;
}

export interface ExperimentResult {
  readonly times: PhaseTimesReport;
  readonly outcome: RunOutcome;
  readonly final: StateReport;
  readonly plateau?: StateReport;
  /** Absent where no closed form applies (XOR data; a sample set with P ≤ D). */
  readonly prediction?: PredictionReport;
  /** The modalities were swapped to train with the faster one as A. */
  readonly swapped: boolean;
  /** The data's label. */
  readonly data: string;
  /** Input sizes in the user's labels. */
  readonly dA: number;
  readonly dB: number;
  readonly measurements: DataMeasurements;
  /** Cautions and the reasons for missing values, as codes (src/experiment/notes.ts). */
  readonly notes: readonly ExperimentNote[];
  /** The run's samples in the user's input order. */
  readonly trajectory: readonly TrajectoryRow[];
  readonly wallSeconds: number;
}
