/**
 * X1 — conjecture: T5 holds for general vector statistics with the norms of docs/theory.md §4
 * (s_A = ‖Σ_yxA‖, k = s_B/s_A, e = ‖e_B‖, g = ‖W_A^uni‖). Same tolerance as T5 (the
 * conjecture is that nothing beyond norms matters); refuted if a generated case exceeds it.
 */
import fc from "fast-check";
import { initScale } from "../src/claims/arbitraries/index.js";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../src/claims/arbitraries/vectorStatistics.js";
import { defineClaim } from "../src/claims/claim.js";
import {
  checkIntermediate,
  intermediateArchitecture,
} from "../src/claims/intermediateFusionCase.js";
import { outOfDomain } from "../src/claims/verdict.js";
import { derive, orient } from "../src/statistics/derived.js";

export const X1 = defineClaim({
  id: "X1",
  statement: "Conjecture: T5 with vector statistics, using norms (balanced init)",
  domain:
    "vector statistics dA, dB ∈ [1, 4], cond(Σ) ≤ 10, teacher uniform in [−1, 1]; L ∈ [3, 5], 1 < Lf < L, u0 ∈ [1e-3, 0.1]; Σ_yxB·e_B > 0; balanced init",
  tolerance: "as T5 (t5Tolerance): Lf > 2: 2% / 5% / 1.2·u0; Lf = 2: 0.8·√u0",
  arbitrary: fc.record({
    vector: vectorStatisticsCase({ maxDim: 4 }),
    arch: intermediateArchitecture(5),
    u0: initScale({ min: 1e-3, max: 0.1 }),
  }),
  defaultRuns: 40,
  check: ({ vector, arch, u0 }) => {
    const stats = orient(buildVectorStatistics(vector)).stats;
    if (!(derive(stats).cosSigmaBeB > 0)) return outOfDomain("signs-apart", { stats: stats.label });
    return checkIntermediate(stats, arch, u0);
  },
});
