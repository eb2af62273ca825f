import { InputError, requireInteger } from "../errors/inputError.js";

/**
 * The exact (Clopper-Pearson) confidence interval of a binomial proportion, the tolerance of a
 * statistical claim (src/claims/statisticalClaim.ts, docs/theory.md T12.early).
 *
 * For k events in n trials at confidence c (α = 1 − c) the bounds solve the two tail equations
 *   lower: P(X ≥ k | n, p) = α/2   (0 when k = 0),
 *   upper: P(X ≤ k | n, p) = α/2   (1 when k = n),
 * which are the beta quantiles B⁻¹(α/2; k, n − k + 1) and B⁻¹(1 − α/2; k + 1, n − k) (the
 * regularised incomplete beta at integer parameters is a binomial tail). mathjs has no
 * incomplete beta, and for integer parameters the tail sums are exact and short: each tail is
 * summed directly (never 1 − the other tail, which would lose the small side's relative
 * accuracy) and is monotone in p, so bisection to adjacent doubles finds the root.
 * Checked against SciPy's beta.ppf (fixtures/reference/clopper-pearson.json).
 */

/** Largest number of trials accepted: the tail sums are O(n) per evaluation, ~1100 evaluations. */
export const MAX_TRIALS = 1_000_000;

/** An interval [lower, upper] for a proportion, at the stated confidence. */
export interface ProportionInterval {
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
}

/** ln C(n, i) for i = 0..n, by the product recurrence (no gamma function needed). */
function logBinomials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) out[i] = out[i - 1]! + Math.log((n - i + 1) / i);
  return out;
}

/** Σ_{i = from}^{to} C(n, i) p^i (1 − p)^(n − i), each term in log space (no under/overflow). */
function binomialSum(logC: Float64Array, n: number, p: number, from: number, to: number): number {
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let sum = 0;
  for (let i = from; i <= to; i++) sum += Math.exp(logC[i]! + i * logP + (n - i) * logQ);
  return sum;
}

/**
 * The p in (0, 1) where the monotone `tail(p)` crosses `target`, to adjacent doubles: `rising`
 * says whether the tail grows with p. Bisection halves [lo, hi] until the midpoint is one of
 * its ends; 2000 halvings cover every double in (0, 1) (the smallest positive double is
 * 2^−1074), so the cap is never what stops it.
 */
function bisect(tail: (p: number) => number, target: number, rising: boolean): number {
  let lo = 0;
  let hi = 1;
  for (let iteration = 0; iteration < 2000; iteration++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    const below = rising ? tail(mid) < target : tail(mid) > target;
    if (below) lo = mid;
    else hi = mid;
  }
  return lo + (hi - lo) / 2;
}

/**
 * Clopper-Pearson interval for `successes` events in `trials` Bernoulli trials at `confidence`
 * (two-sided, α/2 in each tail): its coverage is at least `confidence` for every true p.
 *
 * @example
 * ```ts
 * import { clopperPearson } from "ubias/claims";
 *
 * const none = clopperPearson(0, 10, 0.95);
 * none.lower; // → 0
 * // Upper end: 1 − 0.025^(1/10), the p at which 10 misses in 10 have probability 2.5 %.
 * none.upper; // ≈ 0.308
 * const half = clopperPearson(5, 10, 0.95);
 * half.lower; // ≈ 0.187
 * half.upper; // ≈ 0.813
 * ```
 */
export function clopperPearson(
  successes: number,
  trials: number,
  confidence: number,
): ProportionInterval {
  const n = requireInteger("trials", trials, 1, MAX_TRIALS);
  const k = requireInteger("successes", successes, 0, n);
  if (!(confidence > 0 && confidence < 1)) {
    throw new InputError("confidence", `must be in (0, 1), got ${confidence}`);
  }
  const halfAlpha = (1 - confidence) / 2;
  const logC = logBinomials(n);
  // P(X ≥ k) rises with p; P(X ≤ k) falls with p.
  const lower = k === 0 ? 0 : bisect((p) => binomialSum(logC, n, p, k, n), halfAlpha, true);
  const upper = k === n ? 1 : bisect((p) => binomialSum(logC, n, p, 0, k), halfAlpha, false);
  return { lower, upper, confidence };
}
