import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logUniform, uniform } from "../../../src/claims/arbitraries/uniform.js";
import { reaches, sampleTwice } from "../../helpers/arbitrary.js";

const bounds = fc
  .tuple(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  )
  .filter(([a, b]) => a < b)
  .map(([a, b]) => [a, b] as const);

describe("uniform", () => {
  test.prop([bounds.chain(([a, b]) => uniform(a, b).map((v) => [a, b, v] as const))])(
    "every value lies in [min, max]",
    ([min, max, v]) => {
      expect(v).toBeGreaterThanOrEqual(min);
      expect(v).toBeLessThanOrEqual(max);
    },
  );

  it("reaches both ends, and shrinks toward min", () => {
    expect(reaches(uniform(-0.9, 0.9), (v) => v === -0.9)).toBe(true);
    expect(reaches(uniform(-0.9, 0.9), (v) => v === 0.9)).toBe(true);
    expect(reaches(uniform(0.5, 2), (v) => v === 2)).toBe(true);
    // The counterexample of "v < 1" on [0.5, 2] shrinks to the smallest value ≥ 1.
    const r = fc.check(
      fc.property(uniform(0.5, 2), (v) => v < 1),
      { seed: 1 },
    );
    expect(r.failed).toBe(true);
    expect(r.counterexample![0]).toBeGreaterThanOrEqual(1);
    expect(r.counterexample![0]).toBeLessThan(1 + 1e-6);
  });

  it("is uniform in value, not over representable doubles: the middle of [−1, 1] gets its share", () => {
    // fast-check biases its integers toward the bounds (so do fc.sample's draws): the two
    // end quarters are over-represented. The test is that the middle is not starved, as it
    // would be with fc.double, whose draws on [−1, 1] are mostly tiny or huge in exponent:
    // [−0.5, 0.5) holds half of [−1, 1] and must get well over a quarter of the draws, and
    // |v| < 0.01 (1 % of the range) well under 5 % (fc.double puts most draws there).
    const values = fc.sample(uniform(-1, 1), { seed: 3, numRuns: 4000 });
    const middle = values.filter((v) => v >= -0.5 && v < 0.5).length;
    const tiny = values.filter((v) => Math.abs(v) < 0.01).length;
    expect(middle).toBeGreaterThan(1000);
    expect(tiny).toBeLessThan(200);
  });

  it("is deterministic for a seed", () => {
    const [a, b] = sampleTwice(uniform(0, 1));
    expect(a).toEqual(b);
  });
});

describe("logUniform", () => {
  test.prop([
    fc
      .tuple(fc.double({ min: 1e-300, max: 1e280, noNaN: true }), fc.double({ min: 1, max: 1e10 }))
      .chain(([min, factor]) => {
        const max = min * factor;
        return logUniform(min, max).map((v) => [min, max, v] as const);
      }),
  ])("every value lies in [min, max] (exp(log) round-off is clamped)", ([min, max, v]) => {
    expect(v).toBeGreaterThanOrEqual(min);
    expect(v).toBeLessThanOrEqual(max);
  });

  it("reaches max exactly and min to the rounding of exp(log(min))", () => {
    // exp(log(1e-12)) = 1.000000000000001e-12: min is reached up to a few ulps only.
    expect(reaches(logUniform(1e-12, 1e-3), (v) => v === 1e-3)).toBe(true);
    expect(reaches(logUniform(1e-12, 1e-3), (v) => v <= 1e-12 * (1 + 8 * Number.EPSILON))).toBe(
      true,
    );
  });

  it("weighs decades, not values: the middle decade of [1e-3, 1] gets its share", () => {
    // Log-uniform: a third of the unbiased draws in [1e-2, 1e-1); fast-check's bias toward
    // the bounds takes some from the middle (about a quarter is left). A value-uniform draw
    // would put 9 % there; 15 % separates the two.
    const values = fc.sample(logUniform(1e-3, 1), { seed: 5, numRuns: 3000 });
    const middle = values.filter((v) => v >= 1e-2 && v < 1e-1).length;
    expect(middle).toBeGreaterThan(0.15 * 3000);
  });
});
