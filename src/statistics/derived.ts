import { inverse } from "../linalg/inverse.js";
import type { Matrix, Vector } from "../linalg/matrix.js";
import { dot, norm, rowTimesMatrix, subMatrix } from "../linalg/matrix.js";
import type { Statistics } from "./statistics.js";

/** A modality label, in the order the statistics store the blocks. */
export type Modality = "A" | "B";

/**
 * Reference solutions and rates derived from the statistics (docs/theory.md §1 and §4).
 * All linear maps are rows over the full input, `[W_A, W_B]`.
 */
export interface DerivedQuantities {
  /** W^full = Σ_yx Σ⁻¹. */
  readonly wFull: number[];
  /** W_A^uni = Σ_yxA Σ_A⁻¹ (length dA). */
  readonly wUniA: number[];
  /** W_B^uni = Σ_yxB Σ_B⁻¹ (length dB). */
  readonly wUniB: number[];
  /** ℒ(0) = ½σ_y². */
  readonly lossZero: number;
  /** ℒ(M_A) = ½(σ_y² − Σ_yxA Σ_A⁻¹ Σ_yxAᵀ). */
  readonly lossUniA: number;
  /** ℒ(M_B). */
  readonly lossUniB: number;
  /** ℒ* = ½(σ_y² − Σ_yx Σ⁻¹ Σ_yxᵀ). */
  readonly lossFull: number;
  /** s_A = ‖Σ_yxA‖. */
  readonly sA: number;
  /** s_B = ‖Σ_yxB‖. */
  readonly sB: number;
  /** e_B = Σ_yxB − Σ_yxA Σ_A⁻¹ Σ_AB: B's correlation left once A is learned. */
  readonly eB: number[];
  /** Misattribution W_A^uni − W_A^full. */
  readonly misattribution: number[];
  /** Cosine of the angle between Σ_yxB and e_B (X6; for scalars, ±1 = the sign agreement). */
  readonly cosSigmaBeB: number;
}

/** Splits a row over the full input into its A and B blocks. */
export function splitBlocks(stats: Statistics, row: Vector): [number[], number[]] {
  return [row.slice(0, stats.dA), row.slice(stats.dA)];
}

/**
 * Derives the reference solutions, losses and rates of docs/theory.md §1 and §4 from the statistics.
 *
 * @example
 * ```ts
 * import { derive, fromToy } from "ubias";
 *
 * const q = derive(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }));
 * q.sA; // → 5
 * q.sB; // → 2
 * q.eB; // → [0.75]
 * q.wFull; // ≈ [1.000, 1.000]
 * q.lossUniA; // → 0.375
 * ```
 */
export function derive(stats: Statistics): DerivedQuantities {
  const { sigma, sigmaYX, sigmaY2, dA } = stats;
  const d = sigma.length;
  const [yxA, yxB] = splitBlocks(stats, sigmaYX);
  const sigmaA = subMatrix(sigma, [0, dA], [0, dA]);
  const sigmaB = subMatrix(sigma, [dA, d], [dA, d]);
  const sigmaAB = subMatrix(sigma, [0, dA], [dA, d]);
  const wFull = rowTimesMatrix(sigmaYX, inverse(sigma));
  const wUniA = rowTimesMatrix(yxA, inverse(sigmaA));
  const wUniB = rowTimesMatrix(yxB, inverse(sigmaB));
  const eB = yxB.map((v, j) => v - rowTimesMatrix(wUniA, sigmaAB)[j]!);
  const sB = norm(yxB);
  const eNorm = norm(eB);
  return {
    wFull,
    wUniA,
    wUniB,
    lossZero: 0.5 * sigmaY2,
    lossUniA: 0.5 * (sigmaY2 - dot(wUniA, yxA)),
    lossUniB: 0.5 * (sigmaY2 - dot(wUniB, yxB)),
    lossFull: 0.5 * (sigmaY2 - dot(wFull, sigmaYX)),
    sA: norm(yxA),
    sB,
    eB,
    misattribution: wUniA.map((v, i) => v - wFull[i]!),
    cosSigmaBeB: sB > 0 && eNorm > 0 ? dot(yxB, eB) / (sB * eNorm) : Number.NaN,
  };
}

/** Loss of a total map W = [W_A, W_B]: ℒ = ½σ_y² − Σ_yx Wᵀ + ½ W Σ Wᵀ. */
export function lossOf(stats: Statistics, w: Vector): number {
  return 0.5 * stats.sigmaY2 - dot(stats.sigmaYX, w) + 0.5 * dot(rowTimesMatrix(w, stats.sigma), w);
}

/** The modality with the larger ‖Σ_yxm‖ (T8), or "tie" when they are equal to 1e-12. */
export function fasterModality(stats: Statistics): Modality | "tie" {
  const [yxA, yxB] = splitBlocks(stats, stats.sigmaYX);
  const sA = norm(yxA);
  const sB = norm(yxB);
  if (Math.abs(sA - sB) <= 1e-12 * Math.max(sA, sB)) return "tie";
  return sA > sB ? "A" : "B";
}

/**
 * docs/theory.md names the faster modality A. `orient` returns statistics whose first block is
 * the faster modality, swapping the blocks when the user's B is faster, and says so.
 *
 * @example
 * ```ts
 * import { fromToy, orient } from "ubias";
 *
 * // B (σ = 2) is the faster modality here: orient swaps the blocks so that A is.
 * const { stats, swapped } = orient(fromToy({ sigmaA: 1, sigmaB: 2, rho: 0.5 }));
 * swapped; // → true
 * stats.sigmaYX; // → [5, 2]
 * ```
 */
export function orient(stats: Statistics): { stats: Statistics; swapped: boolean } {
  if (fasterModality(stats) !== "B") return { stats, swapped: false };
  return { stats: swapModalities(stats), swapped: true };
}

/** The same problem with the two modalities' blocks exchanged. */
export function swapModalities(stats: Statistics): Statistics {
  const { dA, dB } = stats;
  const order = [
    ...Array.from({ length: dB }, (_, i) => dA + i),
    ...Array.from({ length: dA }, (_, i) => i),
  ];
  const permute = (v: Vector) => order.map((i) => v[i]!);
  const sigma: Matrix = order.map((i) => order.map((j) => stats.sigma[i]![j]!));
  return {
    sigma,
    sigmaYX: permute(stats.sigmaYX),
    sigmaY2: stats.sigmaY2,
    dA: dB,
    dB: dA,
    ...(stats.teacher
      ? { teacher: { wStar: permute(stats.teacher.wStar), noiseStd: stats.teacher.noiseStd } }
      : {}),
    label: `${stats.label} (modalities swapped: A is the faster one)`,
  };
}
