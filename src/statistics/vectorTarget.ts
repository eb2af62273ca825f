/**
 * X5 — statistics of a two-modality regression with a vector target y ∈ R^k (the scalar
 * `Statistics` of docs/theory.md §1 is the case k = 1 and stays untouched). Σ = E[x xᵀ] (D×D,
 * SPD), Σ_yx = E[y xᵀ] (k×D, blocks Σ_yxA k×dA and Σ_yxB k×dB), E‖y‖². Loss of a total
 * map W (k×D): ℒ = ½E‖y − W x‖² = ½E‖y‖² − tr(Σ_yx Wᵀ) + ½ tr(W Σ Wᵀ).
 */
import { InputError } from "../errors/inputError.js";
import { cholesky } from "../linalg/cholesky.js";
import { topSingularValue } from "../linalg/eigen.js";
import { inverse } from "../linalg/inverse.js";
import type { Matrix } from "../linalg/matrix.js";
import { frobenius, matMul, subMatrix } from "../linalg/matrix.js";

export interface VectorTargetStatistics {
  readonly sigma: Matrix;
  /** Σ_yx, k rows of length D = dA + dB. */
  readonly sigmaYX: Matrix;
  /** E‖y‖². */
  readonly sigmaY2: number;
  readonly dA: number;
  readonly dB: number;
  /** k, the target dimension. */
  readonly outputs: number;
  readonly label: string;
}

/** Teacher y = W* x + ε, ε ~ N(0, σ_ε² I_k): Σ_yx = W* Σ, E‖y‖² = tr(W* Σ W*ᵀ) + k σ_ε². */
export function fromVectorTeacher(
  sigma: Matrix,
  wStar: Matrix,
  noiseStd: number,
  dA: number,
  label = "vector-target teacher",
): VectorTargetStatistics {
  const d = sigma.length;
  if (!(Number.isInteger(dA) && dA >= 1 && dA < d))
    throw new InputError("dA", `must be an integer in [1, ${d - 1}], got ${dA}`);
  if (wStar.length < 1 || wStar.some((row) => row.length !== d))
    throw new InputError("wStar", `must have k ≥ 1 rows of length ${d}`);
  if (!cholesky(sigma)) throw new InputError("sigma", "must be symmetric positive definite");
  const sigmaYX = matMul(wStar, sigma);
  let trace = 0;
  for (let i = 0; i < wStar.length; i++)
    for (let j = 0; j < d; j++) trace += sigmaYX[i]![j]! * wStar[i]![j]!;
  return {
    sigma,
    sigmaYX,
    sigmaY2: trace + wStar.length * noiseStd * noiseStd,
    dA,
    dB: d - dA,
    outputs: wStar.length,
    label,
  };
}

/** Reference solutions and rates of X5 (k×· matrices as arrays of rows). */
export interface VectorTargetDerived {
  /** W^full = Σ_yx Σ⁻¹ (k×D). */
  readonly wFull: number[][];
  /** W_A^uni = Σ_yxA Σ_A⁻¹ (k×dA). */
  readonly wUniA: number[][];
  /** e_B = Σ_yxB − Σ_yxA Σ_A⁻¹ Σ_AB (k×dB): B's correlation once A is learned. */
  readonly eB: number[][];
  /** Top singular values σ₁ of Σ_yxA, Σ_yxB and e_B (operator norms). */
  readonly topA: number;
  readonly topB: number;
  readonly topE: number;
  /** Frobenius norms of Σ_yxA, Σ_yxB and e_B (docs/theory.md §1's ‖·‖ for matrices). */
  readonly frobeniusA: number;
  readonly frobeniusB: number;
  readonly frobeniusE: number;
  /** ℒ(0) and ℒ* = ½(E‖y‖² − tr(Σ_yx Σ⁻¹ Σ_yxᵀ)). */
  readonly lossZero: number;
  readonly lossFull: number;
}

export function deriveVectorTarget(stats: VectorTargetStatistics): VectorTargetDerived {
  const { sigma, sigmaYX, dA } = stats;
  const d = sigma.length;
  const yxA = sigmaYX.map((row) => row.slice(0, dA));
  const yxB = sigmaYX.map((row) => row.slice(dA));
  const wFull = matMul(sigmaYX, inverse(sigma));
  const wUniA = matMul(yxA, inverse(subMatrix(sigma, [0, dA], [0, dA])));
  const crossAB = matMul(wUniA, subMatrix(sigma, [0, dA], [dA, d]));
  const eB = yxB.map((row, i) => row.map((v, j) => v - crossAB[i]![j]!));
  let explained = 0;
  for (let i = 0; i < stats.outputs; i++)
    for (let j = 0; j < d; j++) explained += wFull[i]![j]! * sigmaYX[i]![j]!;
  return {
    wFull,
    wUniA,
    eB,
    topA: topSingularValue(yxA),
    topB: topSingularValue(yxB),
    topE: topSingularValue(eB),
    frobeniusA: frobenius(yxA),
    frobeniusB: frobenius(yxB),
    frobeniusE: frobenius(eB),
    lossZero: 0.5 * stats.sigmaY2,
    lossFull: 0.5 * (stats.sigmaY2 - explained),
  };
}

/** The same problem with the modalities' blocks exchanged (X5 names the faster one A). */
export function swapVectorTargetModalities(stats: VectorTargetStatistics): VectorTargetStatistics {
  const { dA, dB } = stats;
  const order = [
    ...Array.from({ length: dB }, (_, i) => dA + i),
    ...Array.from({ length: dA }, (_, i) => i),
  ];
  return {
    ...stats,
    sigma: order.map((i) => order.map((j) => stats.sigma[i]![j]!)),
    sigmaYX: stats.sigmaYX.map((row) => order.map((j) => row[j]!)),
    dA: dB,
    dB: dA,
    label: `${stats.label} (modalities swapped)`,
  };
}
