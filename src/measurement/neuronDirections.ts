import type { ParameterLayout } from "../network/layout.js";

/**
 * Two first-layer neurons point the same way when the angle between their input weight
 * vectors is below this (docs/theory.md T12). Trained from small init, ReLU neurons condense onto
 * a few directions to within a fraction of a degree (measured with scripts/measure/t12Curve.ts:
 * the fixture records the counts at 2°, 5° and 15°, which agree); 5° separates those clusters
 * while staying far below the 45°-90° between the directions the XOR task needs.
 */
export const DIRECTION_ANGLE_DEGREES = 5;

/**
 * A neuron counts when its contribution |u_i|·|c_i| (input weight norm times the norm of its
 * outgoing weights) is at least this fraction of the largest one. From small init, neurons
 * that learned nothing stay near u0² (1e-12 at u0 = 1e-6) while learned ones are O(1):
 * any fraction between ~1e-8 and ~1e-2 gives the same count; 1e-3 also ignores neurons that
 * are still growing by many orders of magnitude at the end of the budget.
 */
export const NEGLIGIBLE_FRACTION = 1e-3;

export interface NeuronDirections {
  /** Number of distinct directions among the significant neurons. */
  readonly count: number;
  /** Significant neurons (|u|·|c| ≥ NEGLIGIBLE_FRACTION of the largest). */
  readonly significant: number;
  /** Unit direction of each cluster (its largest neuron's), in x = [x_A, x_B] coordinates. */
  readonly directions: readonly (readonly number[])[];
  /** Summed contribution |u|·|c| of each cluster's neurons. */
  readonly weights: readonly number[];
}

export interface DirectionRule {
  readonly angleDegrees?: number;
  readonly negligibleFraction?: number;
}

/**
 * Clusters the first-layer neurons of a ReLU fusion network by the angle of their input
 * weight vectors u_i ∈ R^D (early fusion: [W_A^1[i,:], W_B^1[i,:]]; a branch neuron's u_i is
 * zero outside its modality, so A's and B's neurons are always distinct). Greedy: neurons in
 * decreasing order of |u_i|·|c_i| join the first cluster whose representative is within the
 * angle, else open a new one. Depth 1 has no hidden neurons (count 0).
 */
export function neuronDirections(
  layout: ParameterLayout,
  theta: Float64Array,
  rule: DirectionRule = {},
): NeuronDirections {
  const { depth, fusionLayer, dA, dB } = layout.architecture;
  if (depth === 1) return { count: 0, significant: 0, directions: [], weights: [] };
  const neurons: { u: number[]; weight: number }[] = [];
  const { A, B } = layout.chains;
  const column = (next: { offset: number; rows: number; cols: number }, i: number) => {
    let sum = 0;
    for (let r = 0; r < next.rows; r++) sum += theta[next.offset + r * next.cols + i]! ** 2;
    return Math.sqrt(sum);
  };
  const row = (block: { offset: number; cols: number }, i: number) =>
    Array.from(theta.subarray(block.offset + i * block.cols, block.offset + (i + 1) * block.cols));
  const add = (u: number[], out: number) => {
    neurons.push({ u, weight: Math.hypot(...u) * out });
  };
  const h = A[0]!.rows;
  for (let i = 0; i < h; i++) {
    if (fusionLayer === 1) {
      // The first layer is the fusion layer: one neuron sees both modalities.
      add([...row(A[0]!, i), ...row(B[0]!, i)], column(A[1]!, i));
    } else {
      add([...row(A[0]!, i), ...new Array<number>(dB).fill(0)], column(A[1]!, i));
      add([...new Array<number>(dA).fill(0), ...row(B[0]!, i)], column(B[1]!, i));
    }
  }
  const largest = Math.max(0, ...neurons.map((n) => n.weight));
  const cutoff = (rule.negligibleFraction ?? NEGLIGIBLE_FRACTION) * largest;
  const cosLimit = Math.cos(((rule.angleDegrees ?? DIRECTION_ANGLE_DEGREES) * Math.PI) / 180);
  const kept = neurons.filter((n) => largest > 0 && n.weight >= cutoff);
  kept.sort((a, b) => b.weight - a.weight);
  const directions: number[][] = [];
  const weights: number[] = [];
  for (const n of kept) {
    const length = Math.hypot(...n.u);
    const unit = n.u.map((v) => v / length);
    const match = directions.findIndex(
      (d) => d.reduce((sum, v, k) => sum + v * unit[k]!, 0) >= cosLimit,
    );
    if (match >= 0) weights[match]! += n.weight;
    else {
      directions.push(unit);
      weights.push(n.weight);
    }
  }
  return { count: directions.length, significant: kept.length, directions, weights };
}
