import type { Command } from "commander";
import { readSampleSetCsv } from "../data/csvFile.js";
import { MAX_STORED_ENTRIES } from "../data/sampleFromStatistics.js";
import type { SampleSet } from "../data/sampleSet.js";
import { InputError, requirePositive } from "../errors/inputError.js";
import { required } from "../errors/internalError.js";
import type { Activation, ExperimentData } from "../experiment/types.js";
import type { Statistics } from "../statistics/statistics.js";
import type { DataOptionValues } from "./dataOptions.js";
import { TOY_FLAGS } from "./dataOptions.js";
import { optionalInteger, parseChoice, parseNumber } from "./parse.js";

/**
 * Which data `ubias simulate` trains on and with which activation (docs/theory.md T10-T12): the
 * population statistics (the default), P samples drawn from them, T12's XOR data set, or a
 * user's CSV. Only option parsing and the rules between options live here.
 */

export type { Activation };

/**
 * P of `--data xor` without `--samples`: T12's configuration (properties/T12.ts, T12_CONFIG:
 * every XOR point 64 times).
 */
export const DEFAULT_XOR_SAMPLES = 256;
/**
 * Training defaults of `--data xor` for the flags not given: T12's configuration
 * (properties/T12.ts, T12_CONFIG): width 16, u0 = 1e-3, gradient descent at η = 0.05/max(1, v)
 * (below its stability limit over v ∈ [0.25, 4], measured there). The general defaults
 * (width 8, u0 = 1e-6, gradient flow at rtol 1e-10) did not finish in 15 minutes on this data
 * (issue 12: the ReLU kinks make DOPRI5 reject about 4 steps per accepted one); these take 0.3 s.
 */
export const XOR_DEFAULTS = { width: "16", u0: "1e-3", learningRateScale: 0.05 } as const;

/** The option values with XOR's defaults filled in where the user gave none. */
export function withXorDefaults<
  T extends {
    readonly data?: string;
    readonly varLin?: string;
    readonly width?: string;
    readonly u0?: string;
    readonly method?: string;
    readonly lr?: string;
    readonly rtol?: string;
  },
>(values: T): T {
  // Without a valid --var-lin the data validation below reports it, not a missing --lr.
  if (values.data !== "xor" || values.varLin === undefined) return values;
  const v = parseNumber("--var-lin", values.varLin);
  if (!(v > 0)) return values;
  const method = values.method ?? (values.rtol !== undefined ? "flow" : "gd");
  let lr = values.lr;
  if (method === "gd" && lr === undefined) {
    lr = String(XOR_DEFAULTS.learningRateScale / Math.max(1, v));
  }
  return {
    ...values,
    width: values.width ?? XOR_DEFAULTS.width,
    u0: values.u0 ?? XOR_DEFAULTS.u0,
    method,
    ...(lr !== undefined ? { lr } : {}),
  };
}

/** Largest seed of the sample draws (a 32-bit seed, as --seed). */
const MAX_DATA_SEED = 0xffffffff;

/** The finite-data flags as commander hands them over. */
export interface FiniteDataOptionValues {
  readonly samples?: string;
  readonly dataSeed?: string;
  readonly activation?: string;
  readonly data?: string;
  readonly varLin?: string;
  readonly csv?: string;
  readonly target?: string;
  readonly modalityA?: string;
  readonly modalityB?: string;
}

/** Where the training data come from. */
export type DataSource =
  /** The population statistics themselves (linear: moments; relu: the L = 2 closed form). */
  | { readonly kind: "population" }
  /** P samples of the statistics (teacher + σ_ε, or the conditional Gaussian). */
  | { readonly kind: "sampled"; readonly samples: number; readonly dataSeed: number }
  /** T12: x_A uniform on {±1}², x_B ~ N(0, v), y = −x_A1·x_A2 + x_B. */
  | {
      readonly kind: "xor";
      readonly variance: number;
      readonly samples: number;
      readonly dataSeed: number;
    }
  /** A user's CSV file and the roles of its columns. */
  | {
      readonly kind: "csv";
      readonly path: string;
      readonly target: string;
      readonly modalityA: readonly string[];
      readonly modalityB?: readonly string[];
    };

/** A validated data choice. */
export interface DataChoice {
  readonly activation: Activation;
  readonly source: DataSource;
}

/** The statistics flags (toy family, --stats) that a CSV or XOR data set replaces. */
const STATISTICS_FLAGS = [...TOY_FLAGS, ["--stats", "stats"]] as const;

export function addFiniteDataOptions(command: Command): Command {
  return command
    .option(
      "--samples <P>",
      "train on P samples instead of the population: drawn from the statistics (seed --data-seed), or the size of --data xor; an integer >= 2",
    )
    .option(
      "--data-seed <s>",
      "seed of the sample draws, an integer in [0, 4294967295] (default: --seed)",
    )
    .option(
      "--activation <a>",
      "linear | relu (default linear; relu with --data xor). relu without --samples: the two-layer Gaussian population closed form",
    )
    .option("--data <name>", "a built-in data set instead of statistics: xor (docs/theory.md T12)")
    .option("--var-lin <v>", "--data xor: variance of the linear modality x_B, > 0")
    .option(
      "--csv <file>",
      "train on your data: a CSV with a header row (needs --target, --modality-a)",
    )
    .option("--target <col>", "--csv: the target column y")
    .option("--modality-a <cols>", "--csv: comma-separated columns of modality A")
    .option(
      "--modality-b <cols>",
      "--csv: comma-separated columns of modality B (default: every other column)",
    );
}

/** "x1, x2" → ["x1", "x2"]; an empty name is an InputError naming the flag. */
export function parseColumnList(flag: string, raw: string): string[] {
  const names = raw.split(",").map((name) => name.trim());
  if (names.some((name) => name === "")) {
    throw new InputError(flag, `an empty column name in ${JSON.stringify(raw)}`);
  }
  return names;
}

/**
 * The data choice of a `simulate` invocation. `runSeed` is the default of --data-seed; `depth`
 * decides whether relu without samples has its closed form (two layers only).
 */
export function dataChoiceFromOptions(
  values: FiniteDataOptionValues & DataOptionValues,
  runSeed: number,
  depth: number,
): DataChoice {
  const statisticsGiven = STATISTICS_FLAGS.filter(([, key]) => values[key] !== undefined).map(
    ([flag]) => flag,
  );
  const dataSeed = optionalInteger("--data-seed", values.dataSeed, 0, MAX_DATA_SEED, runSeed);
  const samples = optionalInteger("--samples", values.samples, 2, MAX_STORED_ENTRIES, undefined);
  const explicit =
    values.activation === undefined
      ? undefined
      : parseChoice<Activation>("--activation", values.activation, ["linear", "relu"]);
  if (values.varLin !== undefined && values.data === undefined) {
    throw new InputError("--var-lin", "needs --data xor");
  }
  const csvOnly = [
    ["--target", values.target],
    ["--modality-a", values.modalityA],
    ["--modality-b", values.modalityB],
  ].filter(([, v]) => v !== undefined);
  if (values.csv === undefined && csvOnly.length > 0) {
    throw new InputError(csvOnly[0]![0]!, "needs --csv FILE");
  }
  const common = { statisticsGiven, samples, explicit, dataSeed };
  if (values.csv !== undefined) return csvChoice(values, values.csv, common);
  if (values.data !== undefined) return xorChoice(values, values.data, common);
  if (values.dataSeed !== undefined && samples === undefined) {
    throw new InputError("--data-seed", "needs --samples (or --data xor)");
  }
  const activation = explicit ?? "linear";
  if (samples === undefined) {
    if (activation === "relu" && depth !== 2) {
      throw new InputError(
        "--activation",
        `relu on the population has a closed form for --depth 2 only (got ${depth}): give --samples P`,
      );
    }
    return { activation, source: { kind: "population" } };
  }
  return { activation, source: { kind: "sampled", samples, dataSeed } };
}

/** The flags every data source reads, parsed once. */
interface CommonChoice {
  /** The statistics flags given (a CSV or XOR data set replaces them). */
  readonly statisticsGiven: readonly string[];
  readonly samples: number | undefined;
  /** --activation when given. */
  readonly explicit: Activation | undefined;
  readonly dataSeed: number;
}

/** --csv FILE: the file is the data (no statistics flags, --samples or --data-seed). */
function csvChoice(values: FiniteDataOptionValues, csv: string, common: CommonChoice): DataChoice {
  const { statisticsGiven, samples, explicit } = common;
  if (values.data !== undefined) throw new InputError("--csv", "cannot be combined with --data");
  if (statisticsGiven.length > 0) {
    throw new InputError(
      "--csv",
      `the file is the data: not with the statistics flags (${statisticsGiven.join(", ")})`,
    );
  }
  if (samples !== undefined) {
    throw new InputError("--samples", "not with --csv (P is the file's number of data rows)");
  }
  if (values.dataSeed !== undefined) {
    throw new InputError("--data-seed", "not with --csv (nothing is drawn)");
  }
  if (values.target === undefined) throw new InputError("--target", "is required with --csv");
  if (values.modalityA === undefined) {
    throw new InputError("--modality-a", "is required with --csv");
  }
  return {
    activation: explicit ?? "linear",
    source: {
      kind: "csv",
      path: csv,
      target: values.target.trim(),
      modalityA: parseColumnList("--modality-a", values.modalityA),
      ...(values.modalityB !== undefined
        ? { modalityB: parseColumnList("--modality-b", values.modalityB) }
        : {}),
    },
  };
}

/** --data xor: T12's data set of P = --samples (default 256, a multiple of 4) points. */
function xorChoice(values: FiniteDataOptionValues, data: string, common: CommonChoice): DataChoice {
  const { statisticsGiven, samples, explicit, dataSeed } = common;
  parseChoice("--data", data, ["xor"] as const);
  if (statisticsGiven.length > 0) {
    throw new InputError(
      "--data",
      `xor is the data: not with the statistics flags (${statisticsGiven.join(", ")})`,
    );
  }
  if (values.varLin === undefined) throw new InputError("--var-lin", "is required with --data xor");
  const variance = requirePositive("--var-lin", parseNumber("--var-lin", values.varLin));
  const p = samples ?? DEFAULT_XOR_SAMPLES;
  if (p % 4 !== 0) {
    throw new InputError(
      "--samples",
      `must be a multiple of 4 with --data xor (every XOR point P/4 times), got ${p}`,
    );
  }
  // T12 is about ReLU networks: relu unless the user asks for the linear network.
  return {
    activation: explicit ?? "relu",
    source: { kind: "xor", variance, samples: p, dataSeed },
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

/**
 * The experiment's data for a data choice: the statistics (required for the population and
 * sampled sources), T12's XOR parameters, or the CSV file read into a sample set.
 */
export function experimentData(source: DataSource, stats: Statistics | undefined): ExperimentData {
  switch (source.kind) {
    case "population":
      return { kind: "population", stats: required(stats, "statistics of a population run") };
    case "sampled":
      return {
        kind: "sampled",
        stats: required(stats, "statistics to sample from"),
        samples: source.samples,
        dataSeed: source.dataSeed,
      };
    case "xor":
      return source;
    case "csv":
      return { kind: "csv", set: readCsv(source) };
  }
}
