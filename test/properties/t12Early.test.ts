import { describe, expect, it } from "vitest";
import {
  earlyFusionTrial,
  T12_EARLY,
  T12_EARLY_VARIANCES,
  trialOutcome,
} from "../../properties/T12.early.js";
import { checkClaim } from "../../src/claims/runner.js";
import { defineStatisticalClaim } from "../../src/claims/statisticalClaim.js";

// T12.early (docs/theory.md T12.early) must be able to fail: on the wrong statement, and on the
// wrong network. Its own check at the suite seed runs in test/properties/claims.test.ts.
const seed = Number(process.env.UBIAS_SEED);
const LARGE = `v = ${T12_EARLY_VARIANCES.large}`;

describe("T12.early can fail", () => {
  it("the opposite inequality p(v = 5) ≤ ½ is refuted by the same trials", () => {
    const opposite = defineStatisticalClaim({
      ...T12_EARLY.spec,
      id: "T12.early-opposite",
      arms: T12_EARLY.spec.arms.filter((a) => a.name === LARGE),
      hypotheses: [{ arm: LARGE, atMost: 0.5 }],
    });
    const result = checkClaim(opposite, { seed });
    expect(result.statistical?.verdict).toBe("refuted");
    expect(result.holds).toBe(false);
  });

  it("late fusion in place of early fusion refutes p(v = 5) ≥ ½ (it learns the XOR part, T12)", () => {
    // 20 trials: refuted unless ≥ 6 of them leave XOR unlearned (the 95% upper end of 5/20 is
    // 0.49); measured 1 in 20 for late fusion at this configuration (seeds 1-20).
    const late = defineStatisticalClaim({
      ...T12_EARLY.spec,
      id: "T12.early-late-fusion",
      arms: [
        {
          name: LARGE,
          trial: (s: number) =>
            trialOutcome(earlyFusionTrial(T12_EARLY_VARIANCES.large, s, { fusionLayer: 2 })),
        },
      ],
      hypotheses: [{ arm: LARGE, atLeast: 0.5 }],
      defaultTrials: 20,
    });
    const result = checkClaim(late, { seed });
    expect(result.statistical?.verdict).toBe("refuted");
  });
});

describe("a T12.early trial", () => {
  it("an unlearned XOR part is the loss plateau ½ with no XOR point fitted", () => {
    // Seed 2 at v = 5 (fixture run): XOR unlearned, x_B's part fitted.
    const trial = earlyFusionTrial(5, 2);
    expect(trial.xorUnlearned).toBe(true);
    expect(trial.pointsFitted).toBe(0);
    for (const r of trial.residuals) expect(Math.abs(r)).toBeGreaterThan(0.5);
    // ½·¼Σ r_j² is the XOR part's share of the loss (conditional means, stratified points).
    const xorShare = trial.residuals.reduce((s, r) => s + r * r, 0) / 8;
    expect(trial.finalLoss).toBeGreaterThanOrEqual(xorShare - 1e-12);
    expect(trial.finalLoss).toBeGreaterThan(0.4);
    expect(trial.finalLoss).toBeLessThan(trial.initialLoss / 5);
  });
});
