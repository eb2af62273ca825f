// The toy grid the two-layer measurement scripts sweep: σA/σB ∈ {1.1, 1.5, 2, 3} ×
// ρ ∈ {−0.9, −0.5, 0, 0.5, 0.9} × teacher w ∈ {(1, 1), (0.5, 1.5), (−1, 2)} × the given u0 ×
// inits {balanced; Gaussian width 1, seed 1; Gaussian width 32, seed 3}, oriented (A faster).
import type { NetworkCase } from "../../src/claims/twoLayerCase.ts";
import type { Statistics } from "../../src/statistics/index.ts";
import { fromToy, orient } from "../../src/statistics/index.ts";

export interface ToyGridCase {
  readonly r: number;
  readonly rho: number;
  readonly w: readonly [number, number];
  readonly u0: number;
  readonly stats: Statistics;
  readonly net: NetworkCase;
}

export function* twoLayerToyGrid(u0s: readonly number[]): Generator<ToyGridCase> {
  for (const r of [1.1, 1.5, 2, 3])
    for (const rho of [-0.9, -0.5, 0, 0.5, 0.9])
      for (const w of [
        [1, 1],
        [0.5, 1.5],
        [-1, 2],
      ] as const)
        for (const u0 of u0s)
          for (const [init, width, seed] of [
            ["balanced", 1, 0],
            ["gaussian", 1, 1],
            ["gaussian", 32, 3],
          ] as const) {
            const { stats } = orient(fromToy({ sigmaA: r, sigmaB: 1, rho, wA: w[0], wB: w[1] }));
            const net = { depth: 2, fusionLayer: 2, width, init, seed, u0 };
            yield { r, rho, w, u0, stats, net };
          }
}
