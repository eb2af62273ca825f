/**
 * T7 — initialisation (docs/theory.md T7): for 1 < Lf < L the ratio grows with u0 (→ 1 as
 * u0 → 0) while the duration t_B − t_A grows as u0 shrinks (∝ u0^{2−Lf} for Lf > 2).
 * Checked in the formula (T7.formula) and in simulation (T7) by comparing u0 with 3·u0.
 * In simulation, near ties (σA/σB ≈ 1.1, ρ ≥ 0.85, k ≈ 0.9) at Lf = 2 the measured ratio
 * *decreases* by 0.4-1.2% from u0 to 3·u0 (fixtures/counterexamples/deep-near-ties.json): the
 * simulation claim's domain is σA/σB ∈ [1.5, 3]; the formula claim holds on general rates.
 */
import fc from "fast-check";
import { initScale, phaseRates, toyParameters } from "../src/claims/arbitraries/index.js";
import { defineClaim } from "../src/claims/claim.js";
import { simulateCase } from "../src/claims/twoLayerCase.js";
import { measured, outOfDomain, unmeasurable } from "../src/claims/verdict.js";
import { derive } from "../src/statistics/derived.js";
import { fromToy } from "../src/statistics/toy.js";
import { unimodalPhasePrediction } from "../src/theory/intermediateFusion.js";

/** Quadrature accuracy of the formula values (1e-12 relative requested), with margin. */
const FORMULA_SLACK = 1e-11;

const architecture = fc
  .integer({ min: 3, max: 10 })
  .chain((depth) =>
    fc.record({ depth: fc.constant(depth), fusionLayer: fc.integer({ min: 2, max: depth - 1 }) }),
  );

/** Wrong-direction change of (ratio, duration) between u0 and 3·u0, relative. */
function wrongDirection(
  small: { ratio: number; duration: number },
  large: { ratio: number; duration: number },
): number {
  const ratioDrop = (small.ratio - large.ratio) / small.ratio; // ratio must grow with u0
  const durationRise = (large.duration - small.duration) / small.duration; // duration must shrink
  return Math.max(0, ratioDrop, durationRise);
}

export const T7Formula = defineClaim({
  id: "T7.formula",
  statement: "T5 formula, 1 < Lf < L: the ratio grows with u0, the duration shrinks with u0",
  domain:
    "s_A, e, g ∈ [0.01, 100], k ∈ [0.001, 0.999], L ∈ [3, 10], 1 < Lf < L, u0 ∈ [1e-6, 0.03] compared with 3·u0",
  tolerance: "wrong-direction change ≤ 1e-11 relative (quadrature accuracy)",
  arbitrary: fc.record({
    rates: phaseRates(),
    arch: architecture,
    u0: initScale({ min: 1e-6, max: 0.03 }),
  }),
  defaultRuns: 200,
  check: ({ rates, arch, u0 }) => {
    const small = unimodalPhasePrediction(rates, arch, u0);
    const large = unimodalPhasePrediction(rates, arch, 3 * u0);
    return measured({
      error: wrongDirection(small, large),
      tolerance: FORMULA_SLACK,
      details: { rates, ...arch, u0, small, large },
    });
  },
});

/** Event-location accuracy of measured times (~1e-8), with margin. */
const SIMULATION_SLACK = 1e-6;

export const T7 = defineClaim({
  id: "T7",
  statement:
    "Simulation, 1 < Lf < L: the ratio grows with u0, the duration shrinks with u0 (balanced init)",
  domain:
    "toy family w = (1,1), σA/σB ∈ [1.5, 3], Σ_yxB·e_B > 0, L ∈ [3, 5], 1 < Lf < L, u0 ∈ [0.01, 0.03] compared with 3·u0, gradient flow; near ties at Lf = 2 the ratio moves the wrong way (documented counterexample)",
  tolerance: "wrong-direction change ≤ 1e-6 relative (event-location accuracy)",
  arbitrary: fc.record({
    toy: toyParameters({ sigmaRatio: [1.5, 3] }),
    arch: fc.integer({ min: 3, max: 5 }).chain((depth) =>
      fc.record({
        depth: fc.constant(depth),
        fusionLayer: fc.integer({ min: 2, max: depth - 1 }),
      }),
    ),
    u0: initScale({ min: 0.01, max: 0.03 }),
  }),
  defaultRuns: 20,
  check: ({ toy, arch, u0 }) => {
    const stats = fromToy(toy);
    const base = { stats: stats.label, ...arch, u0 };
    if (!(derive(stats).cosSigmaBeB > 0)) return outOfDomain("signs-apart", base);
    const run = (scale: number) =>
      simulateCase(stats, { ...arch, width: 1, init: "balanced", seed: 0, u0: scale });
    const small = run(u0);
    const large = run(3 * u0);
    const details = { ...base, small: small.times, large: large.times };
    if (!small.times.reached || !large.times.reached)
      return unmeasurable(`not reached (${small.run.status}, ${large.run.status})`, details);
    return measured({
      error: wrongDirection(small.times, large.times),
      tolerance: SIMULATION_SLACK,
      details,
    });
  },
});
