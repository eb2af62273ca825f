import { InputError, requireFinite, requireInteger } from "../errors/inputError.js";
import { cholesky, choleskyInPlace, choleskySolveInPlace } from "../linalg/cholesky.js";
import { dot } from "../linalg/matrix.js";
import { normalSource } from "../random/gaussian.js";
import type { Statistics } from "../statistics/statistics.js";
import type { SampleSet } from "./sampleSet.js";

/** How to draw a finite data set from population statistics (docs/theory.md T10). */
export interface SamplingOptions {
  /** Number of samples P ≥ 1. */
  readonly samples: number;
  /** Seed of the normal source (integer in [0, 2³² − 1]); same seed ⇒ same bits. */
  readonly seed: number;
  /**
   * Label noise σ_ε replacing the teacher's (statistics with a teacher only): the inputs and
   * the noise draws are the same as with the teacher's σ_ε, only their scale changes.
   */
  readonly noiseStd?: number;
}

/** Largest P·D a stored SampleSet may hold (400 MB of doubles); beyond it use sampledMoments. */
export const MAX_STORED_ENTRIES = 50_000_000;

/** Receives one sample (x is reused between calls: copy it to keep it). */
export type SampleVisitor = (x: Float64Array, y: number, index: number) => void;

/**
 * Draws P samples x ~ N(0, Σ), x = L z with Σ = L Lᵀ (Cholesky) and z standard normal, and
 * y = w*ᵀx + σ_ε ε when the statistics carry a teacher; otherwise y from the conditional
 * Gaussian y | x ~ N(β x, σ_y² − β Σ_yxᵀ), β = Σ_yx Σ⁻¹, which has exactly the moments
 * (Σ, Σ_yx, σ_y²). Per sample the stream gives D normals for z, then one for ε, so the same
 * seed yields the same inputs whatever the noise level. Nothing is stored: `visit` sees each
 * sample in turn (sampleFromStatistics stores them, sampledMoments only accumulates).
 */
export function drawSamples(
  stats: Statistics,
  options: SamplingOptions,
  visit: SampleVisitor,
): void {
  const samples = requireInteger("samples", options.samples, 1, Number.MAX_SAFE_INTEGER);
  const d = stats.dA + stats.dB;
  const factor = cholesky(stats.sigma);
  if (factor === undefined)
    throw new InputError("sigma", "must be positive definite to sample from");
  const lower = Float64Array.from(factor.flat());
  const { beta, noiseStd } = targetModel(stats, options.noiseStd);
  const normals = normalSource(options.seed);
  const z = new Float64Array(d);
  const x = new Float64Array(d);
  for (let p = 0; p < samples; p++) {
    for (let i = 0; i < d; i++) z[i] = normals.next();
    let y = 0;
    for (let i = 0; i < d; i++) {
      let xi = 0;
      for (let k = 0; k <= i; k++) xi += lower[i * d + k]! * z[k]!;
      x[i] = xi;
      y += beta[i]! * xi;
    }
    y += noiseStd * normals.next();
    visit(x, y, p);
  }
}

/** Draws and stores P samples (see drawSamples). */
export function sampleFromStatistics(stats: Statistics, options: SamplingOptions): SampleSet {
  const d = stats.dA + stats.dB;
  if (options.samples * d > MAX_STORED_ENTRIES) {
    throw new InputError(
      "samples",
      `P·D = ${options.samples * d} exceeds ${MAX_STORED_ENTRIES} stored values; compute the moments while sampling (sampledMoments)`,
    );
  }
  const samples = requireInteger("samples", options.samples, 1, MAX_STORED_ENTRIES);
  const x = new Float64Array(samples * d);
  const y = new Float64Array(samples);
  drawSamples(stats, options, (xi, yi, p) => {
    x.set(xi, p * d);
    y[p] = yi;
  });
  const noise = options.noiseStd !== undefined ? `, σ_ε=${options.noiseStd}` : "";
  return {
    x,
    y,
    samples,
    dA: stats.dA,
    dB: stats.dB,
    label: `${stats.label}, P=${samples}${noise}, seed ${options.seed}`,
  };
}

/** The regression y = β x + σ ε that reproduces the statistics (teacher or conditional). */
function targetModel(
  stats: Statistics,
  noiseOverride: number | undefined,
): { beta: Float64Array; noiseStd: number } {
  if (stats.teacher !== undefined) {
    const noiseStd = noiseOverride ?? stats.teacher.noiseStd;
    requireFinite("noise", noiseStd);
    if (noiseStd < 0) throw new InputError("noise", `must be ≥ 0, got ${noiseStd}`);
    return { beta: Float64Array.from(stats.teacher.wStar), noiseStd };
  }
  if (noiseOverride !== undefined) {
    throw new InputError("noise", "can only be set for statistics with a teacher (w*, σ_ε)");
  }
  const d = stats.dA + stats.dB;
  const l = Float64Array.from(stats.sigma.flat());
  if (!choleskyInPlace(l, d))
    throw new InputError("sigma", "must be positive definite to sample from");
  const beta = Float64Array.from(stats.sigmaYX);
  choleskySolveInPlace(l, d, beta);
  // Round-off can make σ_y² − βΣ_yxᵀ slightly negative for a noiseless target.
  const residual = stats.sigmaY2 - dot(Array.from(beta), stats.sigmaYX);
  return { beta, noiseStd: Math.sqrt(Math.max(0, residual)) };
}
