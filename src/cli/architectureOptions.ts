import type { Command } from "commander";
import { InputError, requireInteger, requireOpenInterval } from "../errors/inputError.js";
import { smallInitCaution } from "../experiment/notes.js";
import { formatNumber } from "../format/numbers.js";
import { MAX_DEPTH } from "../network/architecture.js";
import { optionalNumber } from "./parse.js";

/** Default init scale u0 of `predict` and `simulate`: small enough for the leading-order theory. */
export const DEFAULT_U0 = 1e-6;
/** Default depth: the paper's two-layer network. */
export const DEFAULT_DEPTH = 2;

export interface ArchitectureOptionValues {
  readonly depth?: string;
  readonly fusion?: string;
  readonly u0?: string;
}

/** Depth, fusion layer and init scale, validated. */
export interface ArchitectureChoice {
  readonly depth: number;
  readonly fusionLayer: number;
  readonly u0: number;
}

export function addArchitectureOptions(command: Command): Command {
  return command
    .option(
      "--depth <L>",
      `number of layers L, an integer in [1, ${MAX_DEPTH}] (default ${DEFAULT_DEPTH})`,
    )
    .option("--fusion <Lf>", "fusion layer Lf in [1, L]: 1 = early, L = late fusion (default L)")
    .option("--u0 <n>", `initialisation scale u0, in (0, 1) (default ${formatNumber(DEFAULT_U0)})`);
}

export function architectureFromOptions(values: ArchitectureOptionValues): ArchitectureChoice {
  const depth = requireInteger(
    "--depth",
    optionalNumber("--depth", values.depth, DEFAULT_DEPTH),
    1,
    MAX_DEPTH,
  );
  const fusionLayer = requireInteger(
    "--fusion",
    optionalNumber("--fusion", values.fusion, depth),
    1,
    depth,
  );
  const u0 = requireOpenInterval("--u0", optionalNumber("--u0", values.u0, DEFAULT_U0), 0, 1);
  const min = minimumU0(depth);
  if (u0 < min) {
    throw new InputError(
      "--u0",
      `must be >= ${formatNumber(min)} at --depth ${depth}: the plateau lasts ~u0^(2−L)/(L − 2) τ, beyond double precision below (got ${formatNumber(u0)})`,
    );
  }
  return { depth, fusionLayer, u0 };
}

/**
 * Smallest u0 whose times are doubles: at depth L ≥ 3 the plateau lasts ~u0^(2−L)/(L − 2)
 * (docs/theory.md T4/T9.deep), which overflows 1e300 below 10^(−300/(L − 2)) (issue 12: u0 = 1e-300
 * at L = 4 printed t_A = ∞ and ratio 1); two-layer times grow like ln(1/u0), finite for any u0.
 */
export function minimumU0(depth: number): number {
  return depth >= 3 ? 10 ** (-300 / (depth - 2)) : Number.MIN_VALUE;
}

/** A caution when u0 is beyond the small-init regime (undefined inside it). */
export function smallInitNote(depth: number, u0: number): string | undefined {
  const note = smallInitCaution(depth, u0);
  return note === undefined ? undefined : smallInitMessage(depth, u0, note.bound);
}

/** The wording of the outside-small-init note (src/experiment/notes.ts). */
export function smallInitMessage(depth: number, u0: number, bound: number): string {
  return `u0 = ${formatNumber(u0)} is outside the small-init regime of the theory (the claims are checked for u0 <= ${formatNumber(bound)} at depth ${depth}): the closed-form times do not apply`;
}
