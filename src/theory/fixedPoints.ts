import { symmetricEigenvalues } from "../linalg/eigen.js";
import { inverse } from "../linalg/inverse.js";
import type { Matrix, Vector } from "../linalg/matrix.js";
import { norm, rowTimesMatrix, subMatrix } from "../linalg/matrix.js";
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";

/*
 * T13 (docs/theory.md): the fixed points of two-layer linear fusion networks and the
 * curvature of the loss there, in the parameters the network trains.
 *
 * In W^tot the reduced dynamics of late fusion stop at M0 = 0, M_A = [W_A^uni, 0],
 * M_B = [0, W_B^uni] and M* = W^full; early fusion (one chain over the concatenated input)
 * stops only at M0 and M*, because a nonzero chain has zero gradient only where the whole
 * error row Σ_yx − W^tot Σ vanishes.
 *
 * In parameter space each point is realised "balanced rank one", the state small balanced
 * init stays on (docs/theory.md §2.4): a nonzero chain with total map W uses hidden unit 0
 * only, with first-layer row W/√‖W‖ and output weight √‖W‖ (late fusion: per branch; early
 * fusion: one chain over [W_A, W_B]); a zero map has all its weights 0. At such a point θ the
 * Hessian of ℒ(θ) is, with δW the first-order change of W^tot and G = W^tot Σ − Σ_yx,
 *
 *   δθᵀ H δθ = δW Σ δWᵀ + 2 Σ_chains Σ_i G_c · (δv_i δU_i),
 *
 * because W^tot is bilinear in (output weights v, first-layer rows U). Hence:
 *  - a zero chain c contributes, per hidden unit, the pair (δv_i, δU_i·Ĝ_c) with eigenvalues
 *    ±‖G_c‖ and d_c − 1 zeros (δU_i ⟂ G_c);
 *  - a nonzero chain at G_c = 0 contributes J_cᵀ Σ J_c on its unit 0, J_c = √w_c [n̂_cᵀ | I]
 *    (w_c = ‖W_c‖, n̂_c = W_c/w_c): d_c positive eigenvalues, those of P^{1/2} Σ_c P^{1/2} with
 *    P^{1/2} = √w_c (I + (√2 − 1) n̂_c n̂_cᵀ), and one zero (the rescaling v → a v, U → U/a);
 *    its h − 1 idle units give (h − 1)(d_c + 1) zeros (to second order the rotation of unit 0
 *    into an idle unit and the idle units themselves leave ℒ unchanged);
 *  - zero chains and nonzero chains do not couple: a zero chain's first-order δW is 0.
 */

/** Where the two modalities meet in a two-layer network (docs/theory.md §2.1). */
export type TwoLayerFusion = "early" | "late";

/** The four points of the reduced dynamics, in the paper's names. */
export type FixedPointName = "M0" | "M_A" | "M_B" | "M*";

/** The number of strictly negative, zero and strictly positive Hessian eigenvalues. */
export interface Inertia {
  readonly negative: number;
  readonly zero: number;
  readonly positive: number;
}

/** One named point of the reduced dynamics and what the theory says of it. */
export interface FixedPointPrediction {
  readonly name: FixedPointName;
  /** The point's total map W^tot = [W_A, W_B] (length D). */
  readonly totalMap: number[];
  /** The closed-form loss there: ℒ(0), ℒ(M_A), ℒ(M_B) or ℒ*. */
  readonly loss: number;
  /** Whether the gradient vanishes there (false: M_A, M_B under early fusion). */
  readonly critical: boolean;
  /**
   * ‖∇_θ ℒ‖ at the balanced rank-one realisation: 0 at a critical point, √‖W_A^uni‖·‖e_B‖ at
   * early fusion's M_A (√‖W_B^uni‖·‖e_A‖ at M_B): only the A row of unit 0 sees the error e_B.
   */
  readonly gradientNorm: number;
  /** Critical points only: every Hessian eigenvalue at the realisation, ascending. */
  readonly hessianSpectrum?: number[];
  /** Critical points only: the signs of `hessianSpectrum` (zeros exact). */
  readonly inertia?: Inertia;
}

/**
 * The predicted fixed-point structure of a two-layer linear network of hidden width h (per
 * branch under late fusion, shared under early fusion) on the statistics: M0, M_A, M_B, M*
 * with their maps, losses, gradient norms and Hessian spectra at the balanced rank-one
 * realisation (the header of this file derives them). Late fusion has h(D + 2) parameters,
 * early fusion h(D + 1).
 *
 * @example
 * ```ts
 * import { fromToy } from "ubias";
 *
 * // The authors' phase-portrait toy: σA = 2, σB = 1, ρ = 0, w = (1, 1).
 * const late = fixedPointPredictions(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0 }), "late", 1);
 * late.map((p) => p.name); // → ["M0", "M_A", "M_B", "M*"]
 * late[1].inertia; // → { negative: 1, zero: 1, positive: 2 }
 * late[1].hessianSpectrum; // ≈ [-1, 0, 1, 8]
 * ```
 */
export function fixedPointPredictions(
  stats: Statistics,
  fusion: TwoLayerFusion,
  width: number,
): FixedPointPrediction[] {
  const q = derive(stats);
  const { dA, dB } = stats;
  const d = dA + dB;
  const [yxA, yxB] = [stats.sigmaYX.slice(0, dA), stats.sigmaYX.slice(dA)];
  const zerosA = new Array<number>(dA).fill(0);
  const zerosB = new Array<number>(dB).fill(0);
  const mapA = [...q.wUniA, ...zerosB];
  const mapB = [...zerosA, ...q.wUniB];
  const eA = modalityResidual(stats, "A");
  const eB = q.eB;
  const sigmaA = subMatrix(stats.sigma, [0, dA], [0, dA]);
  const sigmaB = subMatrix(stats.sigma, [dA, d], [dA, d]);
  const h = width;

  if (fusion === "early") {
    const size = h * (d + 1);
    const w = norm(q.wFull);
    return [
      critical("M0", new Array<number>(d).fill(0), q.lossZero, [
        ...repeat(-norm(stats.sigmaYX), h),
        ...repeat(0, size - 2 * h),
        ...repeat(norm(stats.sigmaYX), h),
      ]),
      notCritical("M_A", mapA, q.lossUniA, Math.sqrt(norm(q.wUniA)) * norm(eB)),
      notCritical("M_B", mapB, q.lossUniB, Math.sqrt(norm(q.wUniB)) * norm(eA)),
      critical("M*", q.wFull, q.lossFull, [
        ...repeat(0, size - d),
        ...activeChainSpectrum(stats.sigma, q.wFull, w),
      ]),
    ];
  }
  const size = h * (d + 2);
  const wFullA = q.wFull.slice(0, dA);
  const wFullB = q.wFull.slice(dA);
  return [
    critical("M0", new Array<number>(d).fill(0), q.lossZero, [
      ...repeat(-norm(yxA), h),
      ...repeat(-norm(yxB), h),
      ...repeat(0, size - 4 * h),
      ...repeat(norm(yxA), h),
      ...repeat(norm(yxB), h),
    ]),
    critical("M_A", mapA, q.lossUniA, [
      ...repeat(-norm(eB), h),
      ...repeat(0, size - dA - 2 * h),
      ...repeat(norm(eB), h),
      ...activeChainSpectrum(sigmaA, q.wUniA, norm(q.wUniA)),
    ]),
    critical("M_B", mapB, q.lossUniB, [
      ...repeat(-norm(eA), h),
      ...repeat(0, size - dB - 2 * h),
      ...repeat(norm(eA), h),
      ...activeChainSpectrum(sigmaB, q.wUniB, norm(q.wUniB)),
    ]),
    critical("M*", q.wFull, q.lossFull, [
      ...repeat(0, size - d),
      ...twoChainSpectrum(stats.sigma, wFullA, wFullB),
    ]),
  ];
}

/**
 * e_A = Σ_yxA − Σ_yxB Σ_B⁻¹ Σ_BA (m = "A"): the correlation left to A once B sits at
 * W_B^uni, the mirror image of docs/theory.md §1's e_B; e_B for m = "B".
 *
 * @example
 * ```ts
 * import { fromToy } from "ubias";
 *
 * // Toy: e_A = w_A σ_A²(1 − ρ²) = 4·0.75.
 * modalityResidual(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }), "A"); // ≈ [3]
 * ```
 */
export function modalityResidual(stats: Statistics, m: "A" | "B"): number[] {
  const { dA } = stats;
  const d = stats.sigma.length;
  const [own, other] =
    m === "A"
      ? [
          [0, dA],
          [dA, d],
        ]
      : [
          [dA, d],
          [0, dA],
        ];
  const yxOwn = stats.sigmaYX.slice(own[0], own[1]);
  const yxOther = stats.sigmaYX.slice(other[0], other[1]);
  const wOther = rowTimesMatrix(
    yxOther,
    inverse(subMatrix(stats.sigma, other as [number, number], other as [number, number])),
  );
  const cross = rowTimesMatrix(
    wOther,
    subMatrix(stats.sigma, other as [number, number], own as [number, number]),
  );
  return yxOwn.map((v, j) => v - cross[j]!);
}

/** The signs of a spectrum whose zeros are exact (a prediction's). */
export function inertiaOf(spectrum: readonly number[]): Inertia {
  return {
    negative: spectrum.filter((v) => v < 0).length,
    zero: spectrum.filter((v) => v === 0).length,
    positive: spectrum.filter((v) => v > 0).length,
  };
}

function critical(
  name: FixedPointName,
  totalMap: number[],
  loss: number,
  spectrum: number[],
): FixedPointPrediction {
  const hessianSpectrum = [...spectrum].sort((a, b) => a - b);
  return {
    name,
    totalMap,
    loss,
    critical: true,
    gradientNorm: 0,
    hessianSpectrum,
    inertia: inertiaOf(hessianSpectrum),
  };
}

function notCritical(
  name: FixedPointName,
  totalMap: number[],
  loss: number,
  gradientNorm: number,
): FixedPointPrediction {
  return { name, totalMap, loss, critical: false, gradientNorm };
}

function repeat(value: number, count: number): number[] {
  return new Array<number>(count).fill(value);
}

/**
 * The d nonzero eigenvalues of one active chain with map W (norm w) over the block Σ_c:
 * those of P^{1/2} Σ_c P^{1/2}, P^{1/2} = √w (I + (√2 − 1) n̂n̂ᵀ).
 */
function activeChainSpectrum(sigma: Matrix, w: Vector, wNorm: number): number[] {
  const root = chainRoot(w, wNorm);
  return symmetricEigenvalues(sandwich(root, sigma));
}

/** Late fusion's M*: both branches active, P^{1/2} block-diagonal over A and B. */
function twoChainSpectrum(sigma: Matrix, wA: Vector, wB: Vector): number[] {
  const rootA = chainRoot(wA, norm(wA));
  const rootB = chainRoot(wB, norm(wB));
  const d = wA.length + wB.length;
  const root = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => {
      if (i < wA.length && j < wA.length) return rootA[i]![j]!;
      if (i >= wA.length && j >= wA.length) return rootB[i - wA.length]![j - wA.length]!;
      return 0;
    }),
  );
  return symmetricEigenvalues(sandwich(root, sigma));
}

/** √w (I + (√2 − 1) n̂n̂ᵀ) for n̂ = W/w. */
function chainRoot(w: Vector, wNorm: number): number[][] {
  const scale = Math.sqrt(wNorm);
  const a = Math.SQRT2 - 1;
  return w.map((wi, i) =>
    w.map((wj, j) => scale * ((i === j ? 1 : 0) + (a * wi * wj) / (wNorm * wNorm))),
  );
}

/** R Σ R for a symmetric R, symmetrised exactly. */
function sandwich(r: Matrix, sigma: Matrix): number[][] {
  const n = r.length;
  const rs = r.map((row) =>
    Array.from({ length: n }, (_, j) => row.reduce((s, v, k) => s + v * sigma[k]![j]!, 0)),
  );
  const m = rs.map((row) =>
    Array.from({ length: n }, (_, j) => row.reduce((s, v, k) => s + v * r[k]![j]!, 0)),
  );
  return m.map((row, i) => row.map((v, j) => (i <= j ? v : m[j]![i]!)));
}
