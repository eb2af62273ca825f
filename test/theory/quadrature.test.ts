import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import { QuadratureError, quadrature } from "../../src/theory/quadrature.js";

/** fast-check seed, fixed so failures replay; it appears in the suite title. */
const SEED = 20240721;

/**
 * Rounding bound for a single-panel rule on a polynomial: 21 products summed,
 * each rounded, so |error| ≲ 21·2ε·∫|f| ≈ 1e-14 ∫|f|. Used relative to ∫|f|.
 */
const SINGLE_PANEL_ROUNDING = 1e-14;

/**
 * Options that accept the first panel whatever its error estimate: the
 * estimate |K − G| is not 0 for degree > 19 (Gauss is exact only to 19), but
 * the Kronrod value is exact to degree 31, which is what these cases test.
 */
const ONE_PANEL = { rtol: Number.MAX_VALUE };

/** Requested accuracy in the smooth and peaked cases below. */
const RTOL = 1e-12;

/** Expect the true error to be within the reported estimate (honesty) and the request. */
function expectAccurate(
  result: { value: number; errorEstimate: number },
  exact: number,
  rtol: number,
): void {
  const trueError = Math.abs(result.value - exact);
  expect(
    trueError,
    `true error ${trueError} vs estimate ${result.errorEstimate}`,
  ).toBeLessThanOrEqual(result.errorEstimate);
  expect(trueError / Math.abs(exact)).toBeLessThanOrEqual(rtol);
}

describe("quadrature (G10–K21, global adaptive)", () => {
  it("integrates polynomials of degree ≤ 31 exactly on one panel", () => {
    for (let n = 0; n <= 31; n++) {
      const r = quadrature((x) => x ** n, 0, 2, ONE_PANEL);
      const exact = 2 ** (n + 1) / (n + 1);
      // ∫|f| = ∫f on [0, 2]; rounding only (see SINGLE_PANEL_ROUNDING).
      expect(Math.abs(r.value - exact) / exact).toBeLessThanOrEqual(SINGLE_PANEL_ROUNDING);
      expect(r.evaluations).toBe(21);
    }
  });

  it("is exact on a mixed-sign degree-31 polynomial on [-1, 3]", () => {
    const p = (x: number) => 3 * x ** 31 - 7 * x ** 10 + x - 2;
    const P = (x: number) => (3 * x ** 32) / 32 - (7 * x ** 11) / 11 + x ** 2 / 2 - 2 * x;
    const exact = P(3) - P(-1);
    // Terms are dominated by 3x^31 ≥ 0 on most of [-1, 3], so ∫|p| ≈ |∫p|; rounding bound as above.
    const r = quadrature(p, -1, 3, ONE_PANEL);
    expect(Math.abs(r.value - exact) / Math.abs(exact)).toBeLessThanOrEqual(SINGLE_PANEL_ROUNDING);
  });

  it("integrates e^x on [0, 1]", () => {
    const r = quadrature(Math.exp, 0, 1, { rtol: RTOL });
    expectAccurate(r, Math.expm1(1), RTOL);
    expect(r.intervals).toBe(1);
  });

  it("integrates 1/(1+x²) on [0, 1] and [-10, 10]", () => {
    const f = (x: number) => 1 / (1 + x * x);
    expectAccurate(quadrature(f, 0, 1, { rtol: RTOL }), Math.PI / 4, RTOL);
    expectAccurate(quadrature(f, -10, 10, { rtol: RTOL }), 2 * Math.atan(10), RTOL);
  });

  it("integrates the sharp peak 1/(x² + 1e-8) on [-1, 1]", () => {
    const w2 = 1e-8;
    const w = Math.sqrt(w2);
    const r = quadrature((x) => 1 / (x * x + w2), -1, 1, { rtol: RTOL });
    expectAccurate(r, (2 / w) * Math.atan(1 / w), RTOL);
    expect(r.intervals).toBeGreaterThan(1);
  });

  it("integrates the endpoint singularity x^(-1/2) on [0, 1]", () => {
    // Bisection only: error shrinks by ~√2 per level, hence a looser 1e-10 request.
    const rtol = 1e-10;
    const r = quadrature((x) => 1 / Math.sqrt(x), 0, 1, { rtol });
    expectAccurate(r, 2, rtol);
  });

  it("negates reversed limits and returns 0 on an empty interval", () => {
    const forward = quadrature(Math.exp, 0, 1);
    const backward = quadrature(Math.exp, 1, 0);
    // Same panels mirrored: identical up to the order of summation (a few ulps).
    expect(backward.value).toBeCloseTo(-forward.value, 14);
    expect(quadrature(Math.exp, 2, 2)).toEqual({
      value: 0,
      errorEstimate: 0,
      evaluations: 0,
      intervals: 0,
    });
  });

  it("throws a QuadratureError naming achieved vs requested error", () => {
    const peak = (x: number) => 1 / (x * x + 1e-8);
    expect(() => quadrature(peak, -1, 1, { rtol: 1e-12, maxIntervals: 3 })).toThrow(
      /maxIntervals = 3: achieved error estimate .* > requested/,
    );
    expect(() => quadrature(peak, -1, 1, { rtol: 1e-12, maxIntervals: 3 })).toThrow(
      QuadratureError,
    );
  });

  it("throws on a non-finite integrand and on invalid options", () => {
    expect(() => quadrature(() => Number.NaN, 0, 1)).toThrow(/not finite/);
    expect(() => quadrature(Math.exp, 0, 1, { rtol: -1 })).toThrow(InputError);
    expect(() => quadrature(Math.exp, 0, 1, { rtol: 0, atol: 0 })).toThrow(/both be 0/);
    expect(() => quadrature(Math.exp, 0, 1, { maxIntervals: 0.5 })).toThrow(/maxIntervals/);
    expect(() => quadrature(Math.exp, 0, Infinity)).toThrow(/finite/);
  });

  it(`has an honest error estimate on random Lorentzian peaks (seed ${SEED})`, () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -4, max: 0, noNaN: true }),
        (centre, logWidth) => {
          const w = 10 ** logWidth;
          const f = (x: number) => 1 / ((x - centre) ** 2 + w * w);
          const exact = (Math.atan((1 - centre) / w) + Math.atan((1 + centre) / w)) / w;
          const r = quadrature(f, -1, 1, { rtol: 1e-10 });
          return Math.abs(r.value - exact) <= r.errorEstimate;
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});
