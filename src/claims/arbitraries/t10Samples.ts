import fc from "fast-check";
import { logUniform, uniform } from "./uniform.js";

/** Which regime of docs/theory.md T10 a generated data set is in. */
export type T10Regime = "under" | "over" | "over-wide" | "stall";

/**
 * Constraints of `t10Samples`: the regime fixes P against D = dA + dB. Dimensions are small
 * (D ≤ 14 instead of §6's 100) so that a claim's default runs stay within a few seconds; the
 * full-size facts are reproduced by scripts/measure/t10Reference.ts.
 */
export interface T10SamplesConstraints {
  readonly regime: T10Regime;
  /** Smallest u0 (default 1e-6). */
  readonly minU0?: number;
  /** Largest u0 (default 1e-2). */
  readonly maxU0?: number;
}

/** One generated finite-data case: the T10 family, the sample count, the init. */
export interface T10SamplesCase {
  readonly dA: number;
  readonly dB: number;
  readonly varianceA: number;
  readonly teacherWeight: number;
  readonly noiseStd: number;
  readonly samples: number;
  readonly dataSeed: number;
  readonly initSeed: number;
  readonly width: number;
  readonly u0: number;
}

/**
 * The T10 family (independent coordinates, Var x_B = 1, Var x_A ∈ [2, 4], w* = w·1 with
 * w ∈ [0.2, 1], σ_ε ∈ [0.1, 0.5]); A is the faster modality in the population for every draw
 * (s_A = Var_A·w·√dA ≥ 2√2·w > √6·w ≥ s_B). P by regime:
 * under: P = r·D with r ∈ [10, 40] (P ≫ D: the least-squares solution generalises well);
 * over: dA < P < D (dA ∈ [2, 5], dB ∈ [3, 8]); over-wide: §6's shape scaled down, dA = dB ∈
 * [15, 25], P ∈ [0.55D, 0.85D] (§6: P/D = 0.7); stall: 2 ≤ P ≤ dA − 1 (dA ∈ [4, 8], dB ∈ [2, 6]; at P = dA, X_A is square and
 * its slowest mode can leave B time to grow: scripts/measure/t10StallGenerated.ts).
 * Gaussian init, width 4-16, u0 log-uniform in [minU0, maxU0]. Built by chain/map, no filter.
 */
export function t10Samples(constraints: T10SamplesConstraints): fc.Arbitrary<T10SamplesCase> {
  const { regime } = constraints;
  const dims =
    regime === "under"
      ? fc.record({ dA: fc.integer({ min: 2, max: 6 }), dB: fc.integer({ min: 2, max: 6 }) })
      : regime === "over"
        ? fc.record({ dA: fc.integer({ min: 2, max: 5 }), dB: fc.integer({ min: 3, max: 8 }) })
        : regime === "over-wide"
          ? fc.integer({ min: 15, max: 25 }).map((half) => ({ dA: half, dB: half }))
          : fc.record({ dA: fc.integer({ min: 4, max: 8 }), dB: fc.integer({ min: 2, max: 6 }) });
  return dims.chain(({ dA, dB }) => {
    const d = dA + dB;
    const samples =
      regime === "under"
        ? fc.integer({ min: 10 * d, max: 40 * d })
        : regime === "over"
          ? fc.integer({ min: dA + 1, max: d - 1 })
          : regime === "over-wide"
            ? fc.integer({ min: Math.round(0.55 * d), max: Math.round(0.85 * d) })
            : fc.integer({ min: 2, max: dA - 1 });
    return fc.record({
      dA: fc.constant(dA),
      dB: fc.constant(dB),
      varianceA: uniform(2, 4),
      teacherWeight: logUniform(0.2, 1),
      noiseStd: uniform(0.1, 0.5),
      samples,
      dataSeed: fc.integer({ min: 0, max: 0xffffffff }),
      initSeed: fc.integer({ min: 0, max: 0xffffffff }),
      width: fc.integer({ min: 4, max: 16 }),
      u0: logUniform(constraints.minU0 ?? 1e-6, constraints.maxU0 ?? 1e-2),
    });
  });
}
