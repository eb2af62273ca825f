import { InputError } from "../errors/inputError.js";
import type { Statistics } from "../statistics/statistics.js";
import type { SamplingOptions } from "./sampleFromStatistics.js";
import { drawSamples } from "./sampleFromStatistics.js";
import type { SampleSet } from "./sampleSet.js";

/**
 * Sample moments of a finite data set in the shape of population Statistics (docs/theory.md §2,
 * T10): Σ̂ = XᵀX/P, Σ̂_yx = yᵀX/P, σ̂_y² = yᵀy/P. Full-batch gradient descent or flow on the
 * empirical loss ½·mean((y − Wx)²) = ½σ̂_y² − Σ̂_yx Wᵀ + ½ W Σ̂ Wᵀ is then exactly a run on
 * these moments, at a cost independent of P. For P ≤ D, Σ̂ is singular: the moments are
 * fine for linearNetworkModel (which only multiplies by Σ̂) but NOT for validateStatistics or
 * derive (which invert Σ̂). No teacher is attached: Σ̂_yx ≠ w*ᵀΣ̂ on finite data.
 */
export interface SampleMoments extends Statistics {
  /** The number of samples P behind the moments. */
  readonly samples: number;
}

/** Accumulates Σ xxᵀ, Σ y x, Σ y² over samples in a fixed order (bit-reproducible). */
class MomentAccumulator {
  private readonly xx: Float64Array;
  private readonly yx: Float64Array;
  private yy = 0;
  private count = 0;

  constructor(private readonly d: number) {
    this.xx = new Float64Array(d * d);
    this.yx = new Float64Array(d);
  }

  add(x: Float64Array, xOffset: number, y: number): void {
    const { d, xx, yx } = this;
    for (let i = 0; i < d; i++) {
      const xi = x[xOffset + i]!;
      yx[i]! += y * xi;
      const row = i * d;
      for (let j = i; j < d; j++) xx[row + j]! += xi * x[xOffset + j]!;
    }
    this.yy += y * y;
    this.count++;
  }

  finish(dA: number, dB: number, label: string): SampleMoments {
    const { d, xx, yx, count } = this;
    if (count < 1) throw new InputError("samples", "need at least 1 sample for moments");
    const sigma: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        const v = xx[i * d + j]! / count;
        sigma[i]![j] = v;
        sigma[j]![i] = v;
      }
    }
    return {
      sigma,
      sigmaYX: Array.from(yx, (v) => v / count),
      sigmaY2: this.yy / count,
      dA,
      dB,
      samples: count,
      label,
    };
  }
}

/** Σ̂, Σ̂_yx, σ̂_y² of a stored data set. */
export function sampleMoments(set: SampleSet): SampleMoments {
  const d = set.dA + set.dB;
  const acc = new MomentAccumulator(d);
  for (let p = 0; p < set.samples; p++) acc.add(set.x, p * d, set.y[p]!);
  return acc.finish(set.dA, set.dB, `sample moments of ${set.label}`);
}

/**
 * The moments of sampleFromStatistics(stats, options) without storing the samples (same
 * draws, same accumulation order, so bit-identical to sampleMoments of the stored set):
 * memory O(D²) for any P, e.g. P = 10⁶ at D = 100.
 */
export function sampledMoments(stats: Statistics, options: SamplingOptions): SampleMoments {
  const d = stats.dA + stats.dB;
  const acc = new MomentAccumulator(d);
  drawSamples(stats, options, (x, y) => acc.add(x, 0, y));
  const noise = options.noiseStd !== undefined ? `, σ_ε=${options.noiseStd}` : "";
  return acc.finish(
    stats.dA,
    stats.dB,
    `sample moments of ${stats.label}, P=${options.samples}${noise}, seed ${options.seed}`,
  );
}
