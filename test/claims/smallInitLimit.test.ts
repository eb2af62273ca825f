import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extrapolatedRatio } from "../../src/claims/smallInitLimit.js";
import { InternalError } from "../../src/errors/internalError.js";

/** R(L) = 1 + (P L + Q)/(L + a): the form T2.limit fits; its L → ∞ limit is 1 + P. */
const law = (p: number, q: number, a: number) => (l: number) => 1 + (p * l + q) / (l + a);

describe("extrapolatedRatio", () => {
  it("recovers 1 + P from three exact points of the law (hand-picked P = 2, Q = −3, a = 5)", () => {
    const r = law(2, -3, 5);
    const logs = [20, 40, 80];
    // Exact data: only the 3×3 elimination's round-off, ~1e-14 on these O(1)-O(100) entries.
    expect(extrapolatedRatio(logs, logs.map(r))).toBeCloseTo(3, 12);
  });

  it("does not depend on the order of the three points", () => {
    const r = law(0.7, 4, -2);
    const logs = [60, 15, 30];
    const a = extrapolatedRatio(logs, logs.map(r));
    const b = extrapolatedRatio([15, 30, 60], [15, 30, 60].map(r));
    expect(a).toBeCloseTo(1.7, 11);
    expect(b).toBeCloseTo(a, 11);
  });

  test.prop([
    fc.double({ min: 0, max: 20, noNaN: true }),
    fc.double({ min: -20, max: 20, noNaN: true }),
    fc.double({ min: -5, max: 5, noNaN: true }),
  ])("is exact on the law for any P, Q, a (L = ln(1/u0²) at u0 = 1e-4, 1e-8, 1e-16)", (p, q, a) => {
    // Q = a·P makes R constant: then a is not identifiable (the system is singular, though
    // P is still determined); keep away from it.
    fc.pre(Math.abs(q - a * p) >= 1);
    const logs = [1e-4, 1e-8, 1e-16].map((u) => Math.log(1 / (u * u)));
    const r = law(p, q, a);
    // The system's condition grows with the spread of L (≈ 18 to 74): 1e-9 relative covers
    // the elimination's round-off on it and still fails any model error of order 1/L.
    const limit = extrapolatedRatio(logs, logs.map(r));
    expect(Math.abs(limit - (1 + p))).toBeLessThan(1e-9 * (1 + p + Math.abs(q)));
  });

  // BUG (edge case, src/claims/smallInitLimit.ts): three equal ratios make the 3×3 system
  // singular (the column of a is −(R − 1) times the column of Q): elimination divides 0 by 0
  // and returns NaN, although the limit 1 + P = R is determined. T2.limit then measures
  // error = NaN, which withinTolerance counts as a failure. Unlikely with simulated ratios
  // (they carry a 1/ln(1/u0) correction), but a u0-independent case would be a false failure.
  it.fails("three equal ratios (no u0 dependence left) extrapolate to that ratio (fails: NaN)", () => {
    // R = 4 at every L: P = 3 and Q = 3a for any a, so a is not identifiable but the
    // limit 1 + P = 4 is.
    const limit = extrapolatedRatio([10, 20, 30], [4, 4, 4]);
    expect(limit).toBeCloseTo(4, 10);
  });

  it("needs exactly three pairs (an InternalError otherwise)", () => {
    expect(() => extrapolatedRatio([1, 2], [1, 2])).toThrow(InternalError);
    expect(() => extrapolatedRatio([1, 2, 3], [1, 2])).toThrow(InternalError);
    expect(() => extrapolatedRatio([1, 2, 3, 4], [1, 2, 3, 4])).toThrow(InternalError);
  });
});
