import fc from "fast-check";
import { cholesky } from "../../linalg/cholesky.js";
import { inverse } from "../../linalg/inverse.js";
import { matMul, transpose } from "../../linalg/matrix.js";
import { normalSource } from "../../random/gaussian.js";
import type { Statistics } from "../../statistics/statistics.js";
import { fromMoments } from "../../statistics/teacher.js";
import { logUniform, uniform } from "./uniform.js";
import { buildVectorStatistics } from "./vectorStatistics.js";

/** Constraints of `angledVectorStatisticsCase`. */
export interface AngledVectorStatisticsConstraints {
  /** Largest dB (default 4); dB ≥ 2 (a direction needs a vector) and dA ∈ [dB, dB + 2]. */
  readonly maxDimB?: number;
  /** Smallest 1 + cos θ (default 1e-4): how close to antiparallel Σ_yxB and e_B may get. */
  readonly minOnePlusCos?: number;
}

/**
 * X6's cases: vector statistics with a prescribed angle θ between Σ_yxB and e_B. The
 * general generator (vectorStatistics) gives Σ_yxB·e_B < 0 in ~2% of draws and never near
 * antiparallel, so the angle is drawn here: 1 + cos θ log-uniform in [minOnePlusCos, 2].
 */
export interface AngledVectorStatisticsCase {
  readonly dA: number;
  readonly dB: number;
  /** 1 + cos θ. */
  readonly onePlusCos: number;
  /** k = s_B/s_A, the target rate ratio (reached unless the cross-covariance is too weak). */
  readonly k: number;
  /** ‖e_B‖/s_B. */
  readonly eOverSB: number;
  readonly seed: number;
}

export function angledVectorStatisticsCase(
  constraints: AngledVectorStatisticsConstraints = {},
): fc.Arbitrary<AngledVectorStatisticsCase> {
  return fc
    .record({
      dB: fc.integer({ min: 2, max: constraints.maxDimB ?? 4 }),
      extraA: fc.integer({ min: 0, max: 2 }),
      onePlusCos: logUniform(constraints.minOnePlusCos ?? 1e-4, 2),
      k: uniform(0.1, 0.8),
      eOverSB: logUniform(0.2, 2),
      seed: fc.nat({ max: 0x7fffffff }),
    })
    .map(({ dB, extraA, ...rest }) => ({ dA: dB + extraA, dB, ...rest }));
}

/**
 * Construction: Σ_A, Σ_B are the diagonal blocks of the general generator's Σ (condition
 * ≤ 4), with Cholesky factors L_A, L_B; the cross block is Σ_AB = ε L_A K L_Bᵀ with
 * K = U diag(κ) Vᵀ (U, V orthonormal columns, κ uniform in [0.3, 0.9]), SPD for ε‖K‖ < 1.
 * ê, ŝ are unit vectors in R^dB at angle θ; e_B = ‖e‖ê, Σ_yxB = s_B ŝ with s_B = 1. Since
 * Σ_yxB − e_B = W_A^uni Σ_AB, W_A^uni is the minimum-norm solution (dA ≥ dB) and
 * Σ_yxA = W_A^uni Σ_A. ε scales s_A by 1/ε: it is chosen for s_A = s_B/k, capped at 1 (then
 * k is smaller than asked: near antiparallel, s_A ≥ ‖ŝ − e_B‖/‖Σ_AB‖-ish forces it).
 * σ_y² adds noise variance 0.1 to the explained part.
 */
export function buildAngledVectorStatistics(c: AngledVectorStatisticsCase): Statistics {
  const base = buildVectorStatistics({ dA: c.dA, dB: c.dB, condition: 4, seed: c.seed });
  const normals = normalSource(c.seed ^ 0x5bd1e995);
  const d = c.dA + c.dB;
  const block = (r: [number, number], q: [number, number]) =>
    base.sigma.slice(r[0], r[1]).map((row) => row.slice(q[0], q[1]));
  const sigmaA = block([0, c.dA], [0, c.dA]);
  const sigmaB = block([c.dA, d], [c.dA, d]);
  const lA = cholesky(sigmaA)!;
  const lB = cholesky(sigmaB)!;
  const u = orthonormalColumns(c.dA, c.dB, () => normals.next());
  const v = orthonormalColumns(c.dB, c.dB, () => normals.next());
  const kappas = Array.from({ length: c.dB }, () => 0.3 + 0.6 * normals.uniform());
  const k = matrix(c.dA, c.dB, (i, j) =>
    kappas.reduce((sum, kk, l) => sum + u[i]![l]! * kk * v[j]![l]!, 0),
  );
  const cross = matMul(matMul(lA, k), transpose(lB)); // Σ_AB at ε = 1
  const eHat = unit(Array.from({ length: c.dB }, () => normals.next()));
  const raw = Array.from({ length: c.dB }, () => normals.next());
  const along = raw.reduce((sum, x, i) => sum + x * eHat[i]!, 0);
  const perp = unit(raw.map((x, i) => x - along * eHat[i]!));
  const cos = c.onePlusCos - 1;
  const sin = Math.sqrt(Math.max(0, 1 - cos * cos));
  const sHat = eHat.map((x, i) => cos * x + sin * perp[i]!);
  const diff = sHat.map((x, i) => x - c.eOverSB * eHat[i]!); // Σ_yxB − e_B = W_A^uni Σ_AB
  // Minimum-norm W with W Σ_AB = diff: W = diff (Σ_ABᵀ Σ_AB)⁻¹ Σ_ABᵀ.
  const gramInverse = inverse(matMul(transpose(cross), cross));
  const coef = gramInverse.map((_, j) =>
    diff.reduce((sum, x, i) => sum + x * gramInverse[i]![j]!, 0),
  );
  const w1 = cross.map((r) => r.reduce((sum, x, j) => sum + x * coef[j]!, 0));
  const yxA1 = sigmaA.map((_, j) => w1.reduce((sum, x, i) => sum + x * sigmaA[i]![j]!, 0));
  const epsilon = Math.min(1, c.k * Math.hypot(...yxA1)); // s_A = s_A(ε = 1)/ε = 1/k = s_B/k
  const sigma = matrix(d, d, (i, j) => {
    if (i < c.dA && j < c.dA) return sigmaA[i]![j]!;
    if (i >= c.dA && j >= c.dA) return sigmaB[i - c.dA]![j - c.dA]!;
    return epsilon * (i < c.dA ? cross[i]![j - c.dA]! : cross[j]![i - c.dA]!);
  });
  const sigmaYX = [...yxA1.map((x) => x / epsilon), ...sHat];
  const inv = inverse(sigma);
  let explained = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) explained += sigmaYX[i]! * inv[i]![j]! * sigmaYX[j]!;
  return fromMoments(
    sigma,
    sigmaYX,
    explained + 0.1,
    c.dA,
    `angled dA=${c.dA} dB=${c.dB} 1+cosθ=${c.onePlusCos.toPrecision(3)} k=${c.k.toPrecision(3)} e/sB=${c.eOverSB.toPrecision(3)} seed=${c.seed}`,
  );
}

function unit(v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

function matrix(rows: number, cols: number, entry: (i: number, j: number) => number): number[][] {
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => entry(i, j)),
  );
}

/** n × r matrix with orthonormal columns: Gram-Schmidt of Gaussian columns. */
function orthonormalColumns(n: number, r: number, normal: () => number): number[][] {
  const columns: number[][] = [];
  while (columns.length < r) {
    const x = Array.from({ length: n }, normal);
    for (const col of columns) {
      const p = x.reduce((s, xi, i) => s + xi * col[i]!, 0);
      for (let i = 0; i < n; i++) x[i]! -= p * col[i]!;
    }
    const len = Math.hypot(...x);
    if (len > 1e-8) columns.push(x.map((xi) => xi / len));
  }
  return matrix(n, r, (i, j) => columns[j]![i]!);
}
