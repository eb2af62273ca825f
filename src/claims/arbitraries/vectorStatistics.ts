import fc from "fast-check";
import { normalSource } from "../../random/gaussian.js";
import type { Statistics } from "../../statistics/statistics.js";
import { fromTeacher } from "../../statistics/teacher.js";
import { uniform } from "./uniform.js";

/**
 * The condition number the paper's random family reaches (cond Σ up to 3.2e4 in 400 draws at
 * D = 20, p99 7.3e3; scripts/measure/paperFamilyDomain.ts). The measurement scripts generate
 * up to it; T2.vector and T2.limit cap their generic draws lower (T2_VECTOR_MAX_CONDITION, with
 * the reason) and draw the paper's family itself beside them, uncapped.
 */
export const PAPER_FAMILY_CONDITION = 3e4;

/** Constraints of `vectorStatistics`. */
export interface VectorStatisticsConstraints {
  /** Largest dA and dB (default 8). */
  readonly maxDim?: number;
  /** Largest condition number of Σ (default 10). */
  readonly maxCondition?: number;
}

/** The generated description of a vector-statistics case (kept small so it prints well). */
export interface VectorStatisticsCase {
  readonly dA: number;
  readonly dB: number;
  readonly condition: number;
  readonly seed: number;
}

/**
 * General vector statistics: Σ = Q diag(λ) Qᵀ with Q a Haar-random orthogonal matrix
 * (Gram-Schmidt of a Gaussian matrix) and λ log-uniform in [1, condition], normalised to
 * mean 1; teacher entries uniform in [−1, 1]; no noise. Drawn from `seed` with the project's
 * seeded normal source, so a counterexample prints as four numbers. Shrinks to small
 * dimensions, condition 1 and seed 0.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { vectorStatisticsCase } from "ubias/claims";
 *
 * const draws = fc.sample(vectorStatisticsCase({ maxDim: 3, maxCondition: 5 }), { seed: 1, numRuns: 20 });
 * draws.every((c) => c.dA <= 3 && c.dB <= 3 && c.condition >= 1 && c.condition <= 5); // → true
 * ```
 */
export function vectorStatisticsCase(
  constraints: VectorStatisticsConstraints = {},
): fc.Arbitrary<VectorStatisticsCase> {
  const maxDim = constraints.maxDim ?? 8;
  return fc.record({
    dA: fc.integer({ min: 1, max: maxDim }),
    dB: fc.integer({ min: 1, max: maxDim }),
    condition: uniform(1, constraints.maxCondition ?? 10),
    seed: fc.nat({ max: 0x7fffffff }),
  });
}

/**
 * The statistics of a generated case (Σ with exactly its condition number, teacher from its seed).
 *
 * @example
 * ```ts
 * import { buildVectorStatistics } from "ubias/claims";
 *
 * const stats = buildVectorStatistics({ dA: 2, dB: 3, condition: 4, seed: 7 });
 * [stats.dA, stats.dB, stats.sigma.length]; // → [2, 3, 5]
 * ```
 */
export function buildVectorStatistics(c: VectorStatisticsCase): Statistics {
  const d = c.dA + c.dB;
  const normals = normalSource(c.seed);
  const q = orthogonalMatrix(d, () => normals.next());
  const logs = Array.from({ length: d }, () => normals.uniform() * Math.log(c.condition));
  // Pin the extremes so the condition number is exactly the generated one.
  logs[0] = 0;
  if (d > 1) logs[d - 1] = Math.log(c.condition);
  const lambdas = logs.map(Math.exp);
  const mean = lambdas.reduce((a, b) => a + b, 0) / d;
  const sigma = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => {
      let sum = 0;
      for (let k = 0; k < d; k++) sum += (q[i]![k]! * lambdas[k]! * q[j]![k]!) / mean;
      return sum;
    }),
  );
  const symmetric = sigma.map((row, i) => row.map((v, j) => (i <= j ? v : sigma[j]![i]!)));
  const wStar = Array.from({ length: d }, () => 2 * normals.uniform() - 1);
  const stats = fromTeacher(symmetric, wStar, 0, c.dA);
  return {
    ...stats,
    label: `vector dA=${c.dA} dB=${c.dB} κ=${c.condition.toPrecision(3)} seed=${c.seed}`,
  };
}

/** Gram-Schmidt on the columns of a Gaussian matrix (re-drawn in the null event of dependence). */
function orthogonalMatrix(d: number, normal: () => number): number[][] {
  const columns: number[][] = [];
  while (columns.length < d) {
    const v = Array.from({ length: d }, normal);
    for (const c of columns) {
      const projection = v.reduce((s, x, i) => s + x * c[i]!, 0);
      for (let i = 0; i < d; i++) v[i]! -= projection * c[i]!;
    }
    const n = Math.hypot(...v);
    if (n > 1e-8) columns.push(v.map((x) => x / n));
  }
  return Array.from({ length: d }, (_, i) => columns.map((c) => c[i]!));
}
