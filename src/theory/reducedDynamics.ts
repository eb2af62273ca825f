import type { Statistics } from "../statistics/statistics.js";
import type { TwoLayerFusion } from "./fixedPoints.js";
import { solveOde } from "./odeSolve.js";

/*
 * The reduced two-layer dynamics in W^tot (T13, the phase portraits). A balanced chain
 * (U Uᵀ = vᵀv, the state small balanced init keeps) with map W = vU obeys, under
 * τ dθ/dt = −∇ℒ, with E = Σ_yx − W^tot Σ restricted to the chain's inputs,
 *
 *   dW/dt = ‖v‖² E + E UᵀU = ‖W‖ E + (E·W) W/‖W‖
 *
 * (balance gives ‖v‖² = ‖W‖ and UᵀU = WᵀW/‖W‖). Late fusion has one chain per modality, early
 * fusion one over [W_A, W_B]. For scalar modalities, late fusion reads dW_m/dt = 2|W_m| E_m.
 * The authors' notebook (vis_theo.ipynb) draws the same directions with other speeds: its
 * late field is half of this one, its early field ‖W‖ times it.
 */

/**
 * dW^tot/dt of the reduced balanced dynamics at the total map `w` (length D).
 *
 * @example
 * ```ts
 * import { fromToy } from "ubias";
 *
 * const toy = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0 });
 * reducedVelocity(toy, "late", [0.5, 0.5]); // → [2, 0.5]
 * reducedVelocity(toy, "late", [1, 0]); // → [0, 0]
 * ```
 */
export function reducedVelocity(
  stats: Statistics,
  fusion: TwoLayerFusion,
  w: readonly number[],
): number[] {
  const d = w.length;
  const error = Array.from({ length: d }, (_, i) => {
    let row = 0;
    for (let k = 0; k < d; k++) row += w[k]! * stats.sigma[k]![i]!;
    return stats.sigmaYX[i]! - row;
  });
  const chains: [number, number][] =
    fusion === "early"
      ? [[0, d]]
      : [
          [0, stats.dA],
          [stats.dA, d],
        ];
  const velocity = new Array<number>(d).fill(0);
  for (const [start, end] of chains) {
    let squared = 0;
    let alignment = 0;
    for (let i = start; i < end; i++) {
      squared += w[i]! * w[i]!;
      alignment += error[i]! * w[i]!;
    }
    const length = Math.sqrt(squared);
    if (length === 0) continue; // a zero chain stays at zero
    for (let i = start; i < end; i++)
      velocity[i] = length * error[i]! + (alignment * w[i]!) / length;
  }
  return velocity;
}

/** One state of a reduced trajectory. */
export interface ReducedSample {
  readonly t: number;
  readonly w: number[];
}

/**
 * The reduced dynamics integrated from w0 up to tEnd (Dormand-Prince, rtol 1e-10, the theory
 * layer's own solver): the state at the start and at every accepted step end.
 *
 * @example
 * ```ts
 * import { fromToy } from "ubias";
 *
 * // Late fusion, ρ = 0: W_A is logistic with rate 8 (2·σ_A²): W_A(t) = 1/(1 + 99 e^{−8t}).
 * const path = reducedTrajectory(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0 }), "late", [0.01, 0.01], 1);
 * path.at(-1)!.w[0]; // ≈ 0.968
 * ```
 */
export function reducedTrajectory(
  stats: Statistics,
  fusion: TwoLayerFusion,
  w0: readonly number[],
  tEnd: number,
): ReducedSample[] {
  const samples: ReducedSample[] = [{ t: 0, w: [...w0] }];
  solveOde(
    (_t, y, dy) => dy.set(reducedVelocity(stats, fusion, Array.from(y))),
    0,
    Float64Array.from(w0),
    { rtol: 1e-10, atol: 1e-14, maxSteps: 100_000, tEnd },
    (step) => {
      samples.push({ t: step.t1, w: Array.from(step.y1) });
      return false;
    },
  );
  return samples;
}
