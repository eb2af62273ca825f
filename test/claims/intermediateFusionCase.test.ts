import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkIntermediate,
  intermediateArchitecture,
  T5_LF2_COEFFICIENT,
  T5_SLOPE,
  t5Tolerance,
} from "../../src/claims/intermediateFusionCase.js";
import { orient } from "../../src/statistics/derived.js";
import { fromToy } from "../../src/statistics/toy.js";

describe("t5Tolerance", () => {
  it("Lf > 2: 2 % up to u0 = 0.01, 5 % up to 0.03, T5_SLOPE·u0 beyond", () => {
    expect(t5Tolerance(0.01, 3)).toBe(0.02);
    expect(t5Tolerance(0.0101, 3)).toBe(0.05);
    expect(t5Tolerance(0.03, 4)).toBe(0.05);
    expect(t5Tolerance(0.031, 4)).toBeCloseTo(T5_SLOPE * 0.031, 15);
  });
  it("Lf = 2: T5_LF2_COEFFICIENT·√u0 at every u0", () => {
    expect(t5Tolerance(0.01, 2)).toBeCloseTo(T5_LF2_COEFFICIENT * 0.1, 15);
    expect(t5Tolerance(0.09, 2)).toBeCloseTo(T5_LF2_COEFFICIENT * 0.3, 15);
  });
});

describe("intermediateArchitecture", () => {
  it("draws 3 ≤ L ≤ maxDepth and 1 < Lf < L", () => {
    fc.assert(
      fc.property(intermediateArchitecture(5), ({ depth, fusionLayer }) => {
        expect(depth).toBeGreaterThanOrEqual(3);
        expect(depth).toBeLessThanOrEqual(5);
        expect(fusionLayer).toBeGreaterThan(1);
        expect(fusionLayer).toBeLessThan(depth);
      }),
      { seed: 1, numRuns: 200 },
    );
  });
});

describe("checkIntermediate", () => {
  it("a tie is out of domain with its code", () => {
    const stats = fromToy({ sigmaA: 1, sigmaB: 1, rho: 0 });
    const v = checkIntermediate(stats, { depth: 3, fusionLayer: 2 }, 0.01);
    expect(v.kind === "out-of-domain" && v.reason).toBe("tie");
  });
  it("an in-domain case is measured against T5's tolerance", () => {
    const stats = orient(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 })).stats;
    const v = checkIntermediate(stats, { depth: 4, fusionLayer: 3 }, 0.01);
    expect(v.kind).toBe("measured");
    if (v.kind !== "measured") return;
    expect(v.tolerance).toBe(0.02);
    expect(v.relative).toBe(true);
    expect(Math.abs(v.error)).toBeLessThanOrEqual(v.tolerance);
  });
});
