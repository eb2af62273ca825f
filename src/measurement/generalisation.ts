import type { SampleMoments } from "../data/moments.js";
import type { SampleSet } from "../data/sampleSet.js";
import { InputError } from "../errors/inputError.js";
import { InternalError } from "../errors/internalError.js";
import { choleskyInPlace, choleskySolveInPlace } from "../linalg/cholesky.js";
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { TrainingRun } from "../training/run.js";

/**
 * Generalisation error on the population (docs/theory.md T10): E_g(W) = ½(W − w*)Σ(W − w*)ᵀ, the
 * population loss in excess of the noise floor. Without a teacher w* is W^full = Σ_yxΣ⁻¹
 * (E_g = ℒ(W) − ℒ*, the same quantity). Returns a closure with Σ and w* captured, so that a
 * trajectory costs O(D²) per sample and nothing else.
 */
export function generalisationError(population: Statistics): (w: ArrayLike<number>) => number {
  const d = population.dA + population.dB;
  const target = Float64Array.from(population.teacher?.wStar ?? derive(population).wFull);
  const sigma = Float64Array.from(population.sigma.flat());
  const diff = new Float64Array(d);
  return (w) => {
    if (w.length !== d) throw new InternalError(`E_g: W has length ${w.length}, expected ${d}`);
    for (let i = 0; i < d; i++) diff[i] = w[i]! - target[i]!;
    let sum = 0;
    for (let i = 0; i < d; i++) {
      let row = 0;
      for (let k = 0; k < d; k++) row += sigma[i * d + k]! * diff[k]!;
      sum += diff[i]! * row;
    }
    return 0.5 * sum;
  };
}

/** E_g at one point of a trajectory. */
export interface GeneralisationSample {
  readonly t: number;
  /** Training (empirical) loss. */
  readonly loss: number;
  readonly eg: number;
}

/** E_g(t) along a run's recorded samples (log-spaced, plus events, start and end). */
export function generalisationSeries(
  run: TrainingRun,
  population: Statistics,
): GeneralisationSample[] {
  const eg = generalisationError(population);
  return run.samples.map((s) => ({ t: s.t, loss: s.loss, eg: eg(s.totalMap) }));
}

/**
 * The solution a linear model reaches on finite data: the least-squares solution Σ̂⁻¹Σ̂_yxᵀ
 * when P > d (Σ̂ invertible), the minimum-norm interpolator X⁺y = Xᵀ(XXᵀ)⁻¹y when P ≤ d. Both
 * are Σ̂⁺Σ̂_yxᵀ, the minimum-norm minimiser of the empirical loss.
 */
export interface SampleSolution {
  readonly kind: "least-squares" | "min-norm-interpolator";
  readonly w: number[];
}

/** Which inputs: all, or one modality's block (its unimodal solution). */
export type InputBlock = "all" | "A" | "B";

/**
 * Σ̂⁺Σ̂_yxᵀ on the chosen block: normal equations from the moments when P > d, the P×P Gram
 * system otherwise. Collinear columns (or duplicated samples when P ≤ d) are an InputError:
 * the minimiser is then not what a well-posed comparison needs.
 */
export function sampleSolution(set: SampleSet, block: InputBlock = "all"): SampleSolution {
  const d = set.dA + set.dB;
  const [start, end] = block === "A" ? [0, set.dA] : block === "B" ? [set.dA, d] : [0, d];
  const width = end - start;
  const p = set.samples;
  if (p > width) {
    const normal = new Float64Array(width * width);
    const rhs = new Float64Array(width);
    for (let s = 0; s < p; s++) {
      const base = s * d + start;
      const ys = set.y[s]!;
      for (let i = 0; i < width; i++) {
        const xi = set.x[base + i]!;
        rhs[i]! += xi * ys;
        for (let j = 0; j <= i; j++) normal[i * width + j]! += xi * set.x[base + j]!;
      }
    }
    if (!choleskyInPlace(normal, width)) {
      throw new InputError(
        "samples",
        `X has collinear columns (block ${block}): no unique least-squares solution`,
      );
    }
    choleskySolveInPlace(normal, width, rhs);
    return { kind: "least-squares", w: Array.from(rhs) };
  }
  const gram = new Float64Array(p * p);
  for (let r = 0; r < p; r++) {
    for (let s = 0; s <= r; s++) {
      let sum = 0;
      for (let i = start; i < end; i++) sum += set.x[r * d + i]! * set.x[s * d + i]!;
      gram[r * p + s] = sum;
    }
  }
  if (!choleskyInPlace(gram, p)) {
    throw new InputError(
      "samples",
      `samples are linearly dependent (block ${block}): no unique interpolator`,
    );
  }
  const c = Float64Array.from(set.y);
  choleskySolveInPlace(gram, p, c);
  const w = new Array<number>(width).fill(0);
  for (let s = 0; s < p; s++)
    for (let i = 0; i < width; i++) w[i]! += c[s]! * set.x[s * d + start + i]!;
  return { kind: "min-norm-interpolator", w };
}

/** Empirical loss ½σ̂_y² − Σ̂_yx Wᵀ + ½WΣ̂Wᵀ of a total map on sample moments. */
export function empiricalLoss(moments: SampleMoments | Statistics, w: ArrayLike<number>): number {
  const d = moments.dA + moments.dB;
  let linear = 0;
  let quadratic = 0;
  for (let i = 0; i < d; i++) {
    linear += moments.sigmaYX[i]! * w[i]!;
    const row = moments.sigma[i]!;
    let sum = 0;
    for (let k = 0; k < d; k++) sum += row[k]! * w[k]!;
    quadratic += w[i]! * sum;
  }
  return 0.5 * moments.sigmaY2 - linear + 0.5 * quadratic;
}

/**
 * v ↦ v P⊥, the component of a row over the inputs orthogonal to the span of the samples
 * (P⊥ = I − Xᵀ(XXᵀ)⁻¹X, P ≤ D). On finite data the gradient of the empirical loss with respect
 * to the input layer lies in that span, so this component of every input-layer row is frozen
 * at its init (T10 over-parameterised: the end point depends on the init).
 */
export function dataSpanComplement(set: SampleSet): (v: ArrayLike<number>) => Float64Array {
  const d = set.dA + set.dB;
  const p = set.samples;
  if (p > d) return (v) => new Float64Array(v.length); // the samples span all of R^D
  const gram = new Float64Array(p * p);
  for (let r = 0; r < p; r++) {
    for (let s = 0; s <= r; s++) {
      let sum = 0;
      for (let i = 0; i < d; i++) sum += set.x[r * d + i]! * set.x[s * d + i]!;
      gram[r * p + s] = sum;
    }
  }
  if (!choleskyInPlace(gram, p)) {
    throw new InputError(
      "samples",
      "samples are linearly dependent: no unique data span projector",
    );
  }
  const c = new Float64Array(p);
  return (v) => {
    if (v.length !== d) throw new InternalError(`P⊥: row has length ${v.length}, expected ${d}`);
    for (let s = 0; s < p; s++) {
      let sum = 0;
      for (let i = 0; i < d; i++) sum += set.x[s * d + i]! * v[i]!;
      c[s] = sum;
    }
    choleskySolveInPlace(gram, p, c);
    const out = Float64Array.from(v);
    for (let s = 0; s < p; s++) for (let i = 0; i < d; i++) out[i]! -= c[s]! * set.x[s * d + i]!;
    return out;
  };
}
