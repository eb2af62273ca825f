import { requireInteger } from "../errors/inputError.js";
import { inverse } from "../linalg/inverse.js";
import { normalSource } from "../random/gaussian.js";
import type { Statistics } from "./statistics.js";
import { fromTeacher } from "./teacher.js";

/** Constraints of the paper's random family ("rand_sweep", docs/theory.md §1). */
export interface RandomFamilyConstraints {
  /** Total input dimension D ≥ 2 (default 10, as in the paper). */
  readonly dimension?: number;
  /** Dimension of modality A, 1 ≤ dA < D (default ⌊D/2⌋: the first half is A). */
  readonly dA?: number;
}

/**
 * One draw of the paper's random family: Σ ~ inverse-Wishart(df = D + 2, Ψ) with Ψ the
 * identity except a factor 2 on modality A's block, teacher entries uniform in [−1, 1],
 * no label noise. Sampled as Σ = (Σ_{i ≤ df} z_i z_iᵀ)⁻¹ with z_i ~ N(0, Ψ⁻¹), which is
 * the definition of the inverse-Wishart for integer df. Deterministic in `seed`.
 */
export function randomFamily(seed: number, constraints: RandomFamilyConstraints = {}): Statistics {
  const d = requireInteger("dimension", constraints.dimension ?? 10, 2, 64);
  const dA = requireInteger("dA", constraints.dA ?? Math.floor(d / 2), 1, d - 1);
  const normals = normalSource(seed);
  const df = d + 2;
  const precision = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let sample = 0; sample < df; sample++) {
    // Ψ⁻¹ is diagonal: 1/2 on A's block, 1 on B's, so z_i = N(0,1) · sqrt(Ψ⁻¹_ii).
    const z = Array.from({ length: d }, (_, i) => normals.next() * (i < dA ? Math.SQRT1_2 : 1));
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) precision[i]![j]! += z[i]! * z[j]!;
  }
  const sigma = symmetrise(inverse(precision));
  const wStar = Array.from({ length: d }, () => 2 * normals.uniform() - 1);
  return {
    ...fromTeacher(sigma, wStar, 0, dA),
    label: `random family D=${d} dA=${dA} seed=${seed}`,
  };
}

/** Averages Σ and Σᵀ so round-off in the inverse does not break exact symmetry. */
function symmetrise(m: number[][]): number[][] {
  return m.map((row, i) => row.map((v, j) => (i === j ? v : 0.5 * (v + m[j]![i]!))));
}
