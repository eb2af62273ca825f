import type { Command } from "commander";
import { InputError, requireOpenInterval, requirePositive } from "../errors/inputError.js";
import { required } from "../errors/internalError.js";
import { formatJson } from "../format/json.js";
import { generalisationError } from "../measurement/generalisation.js";
import type { PhaseTimes } from "../measurement/phaseTimes.js";
import { phaseTimes } from "../measurement/phaseTimes.js";
import type { TrainingMethod } from "../measurement/simulation.js";
import { simulate } from "../measurement/simulation.js";
import { MAX_WIDTH } from "../network/architecture.js";
import type { InitKind } from "../network/initialisation.js";
import type { SampleSummary } from "../report/summary.js";
import { summarise } from "../report/summary.js";
import type { Modality } from "../statistics/derived.js";
import { orient } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { PhasePredictionReport } from "../theory/predict.js";
import { predictPhases } from "../theory/predict.js";
import { DEFAULT_FLOW_RTOL, MIN_FLOW_RTOL } from "../training/gradientFlow.js";
import type {
  DivergenceReport,
  IntegratorUsage,
  ProgressCallback,
  RunStatus,
  TrajectorySample,
} from "../training/run.js";
import type { ArchitectureChoice, ArchitectureOptionValues } from "./architectureOptions.js";
import {
  addArchitectureOptions,
  architectureFromOptions,
  smallInitNote,
} from "./architectureOptions.js";
import type { DataOptionValues } from "./dataOptions.js";
import { addDataOptions, statisticsFromOptions } from "./dataOptions.js";
import type { DataMeasurements, FiniteTrajectoryRow } from "./finiteSimulation.js";
import { runFiniteOrRelu } from "./finiteSimulation.js";
import type { CommandContext } from "./io.js";
import type { NextOrderRunBlock } from "./nextOrderReport.js";
import { hasNextOrder, runNextOrder } from "./nextOrderReport.js";
import { userModality, userOrder } from "./orientation.js";
import { openOutputFile } from "./outputFile.js";
import { parseChoice, parseInteger, parseNumber } from "./parse.js";
import { runProgress } from "./runProgress.js";
import type { DataChoice, FiniteDataOptionValues } from "./simulateData.js";
import { addFiniteDataOptions, dataChoiceFromOptions, withXorDefaults } from "./simulateData.js";
import { outcomeMessage, repeatsText, simulateText } from "./simulateText.js";
import { openTrajectoryFile, trajectoryHeader } from "./trajectoryCsv.js";

/** Defaults of `ubias simulate` (the prototype's setting in THEORY.md §6: width 8, Gaussian init, flow). */
export const SIMULATE_DEFAULTS = { width: 8, init: "gaussian", seed: 0, method: "flow" } as const;
/** Largest seed of the Gaussian init (pure-rand state from a 32-bit seed). */
const MAX_SEED = 0xffffffff;
/** Most runs of one `--repeats` invocation. */
export const MAX_REPEATS = 100_000;

interface SimulateOptionValues
  extends DataOptionValues,
    ArchitectureOptionValues,
    FiniteDataOptionValues {
  readonly width?: string;
  readonly init?: string;
  readonly seed?: string;
  readonly method?: string;
  readonly lr?: string;
  readonly rtol?: string;
  readonly maxTime?: string;
  readonly maxSteps?: string;
  readonly untilConverged?: boolean;
  readonly json?: boolean;
  readonly trajectory?: string;
  readonly repeats?: string;
}

/** A validated `simulate` invocation. */
export interface SimulateSettings extends ArchitectureChoice {
  readonly width: number;
  readonly init: InitKind;
  readonly seed: number;
  readonly method: TrainingMethod;
  readonly maxTime?: number;
  readonly maxSteps?: number;
  readonly untilConverged: boolean;
  /** Runs with seeds seed, seed + 1, …, seed + repeats − 1 (1: a single run). */
  readonly repeats: number;
}

/** A point of the trajectory; wTot in the user's input order [x_A, x_B]. */
export interface StateReport {
  readonly t: number;
  readonly loss: number;
  readonly wTot: number[];
}

/** `ubias simulate` output. Phase times in THEORY.md's labels (A = faster). */
export interface SimulateReport extends DataMeasurements {
  readonly ratio: number;
  readonly tA: number;
  readonly tB: number;
  readonly duration: number;
  /** The modality whose threshold was crossed first, in the user's labels (null: neither). */
  readonly firstModality: Modality | null;
  readonly reached: boolean;
  readonly status: RunStatus;
  /** With status "diverged": where, and the rule that fired (src/training/run.ts). */
  readonly divergence?: DivergenceReport;
  readonly steps: number;
  readonly rejectedSteps: number;
  readonly gradientEvaluations: number;
  /** Gradient flow: steps per integrator (DOPRI5, then Rosenbrock once the run turned stiff). */
  readonly integrators?: IntegratorUsage;
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

/** The closed-form prediction of t_B/t_A and how far the run is from it. */
export interface PredictionReport {
  readonly ratio: number;
  readonly source: PhasePredictionReport["source"];
  /** measured / predicted − 1 (NaN when either is missing). */
  readonly relativeError: number;
  readonly outOfDomain?: PhasePredictionReport["outOfDomain"];
  /** Two-layer late fusion on the population: the next-order prediction for this run's init. */
  readonly nextOrder?: NextOrderRunBlock;
}

/** --rtol of the flow: in [MIN_FLOW_RTOL, 1); smaller is unattainable in double precision. */
function flowRtol(rtol: number): number {
  requireOpenInterval("--rtol", rtol, 0, 1);
  if (rtol < MIN_FLOW_RTOL) {
    throw new InputError(
      "--rtol",
      `${rtol} is unattainable in double precision: must be >= ${MIN_FLOW_RTOL} (about 45 ulps)`,
    );
  }
  return rtol;
}

export function simulateSettings(options: SimulateOptionValues): SimulateSettings {
  const arch = architectureFromOptions(options);
  const width =
    options.width === undefined
      ? SIMULATE_DEFAULTS.width
      : parseInteger("--width", options.width, 1, MAX_WIDTH);
  const init = parseChoice<InitKind>("--init", options.init ?? SIMULATE_DEFAULTS.init, [
    "balanced",
    "gaussian",
  ]);
  const seed =
    options.seed === undefined
      ? SIMULATE_DEFAULTS.seed
      : parseInteger("--seed", options.seed, 0, MAX_SEED);
  const kind = parseChoice("--method", options.method ?? SIMULATE_DEFAULTS.method, [
    "flow",
    "gd",
  ] as const);
  let method: TrainingMethod;
  if (kind === "gd") {
    if (options.lr === undefined) throw new InputError("--lr", "is required with --method gd");
    if (options.rtol !== undefined) throw new InputError("--rtol", "applies to --method flow only");
    method = { kind: "gd", learningRate: requirePositive("--lr", parseNumber("--lr", options.lr)) };
  } else {
    if (options.lr !== undefined)
      throw new InputError(
        "--lr",
        "applies to --method gd only (gradient flow has no learning rate)",
      );
    method =
      options.rtol === undefined
        ? { kind: "flow" }
        : {
            kind: "flow",
            rtol: flowRtol(parseNumber("--rtol", options.rtol)),
          };
  }
  const maxTime =
    options.maxTime === undefined
      ? undefined
      : requirePositive("--max-time", parseNumber("--max-time", options.maxTime));
  const maxSteps =
    options.maxSteps === undefined
      ? undefined
      : parseInteger("--max-steps", options.maxSteps, 1, Number.MAX_SAFE_INTEGER);
  const repeats =
    options.repeats === undefined ? 1 : parseInteger("--repeats", options.repeats, 1, MAX_REPEATS);
  if (repeats > 1) {
    if (init !== "gaussian") throw new InputError("--repeats", "needs --init gaussian");
    if (seed + repeats - 1 > MAX_SEED) {
      throw new InputError(
        "--repeats",
        `seeds ${seed} … ${seed + repeats - 1} exceed the largest seed ${MAX_SEED}`,
      );
    }
    if (options.trajectory !== undefined) {
      throw new InputError("--trajectory", "writes a single run: not with --repeats > 1");
    }
  }
  return {
    ...arch,
    width,
    init,
    seed,
    method,
    ...(maxTime !== undefined ? { maxTime } : {}),
    ...(maxSteps !== undefined ? { maxSteps } : {}),
    untilConverged: options.untilConverged === true,
    repeats,
  };
}

/**
 * Trains the network on the oriented statistics (A = faster modality) and measures the phase
 * times (THEORY.md §3). `trajectory` receives the run's samples in the user's input order.
 */
export function simulateReport(
  userStats: Statistics,
  settings: SimulateSettings,
  trajectory?: (
    samples: readonly TrajectorySample[],
    order: (row: readonly number[]) => number[],
  ) => void,
  onProgress?: ProgressCallback,
): PopulationSimulateReport {
  const started = performance.now();
  const { stats, swapped } = orient(userStats);
  const order = (row: readonly number[]) => userOrder(row, swapped, stats.dA);
  const run = simulate({
    stats,
    depth: settings.depth,
    fusionLayer: settings.fusionLayer,
    width: settings.width,
    init: { kind: settings.init, u0: settings.u0, seed: settings.seed },
    method: settings.method,
    untilConverged: settings.untilConverged,
    ...(settings.maxTime !== undefined ? { maxTime: settings.maxTime } : {}),
    ...(settings.maxSteps !== undefined ? { maxSteps: settings.maxSteps } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const times: PhaseTimes = phaseTimes(run);
  const domainNote = smallInitNote(settings.depth, settings.u0);
  const predicted = predictPhases(
    stats,
    { depth: settings.depth, fusionLayer: settings.fusionLayer },
    settings.u0,
  );
  trajectory?.(run.samples, order);
  const method = settings.method;
  const finalUser = order(run.final.totalMap);
  const userDA = swapped ? stats.dB : stats.dA;
  // Linear network on the population: E_g = ½(W − w*)Σ(W − w*)ᵀ = ℒ(W) − ℒ* (T10).
  const eg = generalisationError(stats);
  const egAt = (name: string) => {
    const crossing = run.crossings[name];
    return crossing === undefined ? Number.NaN : eg(crossing.totalMap);
  };
  return {
    ratio: times.ratio,
    tA: times.tA,
    tB: times.tB,
    duration: times.duration,
    firstModality: userModality(times.firstModality, swapped) ?? null,
    reached: times.reached,
    status: run.status,
    ...(run.divergence ? { divergence: run.divergence } : {}),
    steps: run.steps,
    rejectedSteps: run.rejectedSteps,
    gradientEvaluations: run.gradientEvaluations,
    ...(run.integrators ? { integrators: run.integrators } : {}),
    final: { t: run.final.t, loss: run.final.loss, wTot: order(run.final.totalMap) },
    ...(run.plateau
      ? { plateau: { t: run.plateau.t, loss: run.plateau.loss, wTot: order(run.plateau.totalMap) } }
      : {}),
    prediction: {
      ratio: predicted.ratio,
      source: predicted.source,
      relativeError: times.ratio / predicted.ratio - 1,
      ...(predicted.outOfDomain !== undefined ? { outOfDomain: predicted.outOfDomain } : {}),
      ...(hasNextOrder(settings, stats)
        ? { nextOrder: runNextOrder(stats, settings, times.ratio) }
        : {}),
    },
    ...runSettings(settings, method),
    swapped,
    data: userStats.label,
    wallSeconds,
    activation: "linear",
    training: "population",
    dataSource: "population",
    trainingLoss: run.final.loss,
    normA: Math.hypot(...finalUser.slice(0, userDA)),
    normB: Math.hypot(...finalUser.slice(userDA)),
    generalisation: { final: eg(run.final.totalMap), atTA: egAt("A"), atTB: egAt("B") },
    ...(domainNote !== undefined ? { domainNote } : {}),
  };
}

/**
 * `simulate` on finite data (--samples, --data xor, --csv) or with ReLU units (THEORY.md
 * T10-T12): the same report as simulateReport plus E_g, training loss, norms, the sample
 * solution and the neuron directions. `trajectory` receives rows in the user's input order.
 */
export function simulateDataReport(
  choice: DataChoice,
  userStats: Statistics | undefined,
  settings: SimulateSettings,
  trajectory?: (rows: readonly FiniteTrajectoryRow[], dA: number, dB: number) => void,
): SimulateReport {
  const started = performance.now();
  const r = runFiniteOrRelu(choice, userStats, settings);
  const wallSeconds = (performance.now() - started) / 1000;
  const { run, times } = r;
  const d = run.final.totalMap.length;
  const userDA = r.swapped ? d - r.orientedDA : r.orientedDA;
  trajectory?.(r.trajectory, userDA, d - userDA);
  const order = (row: readonly number[]) => userOrder(row, r.swapped, r.orientedDA);
  const method = settings.method;
  return {
    ratio: times.ratio,
    tA: times.tA,
    tB: times.tB,
    duration: times.duration,
    firstModality: r.firstModality,
    reached: times.reached,
    status: run.status,
    ...(run.divergence ? { divergence: run.divergence } : {}),
    steps: run.steps,
    rejectedSteps: run.rejectedSteps,
    gradientEvaluations: run.gradientEvaluations,
    ...(run.integrators ? { integrators: run.integrators } : {}),
    final: { t: run.final.t, loss: run.final.loss, wTot: order(run.final.totalMap) },
    ...(run.plateau
      ? { plateau: { t: run.plateau.t, loss: run.plateau.loss, wTot: order(run.plateau.totalMap) } }
      : {}),
    ...(r.prediction !== undefined
      ? {
          prediction: {
            ratio: r.prediction.ratio,
            source: r.prediction.source,
            relativeError: times.ratio / r.prediction.ratio - 1,
            ...(r.prediction.outOfDomain !== undefined
              ? { outOfDomain: r.prediction.outOfDomain }
              : {}),
          },
        }
      : {}),
    ...runSettings(settings, method),
    swapped: r.swapped,
    data: r.data,
    wallSeconds,
    activation: r.activation,
    training: r.training,
    dataSource: r.dataSource,
    ...(r.samples !== undefined ? { samples: r.samples } : {}),
    ...(r.dataSeed !== undefined ? { dataSeed: r.dataSeed } : {}),
    trainingLoss: r.trainingLoss,
    normA: r.normA,
    normB: r.normB,
    ...(r.solution !== undefined ? { solution: r.solution } : {}),
    generalisation: r.generalisation,
    ...(r.generalisationNote !== undefined ? { generalisationNote: r.generalisationNote } : {}),
    ...(r.timesNote !== undefined ? { timesNote: r.timesNote } : {}),
    ...(r.domainNote !== undefined ? { domainNote: r.domainNote } : {}),
    ...(r.directions !== undefined ? { directions: r.directions } : {}),
  };
}

/** Trajectory CSV of a finite-data run: t, loss, wA_*, wB_* and, with a population, eg. */
export function finiteTrajectoryCsv(
  rows: readonly FiniteTrajectoryRow[],
  dA: number,
  dB: number,
): string {
  const withEg = rows.length > 0 && rows[0]!.eg !== undefined;
  const lines = [[...trajectoryHeader(dA, dB), ...(withEg ? ["eg"] : [])].join(",")];
  for (const row of rows) {
    lines.push(
      [
        row.t,
        row.loss,
        ...row.wTot,
        ...(withEg ? [required(row.eg, "E_g of a row (the first row has one)")] : []),
      ]
        .map(String)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
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
 * Runs `settings.repeats` simulations with seeds seed, seed + 1, … and summarises t_B/t_A
 * over the runs that reached both thresholds. The top-level fields are those of the first
 * run (seed `settings.seed`), so the keys common to every `simulate` report keep their meaning.
 */
export function simulateRepeatsReport(
  userStats: Statistics,
  settings: SimulateSettings,
  onRun?: (done: number, total: number) => void,
): SimulateRepeatsReport {
  const started = performance.now();
  const reports: PopulationSimulateReport[] = [];
  for (let i = 0; i < settings.repeats; i++) {
    reports.push(simulateReport(userStats, { ...settings, seed: settings.seed + i }));
    onRun?.(i + 1, settings.repeats);
  }
  const runs = reports.map(
    (r): RepeatRun => ({
      seed: r.seed,
      ratio: r.ratio,
      tA: r.tA,
      tB: r.tB,
      reached: r.reached,
      status: r.status,
      steps: r.steps,
      ...(r.prediction.nextOrder !== undefined ? { nextOrder: r.prediction.nextOrder } : {}),
    }),
  );
  const ratio = summarise(runs.filter((r) => r.reached).map((r) => r.ratio));
  const first = reports[0]!;
  return {
    ...first,
    repeats: {
      runs,
      ratio,
      medianRelativeError: ratio.median / first.prediction.ratio - 1,
      notReached: runs.filter((r) => !r.reached).length,
      wallSeconds: (performance.now() - started) / 1000,
    },
  };
}

const SIMULATE_HELP = `
Times are in units of τ. Defaults: width 8, --init gaussian, --seed 0, --method flow with
rtol ${DEFAULT_FLOW_RTOL} (the trainer's), u0 1e-6; without --max-time/--max-steps the
trainer's budgets apply (flow: t ≤ 1e15 and 1e6 accepted steps; gd: 1e7 steps).
--lr is required with --method gd and rejected with flow; --rtol is for flow only.

--repeats N (Gaussian init only) runs seeds seed … seed + N − 1 and adds "repeats":
{runs: [{seed, ratio, tA, tB, reached, status, steps, nextOrder}], ratio: {count, mean,
median, min, max, std, q1, q3, iqr} over the runs that reached t_B, medianRelativeError,
notReached, wallSeconds}; the other keys are the first run's (seed). std is the sample
standard deviation (n − 1), quartiles interpolate linearly.

Two-layer late fusion (--depth 2 --fusion 2) adds prediction.nextOrder {ratio, tA, tB,
status, relativeError}: the next-order prediction for this run's own initial weights
(all orders in 1/ln(1/u0) that T2 drops; src/theory/nextOrderLateFusion.ts).

THEORY.md names the faster modality A: when that is your B, "swapped" is true, t_A/t_B use
THEORY.md's labels, "firstModality" and every W^tot (final, plateau, --trajectory columns
wA_*, wB_*) use yours.

A threshold not reached, a divergence or a step-size underflow is reported ("reached":
false, "status"; null times in JSON) with exit code 0: the simulation ran and its outcome
is data. Exit codes: 0 ran, 2 bad input, 3 internal error.

Finite data and ReLU units (THEORY.md T10-T12):
  --samples P                draw P samples from the statistics (seed --data-seed, default
                             --seed; the toy family's teacher adds --noise) and train on them:
                             a linear network on their moments (exact full-batch training), a
                             relu network on the samples.
  --activation relu          without --samples: the two-layer Gaussian population loss in
                             closed form (--depth 2 only); with samples: any depth.
  --data xor --var-lin v     T12's data (P = --samples, default 256, a multiple of 4); relu
                             unless --activation linear; trains to --max-time (default 100);
                             T12's training defaults: --width 16, --u0 1e-3, --method gd
                             --lr 0.05/max(1, v) (about 0.3 s).
  --csv FILE --target y --modality-a a1,a2 [--modality-b b1,b2]
                             your data (B: every other column by default); no statistics flags.
JSON adds: activation, training, dataSource, samples, dataSeed, trainingLoss, normA, normB,
generalisation {final, atTA, atTB} (E_g; null without a population, e.g. CSV data:
generalisationNote says why), solution {kind, wTot, distance, minimumLoss, eg} (linear on
finite data), directions {count, significant, directions, weights} (relu). --trajectory on
finite data adds a column eg when the population is known. Linear networks on samples stop at
the training-loss minimum; --repeats is for linear population runs only.`;

/** `simulate` on finite data or with ReLU units: one run, trajectory with E_g when known. */
function runDataSimulation(
  choice: DataChoice,
  options: SimulateOptionValues,
  settings: SimulateSettings,
  context: CommandContext,
): void {
  if (settings.repeats > 1) {
    throw new InputError(
      "--repeats",
      "linear population runs only: not with --samples, --data, --csv or --activation relu",
    );
  }
  const kind = choice.source.kind;
  const stats =
    kind === "population" || kind === "sampled" ? statisticsFromOptions(options) : undefined;
  const file =
    options.trajectory === undefined
      ? undefined
      : openOutputFile(options.trajectory, "--trajectory");
  try {
    const report = simulateDataReport(
      choice,
      stats,
      settings,
      file ? (rows, dA, dB) => file.write(finiteTrajectoryCsv(rows, dA, dB)) : undefined,
    );
    context.io.stdout(options.json ? formatJson(report) : simulateText(report));
  } finally {
    file?.close();
  }
}

export function registerSimulate(program: Command, context: CommandContext): void {
  const command = program
    .command("simulate")
    .description("train a deep linear fusion network and measure t_A, t_B (THEORY.md §3)");
  addDataOptions(command);
  addFiniteDataOptions(command);
  addArchitectureOptions(command);
  command
    .option("--width <h>", `hidden width, an integer in [1, ${MAX_WIDTH}] (default 8)`)
    .option("--init <kind>", "initialisation: balanced | gaussian (default gaussian)")
    .option("--seed <s>", "seed of the Gaussian init, an integer in [0, 4294967295] (default 0)")
    .option("--method <m>", "flow (gradient flow, DOPRI5) | gd (gradient descent) (default flow)")
    .option("--lr <n>", "learning rate of --method gd, > 0 (time advances by lr per step)")
    .option(
      "--rtol <n>",
      `local relative tolerance of --method flow, in [${MIN_FLOW_RTOL}, 1) (default ${DEFAULT_FLOW_RTOL})`,
    )
    .option("--max-time <T>", "time budget in units of τ, > 0")
    .option("--max-steps <n>", "step budget, an integer >= 1")
    .option(
      "--until-converged",
      "keep training after t_B until the loss is within 1e-10 of ℒ* (relative to ℒ(0) − ℒ*)",
    )
    .option(
      "--trajectory <file.csv>",
      "write the samples (t, loss, wA_1.., wB_1..) as CSV; creates the directory",
    )
    .option(
      "--repeats <n>",
      `runs with seeds seed … seed + n − 1 and the ratio's statistics, an integer in [1, ${MAX_REPEATS}] (default 1; needs --init gaussian)`,
    )
    .option("--json", "print JSON (non-finite numbers as null)")
    .addHelpText("after", SIMULATE_HELP)
    .action((given: SimulateOptionValues) => {
      const options = withXorDefaults(given);
      const settings = simulateSettings(options);
      const choice = dataChoiceFromOptions(options, settings.seed, settings.depth);
      if (choice.source.kind !== "population" || choice.activation !== "linear") {
        runDataSimulation(choice, options, settings, context);
        return;
      }
      const stats = statisticsFromOptions(options);
      if (settings.repeats > 1) {
        const { io } = context;
        const report = simulateRepeatsReport(stats, settings, (done, total) => {
          // A live line on a terminal, cleared after the last run.
          if (io.isTTY) io.stderr(`\r\x1b[2K${done < total ? `run ${done}/${total}` : ""}`);
        });
        io.stdout(options.json ? formatJson(report) : repeatsText(report));
        return;
      }
      const file =
        options.trajectory === undefined
          ? undefined
          : openTrajectoryFile(options.trajectory, stats.dA, stats.dB);
      const progress = runProgress(context.io, "simulate");
      try {
        const report = simulateReport(
          stats,
          settings,
          file ? (samples, order) => file.write(samples, order) : undefined,
          progress.onProgress,
        );
        progress.done();
        context.io.stdout(options.json ? formatJson(report) : simulateText(report));
      } finally {
        progress.done();
        file?.close();
      }
    });
}

/** The run's settings as the JSON report lists them (seed, init, width, method, u0, depth, fusion). */
function runSettings(settings: SimulateSettings, method: TrainingMethod) {
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

export { outcomeMessage };
