import { describe, expect, it } from "vitest";
import { integrate } from "../../../src/training/ode/dormandPrince.js";
import type {
  IntegrationResult,
  IntegratorOptions,
  Observer,
  OdeProblem,
} from "../../../src/training/ode/problem.js";
import { integrateRosenbrock } from "../../../src/training/ode/rosenbrock.js";
import { integratorOptions } from "../../helpers/integrator.js";

/**
 * The shared driver's rules, run through both methods: if DOPRI5 and Rodas5P ever disagree
 * on the divergence rule (or on what the observer is shown), one of these fails for one
 * method. issue 13: the two copies of the driver had begun to differ exactly there.
 */
type Integrator = (
  problem: OdeProblem,
  t0: number,
  initial: Float64Array,
  options: IntegratorOptions,
  observer: Observer,
) => IntegrationResult;
const METHODS: readonly (readonly [string, Integrator])[] = [
  ["DOPRI5", integrate],
  ["Rodas5P", integrateRosenbrock],
];

const scalar = (f: (y: number) => number, dfdy: (y: number) => number): OdeProblem => ({
  dimension: 1,
  autonomous: true,
  rhs: (_t, y, d) => {
    d[0] = f(y[0]!);
  },
  jacobian: (_t, y, J) => {
    J[0] = dfdy(y[0]!);
  },
});

const pole = scalar(
  (y) => y * y,
  (y) => 2 * y,
);
const decay = scalar(
  (y) => -y,
  () => -1,
);
/** f = y below 2, NaN from 2 on: y = e^t from 1 reaches the edge at ln 2. */
const edge = scalar(
  (y) => (y < 2 ? y : Number.NaN),
  () => 1,
);
const nan = scalar(
  () => Number.NaN,
  () => 0,
);

/** Runs with an observer that records every state it is shown. */
function observed(integrator: Integrator, problem: OdeProblem, y0: number, patch = {}) {
  const seen: { t: number; y: number; f: number }[] = [];
  const result = integrator(problem, 0, Float64Array.of(y0), integratorOptions(patch), {
    events: [],
    onStep: (step) => {
      seen.push({ t: step.t1, y: step.y1[0]!, f: step.dydt1[0]! });
      return false;
    },
  });
  return { result, seen };
}

describe.each(METHODS)("the one divergence rule, %s", (_name, integrator) => {
  it("y' = y² (pole at t = 1): diverged at the last accepted state, which was observed", () => {
    const { result, seen } = observed(integrator, pole, 1, { maxTime: 2 });
    expect(result.status).toBe("diverged");
    // The state beyond divergenceNorm (1e12) is not accepted: the run ends where the
    // observer last was, on a finite state within the norm, before the pole.
    expect(result.steps).toBe(seen.length);
    expect(result.t).toBe(seen.at(-1)!.t);
    expect(result.y[0]).toBe(seen.at(-1)!.y);
    expect(Math.abs(result.y[0]!)).toBeLessThanOrEqual(1e12);
    expect(Math.abs(result.t - 1)).toBeLessThan(1e-9);
  });

  it("a start beyond divergenceNorm, or with a non-finite f, is diverged before any step", () => {
    for (const [problem, y0] of [
      [decay, 1e13],
      [nan, 1],
    ] as const) {
      // Even with no step or time left: the start itself breaks the rule.
      for (const patch of [{}, { maxSteps: 0 }, { maxTime: 0 }]) {
        const { result, seen } = observed(integrator, problem, y0, patch);
        expect(result).toMatchObject({ status: "diverged", t: 0, steps: 0 });
        expect(seen).toEqual([]);
      }
    }
  });

  it("never accepts a state with a non-finite f: such a trial is retried smaller", () => {
    // Every trial that lands beyond the edge fails (DOPRI5: f(y1) is in its error
    // estimate; Rodas5P: f at its stage points, or f(y1), its next f0); the steps shrink
    // onto the edge until the step size underflows. No observed state has a non-finite f,
    // and the run is not reported as a success.
    const { result, seen } = observed(integrator, edge, 1, { maxTime: 5 });
    expect(seen.every((s) => s.y < 2 && Number.isFinite(s.f))).toBe(true);
    expect(result.status).toBe("step-underflow");
    expect(result.y[0]).toBeLessThan(2);
    expect(Math.abs(result.t - Math.LN2)).toBeLessThan(1e-9);
    expect(result.rejectedSteps).toBeGreaterThan(0);
  });

  it("a trial whose f(y1) alone is non-finite is retried, never accepted or diverged", () => {
    // f is NaN at exactly the state the unpoisoned run accepts first, and fine at every
    // stage point: only f(y1) fails. DOPRI5 sees it in its error estimate (FSAL stage);
    // Rosenbrock evaluates it after the error test, and used to accept the state, show it
    // to the observer and then end "diverged" there.
    const poisoned = (poison?: number) =>
      scalar(
        (y) => (y === poison ? Number.NaN : -y),
        () => -1,
      );
    const clean = observed(integrator, poisoned(), 1, { maxTime: 1 });
    const poison = clean.seen[0]!.y;
    const { result, seen } = observed(integrator, poisoned(poison), 1, { maxTime: 1 });
    expect(seen.some((s) => s.y === poison)).toBe(false);
    expect(result.status).toBe("time-budget");
    expect(result.rejectedSteps).toBeGreaterThan(clean.result.rejectedSteps);
    expect(Math.abs(result.y[0]! - Math.exp(-1))).toBeLessThan(1e-9);
  });

  it("an overshooting trial into a region where f is non-finite is not divergence", () => {
    // y' = −y from 1 never leaves (0, 1]; f is NaN for y < 0, where a first trial of
    // h = 50 lands. Retried smaller, the run reaches t = 3.
    const positive = scalar(
      (y) => (y >= 0 ? -y : Number.NaN),
      () => -1,
    );
    const { result } = observed(integrator, positive, 1, { maxTime: 3, initialStep: 50 });
    expect(result.status).toBe("time-budget");
    expect(result.rejectedSteps).toBeGreaterThan(0);
    expect(Math.abs(result.y[0]! - Math.exp(-3))).toBeLessThan(1e-9);
  });
});

describe("DOPRI5 and Rodas5P agree on a run's status", () => {
  it.each([
    ["pole", pole, 1, {}, "diverged"],
    ["start beyond the norm", decay, 1e13, {}, "diverged"],
    ["non-finite start", nan, 1, {}, "diverged"],
    // Before issue 13: DOPRI5 "diverged", Rodas5P "step-budget" / "time-budget".
    ["non-finite start, no step left", nan, 1, { maxSteps: 0 }, "diverged"],
    ["non-finite start, no time left", nan, 1, { maxTime: 0 }, "diverged"],
    ["non-finite edge", edge, 1, {}, "step-underflow"],
    ["decay", decay, 1, {}, "time-budget"],
  ] as const)("%s", (_name, problem, y0, patch, status) => {
    const statuses = METHODS.map(
      ([, integrator]) => observed(integrator, problem, y0, { maxTime: 2, ...patch }).result.status,
    );
    expect(statuses).toEqual([status, status]);
  });
});
