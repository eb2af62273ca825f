// Writes fixtures/counterexamples/T10-over-late-lower-Eg.json: one §6-shaped case (dA = dB = 18,
// P = 29 < D = 36, u0 = 1e-6) where docs/theory.md T10's "late fusion ends with a higher E_g" fails per
// instance. The case is index 8 of `fc.sample(t10Samples({ regime: "over-wide" }), { numRuns: 30,
// seed: 7 })`, the sample of scripts/measure/t10OverLate.ts (30 over-wide cases: larger ‖W_A‖
// in 30, larger E_g in 26). Re-running this script reproduces the file byte for byte.
// Run: npx tsx scripts/measure/t10OverLateFixture.ts
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { T10OverLate } from "../../properties/T10.ts";
import { t10Samples } from "../../src/claims/arbitraries/t10Samples.ts";

const SAMPLE = { numRuns: 30, seed: 7 } as const;
const INDEX = 8;
const c = fc.sample(t10Samples({ regime: "over-wide" }), SAMPLE)[INDEX]!;
const verdict = T10OverLate.check(c);
if (verdict.kind !== "measured") throw new Error(`case not measured: ${verdict.kind}`);
const d = verdict.details as Record<string, number>;
const round = (x: number) => Number(x.toPrecision(6));
const fixture = {
  claim: "T10",
  finding:
    "docs/theory.md T10 (over-parameterised, P < D): late fusion ends at an interpolator with more weight on A and a higher E_g than early fusion's. The first half held here (‖W_A‖ late > early), the second did not: late fusion generalises BETTER. Per-instance frequency (scripts/measure/t10OverLate.ts, seed 7): larger E_g in 26 of 30 §6-shaped cases (dA = dB ∈ [15, 25], P ∈ [0.55D, 0.85D]) and 30 of 40 small ones; larger ‖W_A‖ in 30 of 30 and 31 of 40. T10's E_g statement holds on average and in §6's D = 100 reference (scripts/measure/t10Reference.ts), not per instance; properties/T10.ts T10.over-late asserts only the ‖W_A‖ half.",
  case: c,
  network: { depth: 2, init: "gaussian", method: "flow (DOPRI5, rtol 1e-10)", stepBudget: 200000 },
  measured: {
    normAEarly: round(d.normAEarly!),
    normALate: round(d.normALate!),
    egEarly: round(d.egEarly!),
    egLate: round(d.egLate!),
  },
  generator: {
    script: "scripts/measure/t10OverLateFixture.ts",
    command: "npx tsx scripts/measure/t10OverLateFixture.ts",
    sample: `fc.sample(t10Samples({ regime: "over-wide" }), { numRuns: ${SAMPLE.numRuns}, seed: ${SAMPLE.seed} })[${INDEX}]`,
  },
};
const path = new URL("../../fixtures/counterexamples/T10-over-late-lower-Eg.json", import.meta.url);
writeFileSync(path, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(JSON.stringify(fixture.measured));
