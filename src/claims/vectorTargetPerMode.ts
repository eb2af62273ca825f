/**
 * X5.per-mode — the rates of src/theory/vectorTargets.ts's perModeTimes from vector-target
 * statistics (oriented: σ₁(Σ_yxA) > σ₁(Σ_yxB), as vectorTargetSetup returns them).
 *
 * A with its first r modes learned (B still small) sits at the rank-r critical point of its
 * own loss −tr(Σ_yxA Wᵀ) + ½tr(W Σ_A Wᵀ) reached from small init: reduced-rank regression,
 * W_A(r) = P_r Σ_yxA Σ_A⁻¹, P_r the projection on the top r eigenvectors of
 * M = Σ_yxA Σ_A⁻¹ Σ_yxAᵀ (k×k). (A width-r two-layer net's critical points are P Σ_yxA Σ_A⁻¹
 * for P a projection on r eigenvectors of M; all but the top ones are saddles, which the
 * trajectory leaving the origin generically misses.) The drives at that point are
 *   A: Σ_yxA − W_A(r) Σ_A = (I − P_r) Σ_yxA,
 *   B: Σ_yxB − W_A(r) Σ_AB = Σ_yxB − P_r Σ_yxA Σ_A⁻¹ Σ_AB,
 * which are Σ_yxA and Σ_yxB at r = 0 and 0 and e_B once every mode is learned (P = the
 * projection on A's range). The small modes grow at the singular values of their drive.
 */

import { singularModes } from "../linalg/eigen.js";
import { inverse } from "../linalg/inverse.js";
import { frobenius, matMul, subMatrix } from "../linalg/matrix.js";
import type { VectorTargetStatistics } from "../statistics/vectorTarget.js";
import type { PerModeRates } from "../theory/vectorTargets.js";

type Rows = number[][];

function minus(a: Rows, b: Rows): Rows {
  return a.map((row, i) => row.map((v, j) => v - b[i]![j]!));
}

/** The projection on the first r of the given unit vectors (orthonormal), k×k. */
function projection(vectors: readonly (readonly number[])[], r: number, k: number): Rows {
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      let sum = 0;
      for (let m = 0; m < r; m++) sum += vectors[m]![i]! * vectors[m]![j]!;
      return sum;
    }),
  );
}

export interface PerModeSetup {
  readonly rates: PerModeRates;
  /** ‖W_A(r)‖/‖W_A^uni‖ for r = 1..nA (Frobenius): where t_A's ½ is crossed. */
  readonly aNormFractions: readonly number[];
}

export function perModeRates(stats: VectorTargetStatistics): PerModeSetup {
  const { dA, outputs: k } = stats;
  const d = dA + stats.dB;
  const yxA = stats.sigmaYX.map((row) => row.slice(0, dA));
  const yxB = stats.sigmaYX.map((row) => row.slice(dA));
  const sigmaAInv = inverse(subMatrix(stats.sigma, [0, dA], [0, dA]));
  const wUniA = matMul(yxA, sigmaAInv);
  const crossAB = matMul(wUniA, subMatrix(stats.sigma, [0, dA], [dA, d])); // Σ_yxA Σ_A⁻¹ Σ_AB
  const yxAT = yxA[0]!.map((_, j) => yxA.map((row) => row[j]!));
  // M is symmetric PSD: its singular modes are its eigenmodes.
  const eigen = singularModes(matMul(wUniA, yxAT)).map((m) => m.right);
  const nA = eigen.length;
  const aRates: number[][] = [];
  for (let i = 0; i < nA; i++) aRates.push([]);
  const bRates: number[] = [];
  const aNormFractions: number[] = [];
  const uniNorm = frobenius(wUniA);
  for (let r = 0; r <= nA; r++) {
    const p = projection(eigen, r, k);
    const driveA = minus(yxA, matMul(p, yxA));
    const values = singularModes(driveA).map((m) => m.value);
    for (let i = r; i < nA; i++) aRates[i]!.push(values[i - r] ?? 0);
    bRates.push(singularModes(minus(yxB, matMul(p, crossAB)))[0]?.value ?? 0);
    if (r >= 1) aNormFractions.push(frobenius(matMul(p, wUniA)) / uniNorm);
  }
  const crossing = aNormFractions.findIndex((f) => f >= 0.5);
  return {
    rates: { aRates, bRates, aThresholdModes: (crossing < 0 ? nA - 1 : crossing) + 1 },
    aNormFractions,
  };
}
