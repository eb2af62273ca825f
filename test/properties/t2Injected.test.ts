import { afterEach, describe, expect, it, vi } from "vitest";
import { checkLateFusionRatio } from "../../properties/T2.js";
import { buildVectorStatistics } from "../../src/claims/arbitraries/vectorStatistics.js";
import { lateFusionDomain } from "../../src/claims/lateFusionDomain.js";
import { twoLayerLate } from "../../src/claims/twoLayerCase.js";
import { orient } from "../../src/statistics/derived.js";
import type { Statistics } from "../../src/statistics/statistics.js";

/**
 * T2's formula swapped for a wrong one (issue 11's injected bug: ‖e_B‖² for ‖e_B‖ with vector
 * B): T2.vector's check must fail while its tolerance stays bit-identical, which shows that
 * the tolerance holds no prediction (issue 10). Only lateFusionRatio is replaced.
 */
const inject = vi.hoisted(() => ({ squared: false }));

vi.mock("../../src/theory/lateFusionRatio.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/theory/lateFusionRatio.js")>();
  const { derive } = await import("../../src/statistics/derived.js");
  return {
    ...original,
    lateFusionRatio: (stats: Statistics) => {
      const right = original.lateFusionRatio(stats);
      if (!inject.squared || stats.dB === 1) return right;
      const q = derive(stats);
      return { ...right, ratio: 1 + (q.sA - q.sB) / Math.hypot(...q.eB) ** 2 };
    },
  };
});

afterEach(() => {
  inject.squared = false;
});

describe("T2.vector with an injected wrong formula (‖e_B‖²)", () => {
  it("fails on well-conditioned vector statistics with an unchanged tolerance", () => {
    let failed = 0;
    let measured = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const stats = orient(buildVectorStatistics({ dA: 3, dB: 3, condition: 3, seed })).stats;
      const net = twoLayerLate(1e-12, { kind: "balanced", width: 1, seed: 0 });
      const right = lateFusionDomain(stats, net);
      inject.squared = true;
      const wrong = lateFusionDomain(stats, net);
      if (!right.inDomain || !wrong.inDomain) {
        inject.squared = false;
        continue;
      }
      expect(wrong.tolerance).toBe(right.tolerance);
      const verdict = checkLateFusionRatio(stats, net);
      inject.squared = false;
      if (verdict.kind !== "measured") continue;
      measured++;
      if (Math.abs(verdict.error) > verdict.tolerance) failed++;
    }
    expect(measured).toBeGreaterThanOrEqual(5);
    expect(failed).toBeGreaterThan(0);
  });
});
