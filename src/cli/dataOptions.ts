import type { Command } from "commander";
import {
  InputError,
  requireFinite,
  requireOpenInterval,
  requirePositive,
} from "../errors/inputError.js";
import { statisticsFromFile } from "../statistics/json.js";
import type { Statistics } from "../statistics/statistics.js";
import { fromToy } from "../statistics/toy.js";
import { optionalNumber, parseNumber } from "./parse.js";

/** The data flags as commander hands them over (strings; undefined when not given). */
export interface DataOptionValues {
  readonly sigmaA?: string;
  readonly sigmaB?: string;
  readonly rho?: string;
  readonly wA?: string;
  readonly wB?: string;
  readonly noise?: string;
  readonly stats?: string;
}

/**
 * Range of σ_A, σ_B. The statistics hold products of up to four σ's (det Σ = σA²σB²(1 − ρ²),
 * Σ⁻¹Σ_yx, ℒ's quadratic forms) and their inverses; within [1e-50, 1e50] every such product
 * stays inside the normal doubles (1e-200 … 1e200) with room for 1 − ρ² ≥ 1e-16. Outside,
 * Σ's determinant underflowed to 0 (issue 12: σ = 1e-160 reached mathjs as "determinant is
 * zero", exit 3). Units are arbitrary, so rescaling the data into this range loses nothing.
 */
export const SIGMA_RANGE = [1e-50, 1e50] as const;

function requireSigma(field: string, value: number): number {
  requirePositive(field, value);
  const [min, max] = SIGMA_RANGE;
  if (!(value >= min && value <= max)) {
    throw new InputError(field, `must be in [${min}, ${max}] (rescale the data), got ${value}`);
  }
  return value;
}

/** The toy flags with the property of DataOptionValues they fill, in help order. */
export const TOY_FLAGS = [
  ["--sigma-a", "sigmaA"],
  ["--sigma-b", "sigmaB"],
  ["--rho", "rho"],
  ["--w-a", "wA"],
  ["--w-b", "wB"],
  ["--noise", "noise"],
] as const;

/** Adds the data flags: the paper's toy family, or a statistics file. */
export function addDataOptions(command: Command): Command {
  return command
    .option("--sigma-a <n>", "toy family: standard deviation of x_A, > 0")
    .option("--sigma-b <n>", "toy family: standard deviation of x_B, > 0")
    .option("--rho <n>", "toy family: correlation of x_A and x_B, in (-1, 1)")
    .option("--w-a <n>", "toy family: teacher weight on x_A (default 1)")
    .option("--w-b <n>", "toy family: teacher weight on x_B (default 1)")
    .option("--noise <n>", "toy family: label noise standard deviation, >= 0 (default 0)")
    .option(
      "--stats <file>",
      'statistics as JSON, instead of the toy flags: {"kind": "toy" | "teacher" | "moments", ...}',
    );
}

/**
 * Statistics from the data flags: `--stats FILE` (see src/statistics/json.ts) or the toy
 * family (σ_A, σ_B, ρ required; w = (1, 1) and no noise by default). Validated: Σ symmetric
 * positive definite, σ_y² consistent. Throws InputError naming the flag and its bound.
 */
export function statisticsFromOptions(values: DataOptionValues): Statistics {
  const toyGiven = TOY_FLAGS.filter(([, key]) => values[key] !== undefined).map(([flag]) => flag);
  if (values.stats !== undefined) {
    if (toyGiven.length > 0) {
      throw new InputError(
        "--stats",
        `cannot be combined with the toy flags (${toyGiven.join(", ")}): give one or the other`,
      );
    }
    return statisticsFromFile(values.stats);
  }
  const required = (flag: string, raw: string | undefined): string => {
    if (raw === undefined)
      throw new InputError(flag, "is required (or give the data as --stats FILE)");
    return raw;
  };
  const sigmaA = requireSigma(
    "--sigma-a",
    parseNumber("--sigma-a", required("--sigma-a", values.sigmaA)),
  );
  const sigmaB = requireSigma(
    "--sigma-b",
    parseNumber("--sigma-b", required("--sigma-b", values.sigmaB)),
  );
  const rho = requireOpenInterval(
    "--rho",
    parseNumber("--rho", required("--rho", values.rho)),
    -1,
    1,
  );
  const wA = requireFinite("--w-a", optionalNumber("--w-a", values.wA, 1));
  const wB = requireFinite("--w-b", optionalNumber("--w-b", values.wB, 1));
  const noiseStd = optionalNumber("--noise", values.noise, 0);
  if (!(noiseStd >= 0)) throw new InputError("--noise", `must be >= 0, got ${noiseStd}`);
  try {
    return fromToy({ sigmaA, sigmaB, rho, wA, wB, noiseStd });
  } catch (error) {
    // The toy family's Σ is built from these flags: name them, not the internal "sigma".
    if (error instanceof InputError && error.field === "sigma") {
      throw new InputError(
        "--sigma-a/--sigma-b",
        error.message.slice(error.field.length + 2).replace(/^must be/, "give a Σ that is"),
      );
    }
    throw error;
  }
}
