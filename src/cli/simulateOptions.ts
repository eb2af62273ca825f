import { InputError, requireOpenInterval, requirePositive } from "../errors/inputError.js";
import type { ExperimentData, ExperimentInput } from "../experiment/types.js";
import type { ReluModelChoice } from "../measurement/reluSimulation.js";
import { RELU_MODEL_CHOICES } from "../measurement/reluSimulation.js";
import type { TrainingMethod } from "../measurement/simulation.js";
import { MAX_WIDTH } from "../network/architecture.js";
import type { InitKind } from "../network/initialisation.js";
import { MIN_FLOW_RTOL } from "../training/gradientFlow.js";
import type { ProgressCallback } from "../training/run.js";
import type { ArchitectureChoice, ArchitectureOptionValues } from "./architectureOptions.js";
import { architectureFromOptions } from "./architectureOptions.js";
import type { DataOptionValues } from "./dataOptions.js";
import { optionalInteger, parseChoice, parseInteger, parseNumber } from "./parse.js";
import type { Activation, FiniteDataOptionValues } from "./simulateData.js";

/** `ubias simulate`'s options, validated into the settings of an experiment (src/experiment). */

/** Defaults of `ubias simulate` (the prototype's setting in docs/theory.md §6: width 8, Gaussian init, flow). */
export const SIMULATE_DEFAULTS = { width: 8, init: "gaussian", seed: 0, method: "flow" } as const;
/** Largest seed of the Gaussian init (pure-rand state from a 32-bit seed). */
const MAX_SEED = 0xffffffff;
/** Most runs of one `--repeats` invocation. */
export const MAX_REPEATS = 100_000;

export interface SimulateOptionValues
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
  readonly reluModel?: string;
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
  /** --relu-model, when given (ReLU runs only: checked against the activation by experimentInput). */
  readonly reluModel?: ReluModelChoice;
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
  const width = optionalInteger("--width", options.width, 1, MAX_WIDTH, SIMULATE_DEFAULTS.width);
  const init = parseChoice<InitKind>("--init", options.init ?? SIMULATE_DEFAULTS.init, [
    "balanced",
    "gaussian",
  ]);
  const seed = optionalInteger("--seed", options.seed, 0, MAX_SEED, SIMULATE_DEFAULTS.seed);
  const method = methodFromOptions(options);
  const maxTime =
    options.maxTime === undefined
      ? undefined
      : requirePositive("--max-time", parseNumber("--max-time", options.maxTime));
  const maxSteps = optionalInteger(
    "--max-steps",
    options.maxSteps,
    1,
    Number.MAX_SAFE_INTEGER,
    undefined,
  );
  const repeats =
    options.repeats === undefined ? 1 : parseInteger("--repeats", options.repeats, 1, MAX_REPEATS);
  if (repeats > 1) checkRepeats(options, init, seed, repeats);
  const reluModel =
    options.reluModel === undefined
      ? undefined
      : parseChoice<ReluModelChoice>("--relu-model", options.reluModel, [...RELU_MODEL_CHOICES]);
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
    ...(reluModel !== undefined ? { reluModel } : {}),
  };
}

/** --method, --lr and --rtol: gradient descent needs a learning rate, flow takes a tolerance. */
function methodFromOptions(options: SimulateOptionValues): TrainingMethod {
  const kind = parseChoice("--method", options.method ?? SIMULATE_DEFAULTS.method, [
    "flow",
    "gd",
  ] as const);
  if (kind === "gd") {
    if (options.lr === undefined) throw new InputError("--lr", "is required with --method gd");
    if (options.rtol !== undefined) throw new InputError("--rtol", "applies to --method flow only");
    return { kind: "gd", learningRate: requirePositive("--lr", parseNumber("--lr", options.lr)) };
  } else {
    if (options.lr !== undefined)
      throw new InputError(
        "--lr",
        "applies to --method gd only (gradient flow has no learning rate)",
      );
    return options.rtol === undefined
      ? { kind: "flow" }
      : {
          kind: "flow",
          rtol: flowRtol(parseNumber("--rtol", options.rtol)),
        };
  }
}

/** --repeats N > 1: Gaussian inits of N seeds that fit in 32 bits, and no --trajectory. */
function checkRepeats(
  options: SimulateOptionValues,
  init: InitKind,
  seed: number,
  repeats: number,
): void {
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

/** The experiment of a validated invocation on the given data. */
export function experimentInput(
  settings: SimulateSettings,
  activation: Activation,
  data: ExperimentData,
  onProgress?: ProgressCallback,
): ExperimentInput {
  if (settings.reluModel !== undefined && activation !== "relu") {
    throw new InputError(
      "--relu-model",
      "chooses the path of a ReLU network: needs --activation relu",
    );
  }
  return {
    data,
    model: {
      depth: settings.depth,
      fusionLayer: settings.fusionLayer,
      width: settings.width,
      activation,
      ...(settings.reluModel !== undefined ? { reluModel: settings.reluModel } : {}),
    },
    init: { kind: settings.init, u0: settings.u0, seed: settings.seed },
    method: settings.method,
    budgets: {
      ...(settings.maxTime !== undefined ? { maxTime: settings.maxTime } : {}),
      ...(settings.maxSteps !== undefined ? { maxSteps: settings.maxSteps } : {}),
      untilConverged: settings.untilConverged,
    },
    orientation: "faster-first",
    ...(onProgress ? { onProgress } : {}),
  };
}
