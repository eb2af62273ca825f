import { InputError, requireInteger, requirePositive } from "../errors/inputError.js";
import { normalSource } from "../random/gaussian.js";
import type { SampleSet } from "./sampleSet.js";

/** Parameters of docs/theory.md T12's heterogeneous data set. */
export interface XorDataOptions {
  /** Variance v > 0 of the linear modality x_B ~ N(0, v). */
  readonly variance: number;
  /** Number of samples P, a positive multiple of 4 (each XOR point gets exactly P/4). */
  readonly samples: number;
  /** Seed of the x_B draws. */
  readonly seed: number;
}

/** The four XOR inputs x_A ∈ {±1}², each equally likely. */
export const XOR_POINTS: readonly (readonly [number, number])[] = [
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
];

/**
 * T12's data (docs/theory.md T12): x_A uniform on {±1}², x_B ~ N(0, v), y = −x_A1·x_A2 + x_B
 * (dA = 2, dB = 1). The expectation over x_A is exact: sample p takes XOR point p mod 4, so
 * every point carries weight exactly ¼ (stratified, no sampling noise in the XOR part); only
 * x_B is drawn, P seeded normals scaled by √v, independent of x_A as in the population.
 * The population loss floor is 0 (y is a function of x) and ℒ(0) = ½(1 + v).
 */
export function xorSampleSet(options: XorDataOptions): SampleSet {
  const variance = requirePositive("var-lin", options.variance);
  const samples = requireInteger("samples", options.samples, 4, 50_000_000);
  if (samples % 4 !== 0) {
    throw new InputError(
      "samples",
      `must be a multiple of 4 (stratified XOR points), got ${samples}`,
    );
  }
  const normals = normalSource(options.seed);
  const std = Math.sqrt(variance);
  const x = new Float64Array(samples * 3);
  const y = new Float64Array(samples);
  for (let p = 0; p < samples; p++) {
    const [a1, a2] = XOR_POINTS[p % 4]!;
    const b = std * normals.next();
    x[3 * p] = a1;
    x[3 * p + 1] = a2;
    x[3 * p + 2] = b;
    y[p] = -a1 * a2 + b;
  }
  return {
    x,
    y,
    samples,
    dA: 2,
    dB: 1,
    label: `xor v=${variance}, P=${samples}, seed ${options.seed}`,
  };
}
