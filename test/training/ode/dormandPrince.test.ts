import { describe, expect, it } from "vitest";
import { integrate } from "../../../src/training/ode/dormandPrince.js";
import type { AcceptedStep, EventFunction, OdeProblem } from "../../../src/training/ode/problem.js";
import { integratorOptions } from "../../helpers/integrator.js";
import { EPS, relativeError } from "../../helpers/numeric.js";

const options = integratorOptions;

const scalar = (f: (t: number, y: number) => number): OdeProblem => ({
  dimension: 1,
  rhs: (t, y, dydt) => {
    dydt[0] = f(t, y[0]!);
  },
});

const growth = scalar((_t, y) => y);
const logistic = scalar((_t, y) => y * (1 - y));
/** Harmonic oscillator y1' = y2, y2' = −y1: y1 = sin t from (0, 1). */
const oscillator: OdeProblem = {
  dimension: 2,
  rhs: (_t, y, dydt) => {
    dydt[0] = y[1]!;
    dydt[1] = -y[0]!;
  },
};

describe("integrate: accuracy on problems with known solutions", () => {
  it("y' = y to t = 20: global relative error ≤ 1e-8 at rtol 1e-10", () => {
    // Local errors ≤ rtol per step accumulate roughly linearly in t for this problem
    // (relative error ≈ t·rtol·O(1)); measured 2e-11 at t = 1 and 4.0e-10 at t = 20.
    // 1e-8 is the accuracy the flow promises for t_A, t_B (gradientFlow DEFAULT_FLOW_RTOL).
    const result = integrate(growth, 0, Float64Array.of(1), options({ maxTime: 20 }), {
      events: [],
    });
    expect(result.status).toBe("time-budget");
    expect(result.t).toBe(20);
    expect(relativeError(result.y[0]!, Math.exp(20))).toBeLessThan(1e-8);
  });

  it("counts 2 + 6 right-hand sides per attempted step (FSAL, plus HINIT's trial)", () => {
    const result = integrate(growth, 0, Float64Array.of(1), options({ maxTime: 5 }), {
      events: [],
    });
    expect(result.evaluations).toBe(2 + 6 * (result.steps + result.rejectedSteps));
  });

  it("locates the logistic half-way event at ln(1/y0 − 1) to 1e-9 relative", () => {
    // y = 1/(1 + (1/y0 − 1)e^{−t}) = ½ at t = ln(1/y0 − 1) = ln 99 for y0 = 0.01.
    const half: EventFunction = { name: "half", direction: 1, value: (_t, y) => y[0]! - 0.5 };
    const seen: string[] = [];
    const result = integrate(logistic, 0, Float64Array.of(0.01), options({ maxTime: 10 }), {
      events: [half],
      onEvent: (e) => {
        seen.push(e.name);
      },
    });
    expect(result.events).toHaveLength(1);
    const event = result.events[0]!;
    // Brent stops at a few ulps of t; the dense output there is within the global error
    // (~1e-10 relative) of the solution, and dy/dt = 1/4 at the crossing, so the time
    // error is ≈ 4·1e-10·½: 1e-9 relative (t ≈ 4.6) bounds it.
    expect(relativeError(event.t, Math.log(99))).toBeLessThan(1e-9);
    // The located state is on the level to ulps: Brent's own criterion.
    expect(Math.abs(event.y[0]! - 0.5)).toBeLessThan(1e-14);
    expect(seen).toEqual(["half"]);
    expect(event.step).toBeGreaterThan(0);
  });

  it("has a 4th-order dense output: halving the step divides the midpoint error by ≈ 32", () => {
    // One step of size H (capped by maxTime, with rtol = 1 so it is accepted as is), then
    // the interpolant at H/2 against the exact solution. A 4th-order interpolant has local
    // error C·H⁵, so the ratio tends to 2⁵ = 32 as H → 0 (3rd order: 16; 5th: 64).
    // Measured for y' = −y²: 30.4, 30.6 at H = 0.1 → 0.05 → 0.025.
    const midpointError = (h: number) => {
      const problem = scalar((_t, y) => -y * y);
      const out = new Float64Array(1);
      let error = Number.NaN;
      let steps: AcceptedStep | undefined;
      integrate(problem, 0, Float64Array.of(1), options({ rtol: 1, maxTime: h }), {
        events: [],
        onStep: (step) => {
          steps = step;
          step.interpolate(h / 2, out);
          error = Math.abs(out[0]! - 1 / (1 + h / 2));
          return true;
        },
      });
      expect(steps?.t1).toBe(h);
      return error;
    };
    const errors = [0.1, 0.05, 0.025].map(midpointError);
    for (let i = 1; i < errors.length; i++) {
      const ratio = errors[i - 1]! / errors[i]!;
      expect(ratio).toBeGreaterThan(26);
      expect(ratio).toBeLessThan(38);
    }
  });

  it("interpolates to the step's end points", () => {
    const out = new Float64Array(1);
    integrate(growth, 0, Float64Array.of(1), options(), {
      events: [],
      onStep: (step) => {
        step.interpolate(step.t0, out);
        expect(out[0]).toBe(step.y0[0]);
        step.interpolate(step.t1, out);
        // y0 + (y1 − y0): one rounding away from y1.
        expect(Math.abs(out[0]! - step.y1[0]!)).toBeLessThanOrEqual(EPS * Math.abs(step.y1[0]!));
        return step.index >= 3;
      },
    });
  });
});

describe("integrate: event directions", () => {
  // y1 = sin t: zeros at π (downward), 2π (upward), 3π (downward) before t = 10.
  const run = (direction: 1 | -1 | 0) =>
    integrate(oscillator, 0, Float64Array.of(0, 1), options({ maxTime: 10 }), {
      events: [{ name: "zero", direction, value: (_t, y) => y[0]! }],
    }).events.map((e) => e.t);

  // Zeros of sin located on the dense output: global error ~1e-10 over t ≤ 10, |slope| = 1.
  const near = (times: number[], expected: number[]) => {
    expect(times).toHaveLength(expected.length);
    times.forEach((t, i) => {
      expect(Math.abs(t - expected[i]!)).toBeLessThan(1e-8);
    });
  };

  it("direction 0 finds every crossing", () => near(run(0), [Math.PI, 2 * Math.PI, 3 * Math.PI]));
  it("direction +1 finds upward crossings only", () => near(run(1), [2 * Math.PI]));
  it("direction −1 finds downward crossings only", () => near(run(-1), [Math.PI, 3 * Math.PI]));

  it("reports two events in one step in time order", () => {
    // Two levels 1e-6 apart cannot be separated by a step boundary at rtol 1e-3 (steps
    // ≈ 0.1 long here); listed late-first, so the report must sort them.
    const result = integrate(growth, 0, Float64Array.of(1), options({ rtol: 1e-3, maxTime: 1 }), {
      events: [
        { name: "late", direction: 1, value: (_t, y) => y[0]! - 1.100001 },
        { name: "early", direction: 1, value: (_t, y) => y[0]! - 1.1 },
      ],
    });
    expect(result.events.map((e) => e.name)).toEqual(["early", "late"]);
    expect(result.events[0]!.step).toBe(result.events[1]!.step);
  });

  it("downward event of y' = −y at y = ½ is at ln 2", () => {
    const result = integrate(
      scalar((_t, y) => -y),
      0,
      Float64Array.of(1),
      options({ maxTime: 2 }),
      {
        events: [{ name: "half", direction: -1, value: (_t, y) => y[0]! - 0.5 }],
      },
    );
    expect(relativeError(result.events[0]!.t, Math.LN2)).toBeLessThan(1e-9);
  });
});

describe("integrate: statuses", () => {
  it("stops when the observer asks", () => {
    const result = integrate(growth, 0, Float64Array.of(1), options(), {
      events: [],
      onStep: (step) => step.index === 2,
    });
    expect(result.status).toBe("stopped");
    expect(result.steps).toBe(2);
  });

  it("reports the step budget", () => {
    const result = integrate(
      growth,
      0,
      Float64Array.of(1),
      options({ maxTime: 100, maxSteps: 5 }),
      {
        events: [],
      },
    );
    expect(result.status).toBe("step-budget");
    expect(result.steps).toBe(5);
    expect(result.t).toBeLessThan(100);
  });

  it("reports the time budget and lands on maxTime", () => {
    const result = integrate(growth, 0, Float64Array.of(1), options({ maxTime: 3 }), {
      events: [],
    });
    expect(result.status).toBe("time-budget");
    expect(result.t).toBe(3);
  });

  it("reports divergence of y' = y², y(0) = 1 before its blow-up at t = 1", () => {
    const result = integrate(
      scalar((_t, y) => y * y),
      0,
      Float64Array.of(1),
      options({ maxTime: 2 }),
      {
        events: [],
      },
    );
    expect(result.status).toBe("diverged");
    expect(result.t).toBeLessThan(1);
  });

  it("reports a non-finite state as divergence", () => {
    const result = integrate(
      scalar(() => Number.NaN),
      0,
      Float64Array.of(1),
      options(),
      { events: [] },
    );
    expect(result.status).toBe("diverged");
  });

  it("reports step-size underflow on a discontinuous right-hand side (y' = −sign y)", () => {
    // The solution reaches 0 at t = 1 and then chatters: every step across 0 is rejected
    // (relative error scale → 0 with relativeFloor 0) until h < 16 ulps of t.
    const problem = scalar((_t, y) => (y === 0 ? 1 : -Math.sign(y)));
    const result = integrate(
      problem,
      0,
      Float64Array.of(1),
      options({ maxTime: 5, relativeFloor: 0 }),
      {
        events: [],
      },
    );
    expect(result.status).toBe("step-underflow");
    expect(Math.abs(result.t - 1)).toBeLessThan(1e-10);
    expect(result.rejectedSteps).toBeGreaterThan(0);
  });

  it("starts from a zero state (no scale at all) and grows the step geometrically", () => {
    const result = integrate(
      scalar(() => 0),
      0,
      Float64Array.of(0),
      options({ maxTime: 1e8 }),
      {
        events: [],
      },
    );
    expect(result.status).toBe("time-budget");
    // h0 = 1e-6, ×10 per step (error 0): about 14 steps to 1e8.
    expect(result.steps).toBeLessThan(20);
  });
});

describe("integrate: stiffness detection and long times", () => {
  // y' = A y with eigenvalues −1 and −1000 (A = [[a, b], [b, a]]), y0 = (2, 0):
  // y = e^{−t}(1, 1) + e^{−1000t}(1, −1). After the fast transient DOPRI5's step is held at
  // its stability limit h ≈ 3.3/1000 while the solution changes on a time scale of 1.
  const [a, b] = [(-1 - 1000) / 2, (-1 + 1000) / 2];
  const stiffLinear: OdeProblem = {
    dimension: 2,
    autonomous: true,
    rhs: (_t, y, dydt) => {
      dydt[0] = a * y[0]! + b * y[1]!;
      dydt[1] = b * y[0]! + a * y[1]!;
    },
  };
  const run = (stiffness?: { minScaleOverStep: number }) =>
    integrate(
      stiffLinear,
      0,
      Float64Array.of(2, 0),
      options({ rtol: 1e-8, maxTime: 10, ...(stiffness ? { stiffness } : {}) }),
      { events: [] },
    );

  it("stops with status stiff once the step is stability-limited (Hairer's h·|λ| > 3.25 test)", () => {
    // Measured: stiff at t = 0.113 after 85 steps; without the option, 3075 steps to t = 10.
    const plain = run();
    expect(plain.status).toBe("time-budget");
    const stiff = run({ minScaleOverStep: 1 });
    expect(stiff.status).toBe("stiff");
    expect(stiff.t).toBeLessThan(0.5);
    expect(stiff.steps).toBeLessThan(200);
    // The state handed over is the solution at stiff.t, and nextStep the stability limit.
    expect(relativeError(stiff.y[0]!, Math.exp(-stiff.t) + Math.exp(-1000 * stiff.t))).toBeLessThan(
      1e-7,
    );
    expect(stiff.nextStep * 1000).toBeGreaterThan(2);
    expect(stiff.nextStep * 1000).toBeLessThan(4);
  });

  it("does not report stiffness when the solution's time scale is below minScaleOverStep steps", () => {
    // T = 1/max_i |f_i|/|y_i| = 1 here, h ≈ 3.5e-3: T/h ≈ 290 < 1000.
    expect(run({ minScaleOverStep: 1000 }).status).toBe("time-budget");
  });

  it("integrates an autonomous problem at t0 = 1e17, where steps are far below ulp(t)", () => {
    // ulp(1e17) = 16. Kahan's compensation keeps t + (lost part) exact, and for an
    // autonomous problem the step has collapsed only when it cannot move y (not t):
    // y' = −y reaches e^{−64} at t0 + 64. Declared non-autonomous, the same problem stops
    // at once: its steps (~0.05) are below 16 ulps of t.
    const decay = (autonomous: boolean): OdeProblem => ({
      dimension: 1,
      autonomous,
      rhs: (_t, y, dydt) => {
        dydt[0] = -y[0]!;
      },
    });
    const t0 = 1e17;
    const result = integrate(decay(true), t0, Float64Array.of(1), options({ maxTime: t0 + 64 }), {
      events: [],
    });
    expect(result.status).toBe("time-budget");
    expect(result.t).toBe(t0 + 64);
    // Measured 1.4e-9 (the local errors of 1718 steps at rtol 1e-10).
    expect(relativeError(result.y[0]!, Math.exp(-64))).toBeLessThan(1e-8);
    const labelled = integrate(
      decay(false),
      t0,
      Float64Array.of(1),
      options({ maxTime: t0 + 64 }),
      {
        events: [],
      },
    );
    expect(labelled.status).toBe("step-underflow");
  });
});

describe("DOPRI5 step control", () => {
  it("rejects a trial step whose error estimate exceeds the tolerance and retries it smaller", () => {
    // y' = −y at rtol 1e-10 from a forced first trial h = 0.05: its error norm is ≈ (0.05/0.037)⁵
    // ≈ 4.5 > 1, so the controller must reject it (accepting errors up to 1e6 would keep it).
    const decay: OdeProblem = {
      dimension: 1,
      autonomous: true,
      rhs: (_t, y, dydt) => {
        dydt[0] = -y[0]!;
      },
    };
    let firstAccepted: number | undefined;
    const result = integrate(
      decay,
      0,
      Float64Array.from([1]),
      integratorOptions({ initialStep: 0.05, maxTime: 1 }),
      {
        events: [],
        onStep: (step) => {
          firstAccepted ??= step.t1;
          return false;
        },
      },
    );
    expect(result.rejectedSteps).toBeGreaterThanOrEqual(1);
    expect(firstAccepted).toBeLessThan(0.05);
    expect(Math.abs(result.y[0]! - Math.exp(-1))).toBeLessThan(1e-10);
  });
});
