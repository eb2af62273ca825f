import { lateFusionWeights } from "../claims/twoLayerCase.js";
import type { InitKind } from "../network/initialisation.js";
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { NextOrderStatus } from "../theory/nextOrderLateFusion.js";
import { balancedWeights, nextOrderLateFusion } from "../theory/nextOrderLateFusion.js";

/**
 * The next-order prediction of two-layer late fusion (issue 10, theory/nextOrderLateFusion)
 * as `predict` and `simulate` report it. Kept out of the command modules so that the
 * commands only gain one field each.
 */

/** `predict`'s next-order block: the balanced rank-one init at the given u0. */
export interface NextOrderBlock {
  readonly ratio: number;
  readonly tA: number;
  readonly tB: number;
  /** "reached", or why a time is missing or out of order ("not-reached", "B-first"). */
  readonly status: NextOrderStatus;
}

/** `simulate`'s next-order block: the prediction for the run's own initial weights. */
export interface NextOrderRunBlock extends NextOrderBlock {
  /** measured / next-order − 1 (NaN, null in JSON, when the run did not reach t_B). */
  readonly relativeError: number;
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
  net: {
    readonly width: number;
    readonly init: InitKind;
    readonly seed: number;
    readonly u0: number;
  },
  measuredRatio: number,
): NextOrderRunBlock {
  const weights = lateFusionWeights(stats, { ...net, depth: 2, fusionLayer: 2 });
  const p = nextOrderLateFusion(stats, weights);
  return {
    ratio: p.ratio,
    tA: p.tA,
    tB: p.tB,
    status: p.status,
    relativeError: measuredRatio / p.ratio - 1,
  };
}
