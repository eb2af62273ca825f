import type { Command } from "commander";
import { requireInteger, requireOpenInterval } from "../errors/inputError.js";
import { MAX_DEPTH } from "../network/architecture.js";
import { formatNumber } from "../report/numbers.js";
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
  return { depth, fusionLayer, u0 };
}
