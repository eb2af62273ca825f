import fc from "fast-check";
import { normalSource } from "../../random/gaussian.js";
import type { VectorTargetStatistics } from "../../statistics/vectorTarget.js";
import { fromVectorTeacher } from "../../statistics/vectorTarget.js";
import { uniform } from "./uniform.js";
import { buildVectorStatistics } from "./vectorStatistics.js";

/** Constraints of `vectorTargetCase` (X5). */
export interface VectorTargetConstraints {
  /** Target dimensions k (default [2, 3]). */
  readonly outputs?: readonly [number, number];
  /** Largest dA and dB (default 3); 1 gives scalar modalities (rank-one Σ_yxm). */
  readonly maxDim?: number;
  /** Largest condition number of Σ (default 4). */
  readonly maxCondition?: number;
}

/** The generated description of a vector-target case (prints as five numbers). */
export interface VectorTargetCase {
  readonly outputs: number;
  readonly dA: number;
  readonly dB: number;
  readonly condition: number;
  readonly seed: number;
}

/**
 * Vector-target statistics: Σ as in `vectorStatisticsCase` (Haar rotation, log-uniform
 * spectrum with the given condition number, mean eigenvalue 1), teacher W* (k×D) with
 * entries uniform in [−1, 1] drawn from the seed, no noise. Shrinks to k = min, small
 * dimensions, condition 1, seed 0.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { vectorTargetCase } from "ubias/claims";
 *
 * fc.sample(vectorTargetCase({ outputs: [2, 2] }), { seed: 1, numRuns: 20 }).every((c) => c.outputs === 2); // → true
 * ```
 */
export function vectorTargetCase(
  constraints: VectorTargetConstraints = {},
): fc.Arbitrary<VectorTargetCase> {
  const [kMin, kMax] = constraints.outputs ?? [2, 3];
  const maxDim = constraints.maxDim ?? 3;
  return fc.record({
    outputs: fc.integer({ min: kMin, max: kMax }),
    dA: fc.integer({ min: 1, max: maxDim }),
    dB: fc.integer({ min: 1, max: maxDim }),
    condition: uniform(1, constraints.maxCondition ?? 4),
    seed: fc.nat({ max: 0x7fffffff }),
  });
}

/**
 * The vector-target statistics of a generated case (Σ as `buildVectorStatistics` draws it).
 *
 * @example
 * ```ts
 * import { buildVectorTargetStatistics } from "ubias/claims";
 *
 * const stats = buildVectorTargetStatistics({ outputs: 2, dA: 1, dB: 2, condition: 2, seed: 3 });
 * [stats.outputs, stats.sigmaYX.length, stats.sigmaYX[0]?.length]; // → [2, 2, 3]
 * ```
 */
export function buildVectorTargetStatistics(c: VectorTargetCase): VectorTargetStatistics {
  const { sigma } = buildVectorStatistics({
    dA: c.dA,
    dB: c.dB,
    condition: c.condition,
    seed: c.seed,
  });
  // A separate stream for the teacher, so that Σ is the one `vectorStatisticsCase` draws.
  const normals = normalSource(c.seed ^ 0x5f3759df);
  const d = c.dA + c.dB;
  const wStar = Array.from({ length: c.outputs }, () =>
    Array.from({ length: d }, () => 2 * normals.uniform() - 1),
  );
  return fromVectorTeacher(
    sigma,
    wStar,
    0,
    c.dA,
    `vector target k=${c.outputs} dA=${c.dA} dB=${c.dB} κ=${c.condition.toPrecision(3)} seed=${c.seed}`,
  );
}
