import { required } from "../errors/internalError.js";
import type { NextOrderRunBlock } from "../experiment/nextOrder.js";
import type { SeedSweep } from "../experiment/repeats.js";
import type {
  DataMeasurements,
  ExperimentResult,
  PhaseTimesReport,
  PredictionReport,
  RunOutcome,
  StateReport,
} from "../experiment/types.js";
import type { InitKind } from "../network/initialisation.js";
import type { SampleSummary } from "../report/summary.js";
import { summarise } from "../report/summary.js";
import { DEFAULT_FLOW_RTOL } from "../training/gradientFlow.js";
import type { RunStatus } from "../training/run.js";
import type { NoteFields } from "./simulateNotes.js";
import { noteFields } from "./simulateNotes.js";
import type { SimulateSettings } from "./simulateOptions.js";

/**
 * The report of `ubias simulate` (its JSON; the text is rendered from it): an experiment's
 * result (src/experiment) flattened, with the run's settings and the notes in words.
 */

export type { PredictionReport, StateReport };

/** `ubias simulate` output. Phase times in docs/theory.md's labels (A = faster). */
export interface SimulateReport extends PhaseTimesReport, RunOutcome, DataMeasurements, NoteFields {
  readonly final: StateReport;
  readonly plateau?: StateReport;
  /** Absent where no closed form applies (XOR data; CSV data with P ≤ D). */
  readonly prediction?: PredictionReport;
  readonly seed: number;
  readonly init: InitKind;
  readonly width: number;
  readonly method: "flow" | "gd";
  readonly lr?: number;
  readonly rtol?: number;
  readonly u0: number;
  readonly depth: number;
  readonly fusion: number;
  readonly swapped: boolean;
  readonly data: string;
  readonly wallSeconds: number;
}

/** A linear run on the population: the closed-form prediction always applies. */
export type PopulationSimulateReport = SimulateReport & { readonly prediction: PredictionReport };

/** The report of one experiment run with `settings` (its seed is the result's own). */
export function simulateReport(
  result: ExperimentResult,
  settings: SimulateSettings,
): SimulateReport {
  const { times, outcome, measurements: m } = result;
  return {
    ratio: times.ratio,
    tA: times.tA,
    tB: times.tB,
    duration: times.duration,
    firstModality: times.firstModality,
    reached: times.reached,
    ...outcome,
    final: result.final,
    ...(result.plateau ? { plateau: result.plateau } : {}),
    ...(result.prediction !== undefined ? { prediction: result.prediction } : {}),
    ...runSettings(settings),
    swapped: result.swapped,
    data: result.data,
    wallSeconds: result.wallSeconds,
    activation: m.activation,
    training: m.training,
    ...(m.reluModel !== undefined ? { reluModel: m.reluModel } : {}),
    dataSource: m.dataSource,
    ...(m.samples !== undefined ? { samples: m.samples } : {}),
    ...(m.dataSeed !== undefined ? { dataSeed: m.dataSeed } : {}),
    trainingLoss: m.trainingLoss,
    normA: m.normA,
    normB: m.normB,
    ...(m.solution !== undefined ? { solution: m.solution } : {}),
    generalisation: m.generalisation,
    ...noteFields(result.notes),
    ...(m.directions !== undefined ? { directions: m.directions } : {}),
  };
}

/** The run's settings as the JSON report lists them (seed, init, width, method, u0, depth, fusion). */
function runSettings(settings: SimulateSettings) {
  const method = settings.method;
  return {
    seed: settings.seed,
    init: settings.init,
    width: settings.width,
    method: method.kind,
    ...(method.kind === "gd"
      ? { lr: method.learningRate }
      : { rtol: method.rtol ?? DEFAULT_FLOW_RTOL }),
    u0: settings.u0,
    depth: settings.depth,
    fusion: settings.fusionLayer,
  };
}

/** One run of `--repeats`. */
export interface RepeatRun {
  readonly seed: number;
  readonly ratio: number;
  readonly tA: number;
  readonly tB: number;
  readonly reached: boolean;
  readonly status: RunStatus;
  readonly steps: number;
  /** As the single run's prediction.nextOrder: for this seed's own init. */
  readonly nextOrder?: NextOrderRunBlock;
}

/** `repeats` of the JSON report: the runs and the ratio's statistics over those that reached t_B. */
export interface RepeatsReport {
  readonly runs: readonly RepeatRun[];
  /** Statistics of t_B/t_A over the runs with both thresholds reached. */
  readonly ratio: SampleSummary;
  /** median / predicted − 1 (NaN when either is missing). */
  readonly medianRelativeError: number;
  /** Runs in which t_A or t_B was not reached. */
  readonly notReached: number;
  readonly wallSeconds: number;
}

/** The first run's report (seed `settings.seed`) with every run and the ratio's statistics. */
export type SimulateRepeatsReport = PopulationSimulateReport & { readonly repeats: RepeatsReport };

/**
 * The report of a seed sweep of linear population runs: the top-level fields are those of the
 * first run (seed `settings.seed`), so the keys common to every `simulate` report keep their
 * meaning; `repeats` summarises t_B/t_A over the runs that reached both thresholds.
 */
export function simulateRepeatsReport(
  sweep: SeedSweep,
  settings: SimulateSettings,
): SimulateRepeatsReport {
  const runs = sweep.results.map(
    (r, i): RepeatRun => ({
      seed: settings.seed + i,
      ratio: r.times.ratio,
      tA: r.times.tA,
      tB: r.times.tB,
      reached: r.times.reached,
      status: r.outcome.status,
      steps: r.outcome.steps,
      ...(r.prediction?.nextOrder !== undefined ? { nextOrder: r.prediction.nextOrder } : {}),
    }),
  );
  const ratio = summarise(runs.filter((r) => r.reached).map((r) => r.ratio));
  const first = simulateReport(
    required(sweep.results[0], "the first run of a seed sweep (repeats ≥ 1)"),
    settings,
  ) as PopulationSimulateReport;
  const prediction = required(first.prediction, "the prediction of a population run");
  return {
    ...first,
    repeats: {
      runs,
      ratio,
      medianRelativeError: ratio.median / prediction.ratio - 1,
      notReached: runs.filter((r) => !r.reached).length,
      wallSeconds: sweep.wallSeconds,
    },
  };
}
