import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allFinite,
  errorGroupScratch,
  maxAbsEntry,
  scaledErrorNorm,
} from "../../../src/training/ode/errorNorm.js";

const f64 = (...v: number[]) => Float64Array.from(v);

describe("errorGroupScratch", () => {
  it("has one slot per group, and one without groups", () => {
    expect(errorGroupScratch(undefined).length).toBe(1);
    expect(errorGroupScratch(new Int32Array(0)).length).toBe(1);
    expect(errorGroupScratch(Int32Array.from([0, 0, 0])).length).toBe(1);
    // The largest index decides, not the count or the order.
    expect(errorGroupScratch(Int32Array.from([2, 0, 1, 0])).length).toBe(3);
    expect(errorGroupScratch(Int32Array.from([4])).length).toBe(5);
  });
});

/**
 * Doubles in [−max, max] with the subnormal range (and a margin above it) mapped to 0: a
 * product like relativeFloor × 5e-324 rounds on the subnormal grid, which is not invariant
 * under scaling, so subnormal inputs would break the exact scaling identity below for a
 * reason that has nothing to do with the norm.
 */
const normal = (max: number) =>
  fc.double({ min: -max, max, noNaN: true }).map((x) => (Math.abs(x) < 1e-200 ? 0 : x));

describe("scaledErrorNorm", () => {
  // rtol and floor powers of two: every scale and ratio below is exact in binary, so the
  // hand-computed norms are compared exactly.
  const tol = { rtol: 0.5, relativeFloor: 0.25 };
  const error = f64(1, 1, 1, 1);
  const y = f64(4, 0, -2, 0);
  const yNew = f64(0, 0, 0, -1);

  it("groups: floor = relativeFloor × the group's largest max(|y|, |yNew|)", () => {
    // Group maxima: {4, 0} → 4, {2, 1} → 2. Scales 0.5·max(|y|, |yNew|, 0.25·group max):
    // 0.5·4 = 2, 0.5·1 = 0.5, 0.5·2 = 1, 0.5·max(1, 0.5) = 0.5. Ratios 1/2, 2, 1, 2.
    const groups = Int32Array.from([0, 0, 1, 1]);
    const norm = scaledErrorNorm(error, y, yNew, tol, groups, errorGroupScratch(groups), 1e300);
    expect(norm).toBe(Math.sqrt((0.25 + 4 + 1 + 4) / 4));
  });

  it("no groups: floor = relativeFloor × ungroupedScale (the groups' maxima are not used)", () => {
    // ungroupedScale 8: floor 2, scales 0.5·max(4, 2) = 2, 0.5·2 = 1, 0.5·2 = 1, 0.5·2 = 1.
    const norm = scaledErrorNorm(error, y, yNew, tol, undefined, errorGroupScratch(undefined), 8);
    expect(norm).toBe(Math.sqrt((0.25 + 1 + 1 + 1) / 4));
  });

  it("takes the larger of |y_i| and |yNew_i| per component, with sign ignored", () => {
    const norm = scaledErrorNorm(
      f64(3),
      f64(-1),
      f64(-6),
      tol,
      undefined,
      errorGroupScratch(undefined),
      0,
    );
    // scale 0.5·6 = 3, ratio 1, RMS over one component.
    expect(norm).toBe(1);
  });

  it("a zero scale contributes 0, not NaN (a component at rest with no floor)", () => {
    const norm = scaledErrorNorm(
      f64(0, 2),
      f64(0, 1),
      f64(0, 1),
      { rtol: 1, relativeFloor: 0 },
      undefined,
      errorGroupScratch(undefined),
      1,
    );
    // Component 0: scale 0 → 0; component 1: 2/1. RMS over both: sqrt(4/2).
    expect(norm).toBe(Math.sqrt(2));
  });

  it("resets the scratch: a previous call's larger group maxima do not leak in", () => {
    const groups = Int32Array.from([0, 1]);
    const scratch = errorGroupScratch(groups);
    scaledErrorNorm(f64(1, 1), f64(1e6, 1e6), f64(1e6, 1e6), tol, groups, scratch, 0);
    const reused = scaledErrorNorm(f64(1, 1), f64(0, 0), f64(0, 2), tol, groups, scratch, 0);
    // Fresh: group 0 max 0 → scale 0 → ratio 0; group 1 max 2 → scale 1 → ratio 1.
    expect(reused).toBe(Math.sqrt(1 / 2));
  });

  test.prop([
    fc.array(fc.tuple(normal(1e3), normal(1e3), normal(1)), { minLength: 1, maxLength: 8 }),
    fc.integer({ min: 0, max: 60 }),
  ])("is invariant under scaling error, y, yNew and the scale by a power of two", (rows, k) => {
    const c = 2 ** k;
    const groups = Int32Array.from(rows, (_, i) => i % 2);
    const yy = f64(...rows.map((r) => r[0]));
    const yn = f64(...rows.map((r) => r[1]));
    const e = f64(...rows.map((r) => r[2]));
    const scale = (v: Float64Array) => v.map((x) => x * c);
    for (const g of [groups, undefined]) {
      const base = scaledErrorNorm(e, yy, yn, tol, g, errorGroupScratch(g), 3);
      const scaled = scaledErrorNorm(
        scale(e),
        scale(yy),
        scale(yn),
        tol,
        g,
        errorGroupScratch(g),
        3 * c,
      );
      // Exact: multiplying by 2^k (k ≥ 0, entries ≤ 1e3) commutes with every operation
      // here: no overflow, and no entry is pushed into the subnormal range.
      expect(scaled).toBe(base);
    }
  });
});

describe("allFinite", () => {
  it("is true for finite entries (and vacuously for none), false for any NaN or ±∞", () => {
    expect(allFinite(f64())).toBe(true);
    expect(allFinite(f64(0, -0, 1e308, -5e-324))).toBe(true);
    expect(allFinite(f64(1, Number.NaN))).toBe(false);
    expect(allFinite(f64(Number.POSITIVE_INFINITY, 1))).toBe(false);
    expect(allFinite(f64(1, 2, Number.NEGATIVE_INFINITY))).toBe(false);
  });
});

describe("maxAbsEntry", () => {
  it("is ‖y‖∞ over the first n entries only", () => {
    expect(maxAbsEntry(f64(-3, 2), 2)).toBe(3);
    expect(maxAbsEntry(f64(1, -5), 1)).toBe(1);
    expect(maxAbsEntry(f64(7), 0)).toBe(0);
    expect(Object.is(maxAbsEntry(f64(-0), 1), 0)).toBe(true);
  });

  it("propagates a NaN inside the first n entries and ignores one past n", () => {
    // The divergence rule relies on this: a NaN state must not look small.
    expect(maxAbsEntry(f64(1, Number.NaN, 2), 3)).toBeNaN();
    expect(maxAbsEntry(f64(Number.NaN, 1), 2)).toBeNaN();
    expect(maxAbsEntry(f64(1, 2, Number.NaN), 2)).toBe(2);
    expect(maxAbsEntry(f64(1, Number.NEGATIVE_INFINITY), 2)).toBe(Number.POSITIVE_INFINITY);
  });
});
