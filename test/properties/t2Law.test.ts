import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSmallInitLimit, T2_LIMIT_TOLERANCE } from "../../properties/T2.limit.js";
import { buildPaperRandomFamily } from "../../src/claims/arbitraries/paperRandomFamily.js";
import { buildVectorStatistics } from "../../src/claims/arbitraries/vectorStatistics.js";
import { lateFusionDomain } from "../../src/claims/lateFusionDomain.js";
import { extrapolatedRatio } from "../../src/claims/smallInitLimit.js";
import { T2_VECTOR_MAX_CONDITION } from "../../src/claims/t2Law.js";
import { lateFusionWeights, simulateCase, twoLayerLate } from "../../src/claims/twoLayerCase.js";
import { symmetricEigenvalues } from "../../src/linalg/eigen.js";
import { derive, orient } from "../../src/statistics/derived.js";
import { fromToy } from "../../src/statistics/toy.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";
import { nextOrderLateFusion } from "../../src/theory/nextOrderLateFusion.js";

/** T2's ratio with ‖e_B‖² for ‖e_B‖ (issue 11's injected bug for vector B). */
const squaredResidual = (s: ReturnType<typeof derive>) =>
  1 + (s.sA - s.sB) / Math.hypot(...s.eB) ** 2;

describe("T2's tolerance follows the law of its error and has teeth (issue 10)", () => {
  // That the tolerance holds no prediction is tested by injecting a wrong formula:
  // test/properties/t2Injected.test.ts.

  it("on well-conditioned vector statistics T2 holds within the law while ‖e_B‖² for ‖e_B‖ is rejected", () => {
    let rejected = 0;
    let cases = 0;
    for (let seed = 1; seed <= 16; seed++) {
      const stats = orient(buildVectorStatistics({ dA: 3, dB: 3, condition: 3, seed })).stats;
      const net = twoLayerLate(1e-12, { kind: "balanced", width: 1, seed: 0 });
      const domain = lateFusionDomain(stats, net);
      if (!domain.inDomain) continue;
      const { times } = simulateCase(stats, net);
      if (!times.reached) continue;
      cases++;
      expect(Math.abs(times.ratio / domain.predicted - 1)).toBeLessThanOrEqual(domain.tolerance);
      const wrong = squaredResidual(derive(stats));
      if (Math.abs(times.ratio / wrong - 1) > domain.tolerance) rejected++;
    }
    expect(cases).toBeGreaterThanOrEqual(6);
    expect(rejected).toBeGreaterThan(0);
  });

  it("on the paper's own family at u0 = 1e-9 the law's bound exceeds 50 %: the per-run T2 claim is loose there (a finding, docs/next-order.md)", () => {
    const tolerances: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const stats = buildPaperRandomFamily({ dimension: 10, seed });
      const domain = lateFusionDomain(
        stats,
        twoLayerLate(1e-9, { kind: "balanced", width: 1, seed: 0 }),
      );
      if (domain.inDomain) tolerances.push(domain.tolerance);
    }
    expect(tolerances.length).toBeGreaterThanOrEqual(6);
    expect(Math.min(...tolerances)).toBeGreaterThan(0.5);
  });

  it("on the toy family dropping (1 − ρ²) from T2 is rejected at ρ = 0.8", () => {
    const stats = orient(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.8 })).stats;
    const net = twoLayerLate(1e-9, { kind: "balanced", width: 1, seed: 0 });
    const domain = lateFusionDomain(stats, net);
    expect(domain.inDomain).toBe(true);
    if (!domain.inDomain) return;
    const { times } = simulateCase(stats, net);
    expect(Math.abs(times.ratio / domain.predicted - 1)).toBeLessThanOrEqual(domain.tolerance);
    const wrong = 1 + (4 - 1) / 1;
    expect(Math.abs(times.ratio / wrong - 1)).toBeGreaterThan(domain.tolerance);
  });
});

const creep = JSON.parse(
  readFileSync(
    new URL("../../fixtures/counterexamples/T2-vector-B-creep.json", import.meta.url),
    "utf8",
  ),
);

describe("T2.vector B-creep counterexample (cond Σ = 5.8e3)", () => {
  const stats = orient(buildVectorStatistics(creep.case.vector)).stats;
  const net = twoLayerLate(creep.case.u0, creep.case.init);

  it("T2 is off far beyond the law's bound, the next-order prediction times the run", () => {
    const { times } = simulateCase(stats, net);
    expect(Math.abs(times.ratio / creep.measured.ratio - 1)).toBeLessThan(1e-6);
    const t2 = lateFusionRatio(stats).ratio;
    expect(Math.abs(times.ratio / t2 - 1)).toBeGreaterThan(5 * creep.lawTolerance);
    const next = nextOrderLateFusion(stats, lateFusionWeights(stats, net));
    expect(Math.abs(times.ratio / next.ratio - 1)).toBeLessThan(1e-4);
  });

  it("lies beyond T2.vector's generic cap on cond Σ, which is why the cap is where it is", () => {
    const ev = symmetricEigenvalues(stats.sigma);
    expect(Math.max(...ev) / Math.min(...ev)).toBeGreaterThan(T2_VECTOR_MAX_CONDITION);
  });
});

describe("T2.limit extrapolates the flow to u0 → 0 (issue 10)", () => {
  it("recovers T2 on paper draws where T2 is tens of % off at u0 = 1e-9, and rejects ‖e_B‖² for ‖e_B‖", () => {
    let rejected = 0;
    let measured = 0;
    for (const [dimension, seed] of [
      [10, 1],
      [20, 3],
      [10, 12],
    ] as const) {
      const stats = buildPaperRandomFamily({ dimension, seed });
      const verdict = checkSmallInitLimit(stats, { kind: "gaussian", width: 8, seed });
      if (verdict.kind !== "measured") continue;
      measured++;
      expect(Math.abs(verdict.error)).toBeLessThanOrEqual(T2_LIMIT_TOLERANCE);
      const limit = verdict.details.extrapolated as number;
      if (Math.abs(limit / squaredResidual(derive(stats)) - 1) > T2_LIMIT_TOLERANCE) rejected++;
    }
    expect(measured).toBeGreaterThanOrEqual(2);
    expect(rejected).toBe(measured);
  });

  it("extrapolatedRatio is exact on R(L) = 1 + (P L + Q)/(L + a)", () => {
    const r = (l: number) => 1 + (3 * l + 7) / (l - 2);
    const logs = [30, 60, 120];
    expect(extrapolatedRatio(logs, logs.map(r))).toBeCloseTo(4, 10);
  });
});
