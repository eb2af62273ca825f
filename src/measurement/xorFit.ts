import type { SampleSet } from "../data/sampleSet.js";
import { XOR_POINTS } from "../data/xor.js";
import { InputError } from "../errors/inputError.js";
import type { ParameterLayout } from "../network/layout.js";
import { reluNetworkModel } from "../network/reluNetwork.js";

/**
 * How much of T12's XOR part a trained ReLU network fits (docs/theory.md T12.early). The target
 * is y = −x_A1·x_A2 + x_B, and E[y | x_A] = −x_A1·x_A2: per XOR point j the mean residual
 * r_j = mean over its samples of (ŷ − y) is the error of the network's XOR part at that point
 * (x_B's draws enter ŷ and y alike). Without biases each of the four directions ±(1, 1), ±(1, −1)
 * a ReLU neuron needs for −x_A1·x_A2 is active on one XOR point only, so an unfitted point has
 * r_j ≈ ±1 and a fitted one r_j ≈ 0: the loss sits on plateaus m/8 for m unfitted points
 * (½·¼·1² each), which is what the recorded losses show (fixtures/reference/t12-early-failure.json).
 */

/** A point counts as fitted when its mean residual is below half the target's magnitude 1. */
export const XOR_POINT_FITTED = 0.5;

/** Mean residual ŷ − y of each XOR point (order of XOR_POINTS), from the trained parameters. */
export function xorPointResiduals(
  layout: ParameterLayout,
  theta: Float64Array,
  samples: SampleSet,
): number[] {
  if (samples.dA !== 2 || samples.dB !== 1) {
    throw new InputError(
      "samples",
      `must be T12's XOR data (dA = 2, dB = 1), got dA = ${samples.dA}, dB = ${samples.dB}`,
    );
  }
  const model = reluNetworkModel(layout, samples);
  const prediction = new Float64Array(samples.samples);
  model.predict(theta, prediction);
  const sums = [0, 0, 0, 0];
  const counts = [0, 0, 0, 0];
  for (let p = 0; p < samples.samples; p++) {
    const a1 = samples.x[3 * p]!;
    const a2 = samples.x[3 * p + 1]!;
    const j = XOR_POINTS.findIndex(([b1, b2]) => b1 === a1 && b2 === a2);
    if (j < 0)
      throw new InputError("samples", `sample ${p} has x_A = (${a1}, ${a2}), not an XOR point`);
    sums[j]! += prediction[p]! - samples.y[p]!;
    counts[j]!++;
  }
  return sums.map((s, j) => s / counts[j]!);
}

/** Number of XOR points whose mean residual is below XOR_POINT_FITTED in magnitude (0-4). */
export function xorPointsFitted(residuals: readonly number[]): number {
  return residuals.filter((r) => Math.abs(r) < XOR_POINT_FITTED).length;
}
