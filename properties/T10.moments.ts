/**
 * T10.moments — finite data sets are drawn from the population they stand for (docs/theory.md §2,
 * T10): the sample moments of P i.i.d. draws converge to (Σ, Σ_yx, σ_y²) like O(1/√P). T10's
 * other claims compare a run with solutions computed from the *same* samples, so a sampler
 * that draws the wrong distribution (a transposed Cholesky factor: covariance LᵀL ≠ Σ) goes
 * unseen there; here every second moment of z = (x, y) is compared with the population.
 *
 * Tolerance (derived): z is Gaussian with covariance C = [[Σ, Σ_yxᵀ], [Σ_yx, σ_y²]] (the
 * teacher's label noise included), so each sample moment Ĉ_ij has mean C_ij and variance
 * (C_ii C_jj + C_ij²)/P (Isserlis). Its z-score must be ≤ Z_BOUND = 6 for every entry (false
 * alarm ≈ 2e-9 each, ≤ 45 entries; at P = 4000 the normal approximation of a χ²-like sum is
 * accurate to far better than that margin). Correlated generated statistics (|ρ| ≥ 0.3 in the
 * toy family, random vector statistics) make LᵀL and LLᵀ differ by O(ρ) ≫ 6/√P ≈ 0.1.
 */
import fc from "fast-check";
import { toyParameters } from "../src/claims/arbitraries/index.js";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../src/claims/arbitraries/vectorStatistics.js";
import { defineClaim } from "../src/claims/claim.js";
import { measured } from "../src/claims/verdict.js";
import { sampledMoments } from "../src/data/moments.js";
import type { Statistics } from "../src/statistics/statistics.js";
import { fromToy } from "../src/statistics/toy.js";

/** Samples per case: 6 standard errors ≈ 0.1 relative, cost ~1 ms per case at D ≤ 16. */
const SAMPLES = 4000;
/** |z| bound per moment (derived, see the module comment). */
export const Z_BOUND = 6;

/** Joint covariance of (x, y). */
function jointCovariance(stats: Statistics): number[][] {
  const d = stats.sigma.length;
  return Array.from({ length: d + 1 }, (_, i) =>
    Array.from({ length: d + 1 }, (_, j) => {
      if (i < d && j < d) return stats.sigma[i]![j]!;
      if (i === d && j === d) return stats.sigmaY2;
      return stats.sigmaYX[i < d ? i : j]!;
    }),
  );
}

export const T10Moments = defineClaim({
  id: "T10.moments",
  statement:
    "Finite data: the sample moments (Σ̂, Σ̂_yx, σ̂_y²) of P draws from the population are within 6 standard errors of (Σ, Σ_yx, σ_y²), every entry",
  domain:
    "toy family with |ρ| ∈ [0.3, 0.9] (teacher (1,1) or random) and vector statistics (dA, dB ≤ 8), P = 4000, seeds 0-2³¹",
  tolerance: "|Ĉ_ij − C_ij|/√((C_ii C_jj + C_ij²)/P) ≤ 6 (Gaussian fourth moments; derived)",
  arbitrary: fc.record({
    stats: fc.oneof(
      fc
        .tuple(
          toyParameters(),
          toyParameters({ teacher: "random" }),
          fc.boolean(),
          fc.constantFrom(-1, 1),
        )
        .map(([paper, random, pick, sign]) => {
          const toy = pick ? paper : random;
          // |ρ| ≥ 0.3: the factor must be far from diagonal for the sampler's shape to show.
          const rho = sign * Math.max(0.3, Math.abs(toy.rho));
          return fromToy({ ...toy, rho });
        }),
      vectorStatisticsCase().map(buildVectorStatistics),
    ),
    seed: fc.nat({ max: 0x7fffffff }),
  }),
  defaultRuns: 30,
  check: ({ stats, seed }) => {
    const moments = sampledMoments(stats, { samples: SAMPLES, seed });
    const population = jointCovariance(stats);
    const sample = jointCovariance(moments);
    let worst = 0;
    let worstEntry: [number, number] = [0, 0];
    for (let i = 0; i < population.length; i++) {
      for (let j = i; j < population.length; j++) {
        const c = population[i]!;
        const sd = Math.sqrt((c[i]! * population[j]![j]! + c[j]! ** 2) / SAMPLES);
        const z = Math.abs(sample[i]![j]! - c[j]!) / sd;
        if (!(z <= worst)) {
          worst = Number.isNaN(z) ? Number.POSITIVE_INFINITY : z;
          worstEntry = [i, j];
        }
      }
    }
    return measured({
      error: worst,
      tolerance: Z_BOUND,
      details: { stats: stats.label, samples: SAMPLES, seed, worstEntry },
    });
  },
});
