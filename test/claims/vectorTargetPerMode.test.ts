import { describe, expect, it } from "vitest";
import { buildVectorTargetStatistics } from "../../src/claims/arbitraries/vectorTargetStatistics.js";
import { vectorTargetSetup } from "../../src/claims/vectorTargetCase.js";
import { perModeRates } from "../../src/claims/vectorTargetPerMode.js";
import type { VectorTargetStatistics } from "../../src/statistics/vectorTarget.js";
import { deriveVectorTarget } from "../../src/statistics/vectorTarget.js";
import { perModeTimes } from "../../src/theory/vectorTargets.js";

describe("X5.per-mode rates from statistics", () => {
  it("hand-computed two-mode case: Σ_A = I, Σ_yxA = diag(3, 1), Σ_AB = (0.3, 0.1)", () => {
    // A's modes are e1 (rate 3) and e2 (rate 1, also after e1 is learned: (I − P₁)Σ_yxA =
    // diag(0, 1)). B's drive Σ_yxB − P_r Σ_yxA Σ_AB: r = 0: (0.5, 0.2); r = 1: (0.5 − 0.9, 0.2);
    // r = 2 (e_B): (0.5 − 0.9, 0.2 − 0.1).
    const stats: VectorTargetStatistics = {
      sigma: [
        [1, 0, 0.3],
        [0, 1, 0.1],
        [0.3, 0.1, 1],
      ],
      sigmaYX: [
        [3, 0, 0.5],
        [0, 1, 0.2],
      ],
      sigmaY2: 20,
      dA: 2,
      dB: 1,
      outputs: 2,
      label: "hand",
    };
    const { rates, aNormFractions } = perModeRates(stats);
    expect(rates.aRates.length).toBe(2);
    expect(rates.aRates[0]![0]).toBeCloseTo(3, 10);
    expect(rates.aRates[1]![0]).toBeCloseTo(1, 10);
    expect(rates.aRates[1]![1]).toBeCloseTo(1, 10);
    expect(rates.bRates[0]).toBeCloseTo(Math.hypot(0.5, 0.2), 10);
    expect(rates.bRates[1]).toBeCloseTo(Math.hypot(0.4, 0.2), 10);
    expect(rates.bRates[2]).toBeCloseTo(Math.hypot(0.4, 0.1), 10);
    expect(aNormFractions[0]).toBeCloseTo(3 / Math.sqrt(10), 10);
    expect(rates.aThresholdModes).toBe(1);
  });

  it("reduces to X5's operator form when Σ_yxA is rank one (dA = 1)", () => {
    let checked = 0;
    for (const seed of [0, 3, 9, 12, 21]) {
      const raw = buildVectorTargetStatistics({ outputs: 2, dA: 1, dB: 2, condition: 2, seed });
      const setup = vectorTargetSetup(raw, 1e-6);
      if (setup.stats.dA !== 1) continue; // oriented the other way: A is the 2-column block
      const q = deriveVectorTarget(setup.stats);
      const { rates } = perModeRates(setup.stats);
      expect(rates.aRates).toHaveLength(1);
      expect(rates.aRates[0]![0]).toBeCloseTo(q.topA, 10);
      expect(rates.bRates[0]).toBeCloseTo(q.topB, 10);
      expect(rates.bRates[1]).toBeCloseTo(q.topE, 10);
      expect(perModeTimes(rates).ratio).toBeCloseTo(setup.ratio, 10);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });
});
