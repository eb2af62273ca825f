import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  initialStep,
  type StepControl,
  StepSizeController,
  stepUnderflow,
  UNDERFLOW_ULPS,
} from "../../../src/training/ode/control.js";
import type { OdeProblem } from "../../../src/training/ode/problem.js";
import { integratorOptions } from "../../helpers/integrator.js";
import { relativeError } from "../../helpers/numeric.js";

/**
 * Hairer's step-size controller with SAFETY 0.9 and cuts of at most 5× per step (factor ≥
 * 0.2), growth ≤ maxFactor; the expected factors below are worked out by hand from those
 * constants. Tolerances: 4 ulps for a value computed through one or two powers (`**`).
 */
const ULPS4 = 4 * Number.EPSILON;

const DOPRI: StepControl = {
  order: 5,
  maxFactor: 10,
  predictive: false,
  floorIncludesStart: false,
  groupedUnderflow: false,
};
const RODAS: StepControl = { ...DOPRI, maxFactor: 6, predictive: true };

describe("StepSizeController.afterRejection", () => {
  const c = new StepSizeController(DOPRI);

  it("shrinks by 0.9·err^(−1/order): err = 32 at order 5 halves the step to 0.45 h", () => {
    expect(relativeError(c.afterRejection(2, 32), 0.9)).toBeLessThan(ULPS4);
  });

  it("cuts by at most 5× (factor 0.2), and by exactly 5× for a failed trial (NaN, ∞)", () => {
    expect(c.afterRejection(1, 1e30)).toBe(0.2);
    expect(c.afterRejection(1, Number.NaN)).toBe(0.2);
    expect(c.afterRejection(1, Number.POSITIVE_INFINITY)).toBe(0.2);
  });

  it("never grows the step after a rejection, even for a small error estimate", () => {
    // 0.9·(1e-10)^(−0.2) = 90 would grow it; the retry keeps h.
    expect(c.afterRejection(3, 1e-10)).toBe(3);
  });

  test.prop([fc.double({ min: 1, max: 1e300, noNaN: true }), fc.double({ min: 1e-12, max: 1e3 })])(
    "a rejected error (err ≥ 1) gives a step in [0.2 h, 0.9 h]",
    (err, h) => {
      const next = c.afterRejection(h, err);
      expect(next).toBeGreaterThanOrEqual(0.2 * h * (1 - ULPS4));
      expect(next).toBeLessThanOrEqual(0.9 * h * (1 + ULPS4));
    },
  );
});

describe("StepSizeController.afterAcceptance, classical (DOPRI5)", () => {
  it("grows by maxFactor for a zero error and by 0.9·err^(−1/5) otherwise", () => {
    const c = new StepSizeController(DOPRI);
    expect(c.afterAcceptance(1, 0, 0, false)).toBe(10);
    expect(relativeError(c.afterAcceptance(1, 1 / 32, 1, false), 1.8)).toBeLessThan(ULPS4);
    expect(c.afterAcceptance(1, 1e-30, 2, false)).toBe(10); // 0.9·1e6 capped at 10
    expect(c.afterAcceptance(1, 1e10, 3, false)).toBe(0.2); // 0.9·1e-2 floored at 0.2
  });

  it("has no memory: the same (h, err) gives the same factor whatever came before", () => {
    const fresh = new StepSizeController(DOPRI).afterAcceptance(1, 0.5, 5, false);
    const used = new StepSizeController(DOPRI);
    used.afterAcceptance(1, 1e-8, 0, false);
    used.afterAcceptance(7, 0.9, 1, false);
    expect(used.afterAcceptance(1, 0.5, 5, false)).toBe(fresh);
  });

  it("does not cap growth after a rejection (only the predictive controller does)", () => {
    const c = new StepSizeController(DOPRI);
    expect(relativeError(c.afterAcceptance(1, 1 / 32, 3, true), 1.8)).toBeLessThan(ULPS4);
  });
});

describe("StepSizeController.afterAcceptance, predictive (Rodas)", () => {
  it("the first accepted step uses the classical factor, capped at maxFactor 6", () => {
    const c = new StepSizeController(RODAS);
    expect(relativeError(c.afterAcceptance(1, 1 / 32, 0, false), 1.8)).toBeLessThan(ULPS4);
    expect(new StepSizeController(RODAS).afterAcceptance(1, 0, 0, false)).toBe(6);
  });

  it("Gustafsson's factor (h/h_acc)·0.9·(err_acc/err²)^(1/q) binds when the error grows", () => {
    const c = new StepSizeController(RODAS);
    c.afterAcceptance(1, 1 / 32, 0, false); // remembers h_acc = 1, err_acc = 1/32
    // h = 1.8, err = 1: classical 0.9; predictive 1.8·0.9·(1/32)^(1/5) = 1.8·0.9·0.5 = 0.81.
    expect(relativeError(c.afterAcceptance(1.8, 1, 1, false), 0.81)).toBeLessThan(ULPS4);
  });

  it("the remembered error is floored at 1e-2", () => {
    const c = new StepSizeController(RODAS);
    c.afterAcceptance(1, 1e-5, 0, false); // remembers err_acc = max(1e-2, 1e-5) = 1e-2
    // err = √0.32: classical 0.9·0.32^(−1/10) ≈ 0.99; predictive 0.9·(0.01/0.32)^(1/5) =
    // 0.9·(1/32)^(1/5) = 0.45. Without the floor (err_acc = 1e-5) it would be 0.9·(1/32000)^(1/5)
    // ≈ 0.11, floored to 0.2.
    const factor = c.afterAcceptance(1, Math.sqrt(0.32), 1, false);
    expect(relativeError(factor, 0.45)).toBeLessThan(ULPS4);
  });

  it("ignores its memory for the first accepted step of a run (accepted = 0)", () => {
    const c = new StepSizeController(RODAS);
    c.afterAcceptance(1, 1 / 32, 0, false);
    // With the memory used this would be 0.81 (see above); accepted = 0 gives 0.9.
    expect(relativeError(c.afterAcceptance(1.8, 1, 0, false), 0.9)).toBeLessThan(ULPS4);
  });

  it("allows no growth right after a rejection", () => {
    const c = new StepSizeController(RODAS);
    // Classical 0.9·(1e-10)^(−1/5) = 90, capped at 6, then at 1.
    expect(c.afterAcceptance(1, 1e-10, 0, true)).toBe(1);
  });

  test.prop([
    fc.array(
      fc.tuple(
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
      ),
      { minLength: 1, maxLength: 20 },
    ),
  ])("every factor lies in [0.2, 6], and in [0.2, 1] after a rejection", (steps) => {
    const c = new StepSizeController(RODAS);
    steps.forEach(([h, err, rejected], i) => {
      const factor = c.afterAcceptance(h, err, i, rejected);
      expect(factor).toBeGreaterThanOrEqual(0.2);
      expect(factor).toBeLessThanOrEqual(rejected ? 1 : 6);
    });
  });
});

const autonomous: OdeProblem = { dimension: 2, autonomous: true, rhs: () => {} };
const timeDependent: OdeProblem = { dimension: 2, rhs: () => {} };
const LIMIT = UNDERFLOW_ULPS * Number.EPSILON;

describe("stepUnderflow", () => {
  const y = Float64Array.from([1, 0]);
  const f0 = Float64Array.from([1, 0]);

  it("t-dependent problem: h below 16 ulps of max(1, |t|)", () => {
    expect(UNDERFLOW_ULPS).toBe(16);
    expect(stepUnderflow(timeDependent, LIMIT / 2, 0, y, f0, 0, false)).toBe(true);
    expect(stepUnderflow(timeDependent, LIMIT * 2, 0, y, f0, 0, false)).toBe(false);
    expect(stepUnderflow(timeDependent, LIMIT * 1e5, -1e6, y, f0, 0, false)).toBe(true);
    expect(stepUnderflow(timeDependent, LIMIT * 2e6, 1e6, y, f0, 0, false)).toBe(false);
  });

  it("autonomous problem: never a collapse without a rejection, however small h is", () => {
    expect(stepUnderflow(autonomous, 1e-300, 1e13, y, f0, 0, false)).toBe(false);
  });

  it("autonomous, after a rejection: h·max|f_i|/scale_i below 16 ulps", () => {
    // rate = |f_0|/|y_0| = 1; t is irrelevant (t = 1e13 would fail the t-based test).
    expect(stepUnderflow(autonomous, LIMIT / 2, 1e13, y, f0, 1e-3, true)).toBe(true);
    expect(stepUnderflow(autonomous, LIMIT * 2, 1e13, y, f0, 1e-3, true)).toBe(false);
  });

  it("a state at rest (f = 0) never underflows", () => {
    expect(stepUnderflow(autonomous, 1e-300, 0, y, Float64Array.from([0, 0]), 1e-3, true)).toBe(
      false,
    );
  });

  it("with groups, a tiny block is measured against its own scale, not ‖y‖∞", () => {
    const ys = Float64Array.from([1, 1e-30]);
    const fs = Float64Array.from([0, 1e-30]);
    // Ungrouped: scale_1 = max(1e-30, 1e-3·1) = 1e-3, rate 1e-27: h = 1 has collapsed.
    expect(stepUnderflow(autonomous, 1, 0, ys, fs, 1e-3, true)).toBe(true);
    // Grouped: scale_1 = max(1e-30, 1e-3·1e-30) = 1e-30, rate 1: h = 1 moves it fine.
    const groups = Int32Array.from([0, 1]);
    const scratch = new Float64Array(2).fill(99); // stale contents must be reset
    expect(stepUnderflow(autonomous, 1, 0, ys, fs, 1e-3, true, groups, scratch)).toBe(false);
  });
});

describe("initialStep (Hairer's HINIT)", () => {
  const decay: OdeProblem = {
    dimension: 1,
    autonomous: true,
    rhs: (_t, y, d) => {
      d[0] = -y[0]!;
    },
  };
  const f = (t: number, y: Float64Array, out: Float64Array) => decay.rhs(t, y, out);

  it("y' = −y, y = 1, rtol 1e-6, order 5: h = (0.01/max(d1, d2))^(1/5) = 10^(−1.6)", () => {
    // d0 = d1 = 1/1e-6 = 1e6, h0 = 0.01·d0/d1 = 0.01; the Euler step gives f1 − f0 = 0.01,
    // d2 = (0.01/1e-6)/0.01 = 1e6; h1 = (1e-8)^(1/5); min(100 h0 = 1, h1) = h1.
    const h = initialStep(
      decay,
      0,
      Float64Array.from([1]),
      Float64Array.from([-1]),
      integratorOptions({ rtol: 1e-6, maxTime: 10 }),
      f,
      5,
    );
    // Tolerance: d2 is a difference quotient of O(1) numbers over h0 = 0.01 (≈ 1e-14
    // relative round-off), then a fifth root.
    expect(relativeError(h, 10 ** -1.6)).toBeLessThan(1e-12);
  });

  it("the order enters as the root: order 2 gives (1e-8)^(1/2) = 1e-4", () => {
    const h = initialStep(
      decay,
      0,
      Float64Array.from([1]),
      Float64Array.from([-1]),
      integratorOptions({ rtol: 1e-6, maxTime: 10 }),
      f,
      2,
    );
    expect(relativeError(h, 1e-4)).toBeLessThan(1e-12);
  });

  it("a state at rest gets 1e-6 (both norms below 1e-5), capped at 100× the time left", () => {
    const rest: OdeProblem = { dimension: 1, autonomous: true, rhs: (_t, _y, d) => d.fill(0) };
    const g = (t: number, y: Float64Array, out: Float64Array) => rest.rhs(t, y, out);
    const y = Float64Array.from([1]);
    const f0 = Float64Array.from([0]);
    expect(initialStep(rest, 0, y, f0, integratorOptions({ maxTime: 10 }), g, 5)).toBe(1e-6);
    // Time left 1e-9: h0 = 1e-9, so the answer is min(100·1e-9, 1e-6) = 1e-7.
    expect(
      relativeError(
        initialStep(rest, 1, y, f0, integratorOptions({ maxTime: 1 + 1e-9 }), g, 5),
        1e-7,
      ),
    ).toBeLessThan(1e-6); // 1 + 1e-9 − 1 is 1e-9 only to ~1e-7 relative
  });
});
