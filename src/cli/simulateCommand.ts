import type { Command } from "commander";
import { InputError, requireOpenInterval, requirePositive } from "../errors/inputError.js";
import type { PhaseTimes } from "../measurement/phaseTimes.js";
import { phaseTimes } from "../measurement/phaseTimes.js";
import type { TrainingMethod } from "../measurement/simulation.js";
import { simulate } from "../measurement/simulation.js";
import { MAX_WIDTH } from "../network/architecture.js";
import type { InitKind } from "../network/initialisation.js";
import { formatJson } from "../report/json.js";
import { keyValueList } from "../report/keyValue.js";
import { formatNumber, formatPercent } from "../report/numbers.js";
import type { Modality } from "../statistics/derived.js";
import { orient } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { PhasePredictionReport } from "../theory/predict.js";
import { predictPhases } from "../theory/predict.js";
import { DEFAULT_FLOW_RTOL } from "../training/gradientFlow.js";
import type { RunStatus, TrajectorySample } from "../training/run.js";
import type { ArchitectureChoice, ArchitectureOptionValues } from "./architectureOptions.js";
import { addArchitectureOptions, architectureFromOptions } from "./architectureOptions.js";
import type { DataOptionValues } from "./dataOptions.js";
import { addDataOptions, statisticsFromOptions } from "./dataOptions.js";
import type { CommandContext } from "./io.js";
import { SWAP_NOTE, userModality, userOrder } from "./orientation.js";
import { parseChoice, parseInteger, parseNumber } from "./parse.js";
import { formatVector, fusionName } from "./predictCommand.js";
import { openTrajectoryFile } from "./trajectoryCsv.js";

/** Defaults of `ubias simulate` (the prototype's setting in THEORY.md §6: width 8, Gaussian init, flow). */
export const SIMULATE_DEFAULTS = { width: 8, init: "gaussian", seed: 0, method: "flow" } as const;
/** Largest seed of the Gaussian init (pure-rand state from a 32-bit seed). */
const MAX_SEED = 0xffffffff;

interface SimulateOptionValues extends DataOptionValues, ArchitectureOptionValues {
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
}

/** A point of the trajectory; wTot in the user's input order [x_A, x_B]. */
export interface StateReport {
  readonly t: number;
  readonly loss: number;
  readonly wTot: number[];
}

/** `ubias simulate` output. Phase times in THEORY.md's labels (A = faster). */
export interface SimulateReport {
  readonly ratio: number;
  readonly tA: number;
  readonly tB: number;
  readonly duration: number;
  /** The modality whose threshold was crossed first, in the user's labels (null: neither). */
  readonly firstModality: Modality | null;
  readonly reached: boolean;
  readonly status: RunStatus;
  readonly steps: number;
  readonly rejectedSteps: number;
  readonly gradientEvaluations: number;
  readonly final: StateReport;
  readonly plateau?: StateReport;
  readonly prediction: {
    readonly ratio: number;
    readonly source: PhasePredictionReport["source"];
    /** measured / predicted − 1 (NaN when either is missing). */
    readonly relativeError: number;
    readonly outOfDomain?: PhasePredictionReport["outOfDomain"];
  };
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
            rtol: requireOpenInterval("--rtol", parseNumber("--rtol", options.rtol), 0, 1),
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
  return {
    ...arch,
    width,
    init,
    seed,
    method,
    ...(maxTime !== undefined ? { maxTime } : {}),
    ...(maxSteps !== undefined ? { maxSteps } : {}),
    untilConverged: options.untilConverged === true,
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
): SimulateReport {
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
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const times: PhaseTimes = phaseTimes(run);
  const predicted = predictPhases(
    stats,
    { depth: settings.depth, fusionLayer: settings.fusionLayer },
    settings.u0,
  );
  trajectory?.(run.samples, order);
  const method = settings.method;
  return {
    ratio: times.ratio,
    tA: times.tA,
    tB: times.tB,
    duration: times.duration,
    firstModality: userModality(times.firstModality, swapped) ?? null,
    reached: times.reached,
    status: run.status,
    steps: run.steps,
    rejectedSteps: run.rejectedSteps,
    gradientEvaluations: run.gradientEvaluations,
    final: { t: run.final.t, loss: run.final.loss, wTot: order(run.final.totalMap) },
    ...(run.plateau
      ? { plateau: { t: run.plateau.t, loss: run.plateau.loss, wTot: order(run.plateau.totalMap) } }
      : {}),
    prediction: {
      ratio: predicted.ratio,
      source: predicted.source,
      relativeError: times.ratio / predicted.ratio - 1,
      ...(predicted.outOfDomain !== undefined ? { outOfDomain: predicted.outOfDomain } : {}),
    },
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
    swapped,
    data: userStats.label,
    wallSeconds,
  };
}

/**
 * What happened, in words, when the run could not measure everything: a threshold not
 * reached, divergence, step-size underflow. Undefined for a clean run.
 */
export function outcomeMessage(
  report: Pick<SimulateReport, "tA" | "tB" | "status">,
): string | undefined {
  const missing = [
    Number.isNaN(report.tA) ? "t_A" : undefined,
    Number.isNaN(report.tB) ? "t_B" : undefined,
  ].filter((name) => name !== undefined);
  const status = `(status: ${report.status})`;
  const cause =
    report.status === "diverged"
      ? "the run diverged"
      : report.status === "step-underflow"
        ? "the integrator's step size underflowed"
        : undefined;
  if (missing.length > 0) {
    const subject = `${missing.join(" and ")} not reached`;
    return cause ? `${subject}: ${cause} ${status}` : `${subject} within the budget ${status}`;
  }
  return cause ? `both thresholds were crossed, then ${cause} ${status}` : undefined;
}

function describeState(state: StateReport): string {
  return `t = ${formatNumber(state.t)}, loss = ${formatNumber(state.loss)}, W^tot = ${formatVector(state.wTot)}`;
}

function simulateText(report: SimulateReport): string {
  const method =
    report.method === "gd"
      ? `gradient descent, lr ${formatNumber(report.lr!)}`
      : `gradient flow (DOPRI5, rtol ${formatNumber(report.rtol!)})`;
  const predictionError = Number.isFinite(report.prediction.relativeError)
    ? ` (${report.prediction.source} predicts ${formatNumber(report.prediction.ratio)}: ${formatPercent(report.prediction.relativeError)})`
    : ` (${report.prediction.source} predicts ${formatNumber(report.prediction.ratio)})`;
  const outcome = outcomeMessage(report);
  const lines = [
    ...(report.swapped ? [SWAP_NOTE] : []),
    ...(outcome ? [outcome] : []),
    keyValueList([
      ["data", report.data],
      [
        "network",
        `depth ${report.depth}, fusion layer ${report.fusion} (${fusionName(report.depth, report.fusion)}), width ${report.width}`,
      ],
      [
        "init",
        `${report.init}, u0 = ${formatNumber(report.u0)}${report.init === "gaussian" ? `, seed ${report.seed}` : ""}`,
      ],
      ["method", method],
      [
        "run",
        `${report.status}: ${report.steps} steps, ${report.rejectedSteps} rejected, ${report.gradientEvaluations} gradient evaluations, ${report.wallSeconds.toFixed(2)} s`,
      ],
      ["t_B/t_A", report.reached ? formatNumber(report.ratio) + predictionError : "not measured"],
      ["t_A", Number.isNaN(report.tA) ? "not reached" : formatNumber(report.tA)],
      ["t_B", Number.isNaN(report.tB) ? "not reached" : formatNumber(report.tB)],
      ["t_B - t_A", report.reached ? formatNumber(report.duration) : undefined],
      ["first", report.firstModality ?? "none"],
      ["plateau", report.plateau ? describeState(report.plateau) : undefined],
      ["final", describeState(report.final)],
    ]),
  ];
  return `${lines.join("\n")}\n`;
}

const SIMULATE_HELP = `
Times are in units of τ. Defaults: width 8, --init gaussian, --seed 0, --method flow with
rtol ${DEFAULT_FLOW_RTOL} (the trainer's), u0 1e-6; without --max-time/--max-steps the
trainer's budgets apply (flow: t ≤ 1e15 and 1e6 accepted steps; gd: 1e7 steps).
--lr is required with --method gd and rejected with flow; --rtol is for flow only.

THEORY.md names the faster modality A: when that is your B, "swapped" is true, t_A/t_B use
THEORY.md's labels, "firstModality" and every W^tot (final, plateau, --trajectory columns
wA_*, wB_*) use yours.

A threshold not reached, a divergence or a step-size underflow is reported ("reached":
false, "status"; null times in JSON) with exit code 0: the simulation ran and its outcome
is data. Exit codes: 0 ran, 2 bad input, 3 internal error.`;

export function registerSimulate(program: Command, context: CommandContext): void {
  const command = program
    .command("simulate")
    .description("train a deep linear fusion network and measure t_A, t_B (THEORY.md §3)");
  addDataOptions(command);
  addArchitectureOptions(command);
  command
    .option("--width <h>", `hidden width, an integer in [1, ${MAX_WIDTH}] (default 8)`)
    .option("--init <kind>", "initialisation: balanced | gaussian (default gaussian)")
    .option("--seed <s>", "seed of the Gaussian init, an integer in [0, 4294967295] (default 0)")
    .option("--method <m>", "flow (gradient flow, DOPRI5) | gd (gradient descent) (default flow)")
    .option("--lr <n>", "learning rate of --method gd, > 0 (time advances by lr per step)")
    .option(
      "--rtol <n>",
      `local relative tolerance of --method flow, in (0, 1) (default ${DEFAULT_FLOW_RTOL})`,
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
    .option("--json", "print JSON (non-finite numbers as null)")
    .addHelpText("after", SIMULATE_HELP)
    .action((options: SimulateOptionValues) => {
      const stats = statisticsFromOptions(options);
      const settings = simulateSettings(options);
      const file =
        options.trajectory === undefined
          ? undefined
          : openTrajectoryFile(options.trajectory, stats.dA, stats.dB);
      try {
        const report = simulateReport(
          stats,
          settings,
          file ? (samples, order) => file.write(samples, order) : undefined,
        );
        context.io.stdout(options.json ? formatJson(report) : simulateText(report));
      } finally {
        file?.close();
      }
    });
}
