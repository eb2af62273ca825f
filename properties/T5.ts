/**
 * T5 — intermediate fusion with balanced init (docs/theory.md T5): for 1 < Lf < L the ratio
 * t_B/t_A follows from the T5 integral for t_A and the closed-form duration
 * (src/theory/intermediateFusion.ts), derived for the toy family at small u0.
 *
 * Tolerance: T5 is leading order in u0; see `t5Tolerance` (src/claims/intermediateFusionCase.ts)
 * for the targets and the measured envelopes (scripts/measure/deep.ts).
 */
import fc from "fast-check";
import { initScale, toyParameters } from "../src/claims/arbitraries/index.js";
import { defineClaim } from "../src/claims/claim.js";
import {
  checkIntermediate,
  intermediateArchitecture,
} from "../src/claims/intermediateFusionCase.js";
import { outOfDomain } from "../src/claims/verdict.js";
import { derive, orient } from "../src/statistics/derived.js";
import { fromToy } from "../src/statistics/toy.js";

export const T5 = defineClaim({
  id: "T5",
  statement:
    "Intermediate fusion, balanced init: t_B/t_A from the T5 integral and duration formula",
  domain:
    "toy family w = (1,1), σA/σB ∈ [1.5, 3] (the measured grid; near ties exceed it: documented counterexample), Σ_yxB·e_B > 0 (ρ > −σB/σA), L ∈ [3, 6], 1 < Lf < L, u0 ∈ [1e-3, 0.1], balanced init, gradient flow",
  tolerance:
    "Lf > 2: 2% at u0 ≤ 0.01, 5% at u0 ≤ 0.03 (issue targets), 1.2·u0 up to 0.1; Lf = 2: 0.8·√u0 (measured envelope)",
  arbitrary: fc.record({
    toy: toyParameters({ sigmaRatio: [1.5, 3] }),
    arch: intermediateArchitecture(6),
    u0: initScale({ min: 1e-3, max: 0.1 }),
  }),
  defaultRuns: 60,
  check: ({ toy, arch, u0 }) => {
    const stats = fromToy(toy);
    if (!(derive(stats).cosSigmaBeB > 0)) return outOfDomain("signs-apart", { stats: stats.label });
    return checkIntermediate(orient(stats).stats, arch, u0);
  },
});
