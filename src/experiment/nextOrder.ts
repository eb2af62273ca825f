import { required } from "../errors/internalError.js";
import { fusionArchitecture } from "../network/architecture.js";
import type { InitKind } from "../network/initialisation.js";
import { initialise } from "../network/initialisation.js";
import { parameterLayout } from "../network/layout.js";
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type {
  BranchWeights,
  LateFusionWeights,
  NextOrderStatus,
} from "../theory/nextOrderLateFusion.js";
import { balancedWeights, nextOrderLateFusion } from "../theory/nextOrderLateFusion.js";

/**
 * The next-order prediction of two-layer late fusion (issue 10, theory/nextOrderLateFusion)
 * for an experiment: for the balanced rank-one init (`predict`) or for a run's own initial
 * weights (`simulate`).
 */

/** The balanced-init next-order prediction: ratio, times and status. */
export interface NextOrderBlock {
  readonly ratio: number;
  readonly tA: number;
  readonly tB: number;
  /** "reached", or why a time is missing or out of order ("not-reached", "B-first"). */
  readonly status: NextOrderStatus;
}

/** The next-order prediction for a run's own initial weights. */
export interface NextOrderRunBlock extends NextOrderBlock {
  /** measured / next-order − 1 (NaN, null in JSON, when the run did not reach t_B). */
  readonly relativeError: number;
}

/** The init of a two-layer late-fusion network (the other fields of a case are ignored). */
export interface LateFusionInit {
  readonly width: number;
  readonly init: InitKind;
  readonly seed: number;
  readonly u0: number;
}

/**
 * The initial weights of a two-layer late-fusion network (L = Lf = 2) as the theory layer's
 * plain arrays: each branch's fusion row and first layer, exactly as the simulation starts
 * (same init kind, u0 and seed), for the next-order prediction (theory/nextOrderLateFusion).
 */
export function lateFusionWeights(stats: Statistics, net: LateFusionInit): LateFusionWeights {
  const layout = parameterLayout(
    fusionArchitecture({ depth: 2, fusionLayer: 2, width: net.width, dA: stats.dA, dB: stats.dB }),
  );
  const theta = initialise(layout, stats, { kind: net.init, u0: net.u0, seed: net.seed });
  const branch = (m: "A" | "B"): BranchWeights => {
    // A two-layer late-fusion chain is [first layer, fusion row] (network/layout.ts).
    const first = required(layout.chains[m][0], "the first layer of a two-layer chain");
    const fusion = required(layout.chains[m][1], "the fusion row of a two-layer chain");
    return {
      fusion: Array.from(theta.subarray(fusion.offset, fusion.offset + fusion.cols)),
      first: Array.from({ length: first.rows }, (_, i) =>
        Array.from(
          theta.subarray(first.offset + i * first.cols, first.offset + (i + 1) * first.cols),
        ),
      ),
    };
  };
  return { A: branch("A"), B: branch("B") };
}

/**
 * The prediction exists for L = Lf = 2 only: it integrates the two-layer branch equations
 * (its derivation holds for one hidden layer per modality and nothing after the fusion).
 * Where W_B^full = 0, t_B is undefined (the simulation has no B threshold, T2 says
 * "no-B-solution"; nextOrderLateFusion answers "not-reached"): the report leaves it out.
 */
export function hasNextOrder(
  arch: { readonly depth: number; readonly fusionLayer: number },
  stats: Statistics,
): boolean {
  if (arch.depth !== 2 || arch.fusionLayer !== 2) return false;
  return derive(stats)
    .wFull.slice(stats.dA)
    .some((w) => w !== 0);
}

/** The balanced-init next-order prediction on oriented statistics (A = faster). */
export function balancedNextOrder(stats: Statistics, u0: number): NextOrderBlock {
  const p = nextOrderLateFusion(stats, balancedWeights(stats, u0));
  return { ratio: p.ratio, tA: p.tA, tB: p.tB, status: p.status };
}

/**
 * The next-order prediction of one simulated run. `stats` must be the oriented statistics
 * the run was trained on: the init is drawn per block of the oriented layout, so only these
 * statistics give back the run's own initial weights.
 */
export function runNextOrder(
  stats: Statistics,
  net: LateFusionInit,
  measuredRatio: number,
): NextOrderRunBlock {
  const p = nextOrderLateFusion(stats, lateFusionWeights(stats, net));
  return {
    ratio: p.ratio,
    tA: p.tA,
    tB: p.tB,
    status: p.status,
    relativeError: measuredRatio / p.ratio - 1,
  };
}
