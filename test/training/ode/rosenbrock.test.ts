import { describe, expect, it } from "vitest";
import { integrate } from "../../../src/training/ode/dormandPrince.js";
import type { EventFunction, OdeProblem } from "../../../src/training/ode/problem.js";
import { integrateRosenbrock } from "../../../src/training/ode/rosenbrock.js";
import type { RosenbrockTableau } from "../../../src/training/ode/rosenbrockTableaus.js";
import { RODAS4, RODAS5P } from "../../../src/training/ode/rosenbrockTableaus.js";
import { integratorOptions } from "../../helpers/integrator.js";
import { relativeError } from "../../helpers/numeric.js";

const options = integratorOptions;

/** y' = −y², y(0) = 1: y = 1/(1 + t). */
const riccati: OdeProblem = {
  dimension: 1,
  autonomous: true,
  rhs: (_t, y, dydt) => {
    dydt[0] = -y[0]! * y[0]!;
  },
  jacobian: (_t, y, out) => {
    out[0] = -2 * y[0]!;
  },
};

/** y' = −y + cos t, y(0) = 1: y = (cos t + sin t)/2 + e^{−t}/2 (∂f/∂t by differences). */
const forced: OdeProblem = {
  dimension: 1,
  rhs: (t, y, dydt) => {
    dydt[0] = -y[0]! + Math.cos(t);
  },
  jacobian: (_t, _y, out) => {
    out[0] = -1;
  },
};
const forcedExact = (t: number) => (Math.cos(t) + Math.sin(t)) / 2 + Math.exp(-t) / 2;

/** y1' = −r y2, y2' = r y1 with r = y1² + y2² (conserved): rotation at angular speed r. */
const rotation: OdeProblem = {
  dimension: 2,
  autonomous: true,
  rhs: (_t, y, dydt) => {
    const r = y[0]! ** 2 + y[1]! ** 2;
    dydt[0] = -r * y[1]!;
    dydt[1] = r * y[0]!;
  },
  jacobian: (_t, y, out) => {
    const [a, b] = [y[0]!, y[1]!];
    const r = a * a + b * b;
    out.set([-2 * a * b, -r - 2 * b * b, r + 2 * a * a, 2 * a * b]);
  },
};

/**
 * N fixed steps of size T/N: each is a separate call with maxTime = t + h and a larger
 * initialStep (so that the step lands on maxTime), accepted whatever its error (rtol huge).
 * Returns the final state.
 */
function fixedSteps(
  problem: OdeProblem,
  y0: number[],
  T: number,
  N: number,
  tableau: RosenbrockTableau,
): Float64Array {
  let y = Float64Array.from(y0);
  const h = T / N;
  for (let i = 0; i < N; i++) {
    const t = i * h;
    const result = integrateRosenbrock(
      problem,
      t,
      y,
      { ...options({ rtol: 1e300, maxTime: t + h, initialStep: 2 * h }), tableau },
      { events: [] },
    );
    expect(result.steps).toBe(1);
    y = Float64Array.from(result.y);
  }
  return y;
}

describe("Rosenbrock (Rodas): order of accuracy", () => {
  // Global error at T = 2 with N = 20, 40, 80, 160 fixed steps; the observed order is the
  // slope log2(e_20/e_160)/3. Measured (errors e_20 … e_160, then the slope):
  //   Rodas5P y' = −y²  1.4e-8 … 5.5e-13  4.89 | forced 3.2e-10 … 9.7e-15  4.99 |
  //           rotation 6.7e-6 … 2.4e-10  4.93
  //   Rodas4  y' = −y²  3.0e-8 … 6.5e-12  4.06 | forced 2.8e-9 … 7.7e-13  3.94 |
  //           rotation 2.8e-6 … 3.3e-10  4.49 (per halving 5.2, 4.8, 3.1: the h⁴ and h⁵
  //           terms cancel near h = 0.02; 3.7, 3.9 on the next halvings, approaching 4)
  // The forced problem also checks the ∂f/∂t terms (γ_i) of the non-autonomous scheme: a
  // wrong γ_i drops the order to 1-2.
  const cases = [
    ["y' = −y²", riccati, [1], (T: number) => [1 / (1 + T)]],
    ["forced", forced, [1], (T: number) => [forcedExact(T)]],
    [
      "rotation",
      rotation,
      [1, 0.5],
      (T: number) => {
        const w = 1.25 * T;
        return [Math.cos(w) - 0.5 * Math.sin(w), Math.sin(w) + 0.5 * Math.cos(w)];
      },
    ],
  ] as const;

  it.each([
    ["Rodas5P", 5, RODAS5P],
    ["Rodas4", 4, RODAS4],
  ] as const)("%s has order %i", (_name, order, tableau) => {
    expect(tableau.order).toBe(order);
    for (const [name, problem, y0, exact] of cases) {
      const errors = [20, 160].map((N) => {
        const y = fixedSteps(problem, [...y0], 2, N, tableau);
        const e = exact(2);
        return Math.max(...e.map((v, i) => Math.abs(y[i]! - v)));
      });
      const observed = Math.log2(errors[0]! / errors[1]!) / 3;
      expect(observed, `${tableau.name} on ${name}: errors ${errors}`).toBeGreaterThan(order - 0.3);
      expect(observed, `${tableau.name} on ${name}: errors ${errors}`).toBeLessThan(order + 0.6);
    }
  });

  it.each([
    ["Rodas5P", 32, RODAS5P],
    ["Rodas4", 16, RODAS4],
  ] as const)(
    "%s dense output: halving the step divides the midpoint error by ≈ %i",
    (_name, ratio, tableau) => {
      // One step of size H, the interpolant at H/2 against 1/(1 + H/2) for y' = −y². A dense
      // output of order q has local error C·H^(q+1): ratio 2^(q+1) → 32 for Rodas5P (q = 4),
      // 16 for Rodas4 (q = 3). Measured: 25.5, 28.7, 30.4 and 10.5, 12.9, 14.4 at
      // H = 0.2 → 0.025.
      const midpointError = (h: number) => {
        const out = new Float64Array(1);
        let error = Number.NaN;
        integrateRosenbrock(
          riccati,
          0,
          Float64Array.of(1),
          { ...options({ rtol: 1, maxTime: h, initialStep: h }), tableau },
          {
            events: [],
            onStep: (step) => {
              step.interpolate(h / 2, out);
              error = Math.abs(out[0]! - 1 / (1 + h / 2));
              return true;
            },
          },
        );
        return error;
      };
      const errors = [0.1, 0.05, 0.025].map(midpointError);
      const last = errors[1]! / errors[2]!;
      expect(last).toBeGreaterThan(0.8 * ratio);
      expect(last).toBeLessThan(1.2 * ratio);
      expect(tableau.denseOrder).toBe(Math.log2(ratio) - 1);
    },
  );

  it("interpolates to the step's end points", () => {
    const out = new Float64Array(1);
    integrateRosenbrock(riccati, 0, Float64Array.of(1), options({ maxTime: 5 }), {
      events: [],
      onStep: (step) => {
        step.interpolate(step.t0, out);
        expect(out[0]).toBe(step.y0[0]);
        step.interpolate(step.t1, out);
        expect(out[0]).toBe(step.y1[0]);
        return step.index >= 3;
      },
    });
  });
});

describe("Rosenbrock: accuracy and step counts with error control", () => {
  it("y' = −y² to t = 100 at rtol 1e-10: 1e-9 relative", () => {
    // Measured 2.6e-11 relative in 349 steps.
    const result = integrateRosenbrock(riccati, 0, Float64Array.of(1), options({ maxTime: 100 }), {
      events: [],
    });
    expect(result.status).toBe("time-budget");
    expect(result.t).toBe(100);
    expect(relativeError(result.y[0]!, 1 / 101)).toBeLessThan(1e-9);
    expect(result.jacobians).toBe(result.steps);
    expect(result.decompositions).toBe(result.steps + result.rejectedSteps);
    // 8 stages: f(y0) is the previous step's f(y1) (one evaluation at the start), then 7
    // per attempted step, plus f(y1) after each accepted one, plus HINIT's trial.
    expect(result.evaluations).toBe(2 + 7 * (result.steps + result.rejectedSteps) + result.steps);
  });

  it("a linear stiff system (eigenvalues −1, −1e6) in a few hundred steps, to 1e-10", () => {
    // y = P diag(e^{−t}, e^{−1e6 t}) P⁻¹ y0 with P = [[1, 1], [1, −1]], y0 = (2, 0):
    // y = (e^{−t} + e^{−1e6 t}, e^{−t} − e^{−1e6 t}). DOPRI5 is stable only for
    // h ≤ 3.3e-6: ≈ 3e6 steps to t = 10 (3166 for the first 0.01). Measured: 298 steps,
    // error 1.9e-11 relative.
    const [l1, l2] = [-1, -1e6];
    const [a, b] = [(l1 + l2) / 2, (l1 - l2) / 2];
    const problem: OdeProblem = {
      dimension: 2,
      autonomous: true,
      rhs: (_t, y, dydt) => {
        dydt[0] = a * y[0]! + b * y[1]!;
        dydt[1] = b * y[0]! + a * y[1]!;
      },
      jacobian: (_t, _y, out) => {
        out.set([a, b, b, a]);
      },
    };
    const result = integrateRosenbrock(
      problem,
      0,
      Float64Array.of(2, 0),
      options({ maxTime: 10 }),
      {
        events: [],
      },
    );
    expect(result.steps).toBeLessThan(400);
    expect(relativeError(result.y[0]!, Math.exp(-10))).toBeLessThan(1e-10);
    expect(relativeError(result.y[1]!, Math.exp(-10))).toBeLessThan(1e-10);
    const explicit = integrate(problem, 0, Float64Array.of(2, 0), options({ maxTime: 0.01 }), {
      events: [],
    });
    // Already > 3000 explicit steps for the first 0.1% of the interval.
    expect(explicit.steps).toBeGreaterThan(2500);
  });

  it("Robertson's chemical kinetics to t = 40 and to t = 1e11", () => {
    // y1' = −0.04y1 + 1e4 y2 y3, y2' = 0.04y1 − 1e4 y2 y3 − 3e7 y2², y3' = 3e7 y2²: stiffness
    // ratio ~1e11 late on. References: at t = 40 (Hairer & Wanner, ODEs II, §IV.10)
    // y = (0.7158270687, 9.185534765e-6, 0.2841637457); at t = 1e11 (problem ROBER of Mazzia
    // & Magherini's Test Set for IVP Solvers) y = (2.083340149701255e-8,
    // 8.333360770334713e-14, 0.9999999791665050). Measured at rtol 1e-8 (floor 1e-10), with the analytic Jacobian
    // and with the forward-difference fallback alike: 172-173 steps to t = 40, relative
    // errors ≤ 2.1e-9; 729-730 steps to t = 1e11, relative errors ≤ 4.2e-9.
    const problem: OdeProblem = {
      dimension: 3,
      autonomous: true,
      rhs: (_t, y, dydt) => {
        const [a, b, c] = [y[0]!, y[1]!, y[2]!];
        dydt[0] = -0.04 * a + 1e4 * b * c;
        dydt[1] = 0.04 * a - 1e4 * b * c - 3e7 * b * b;
        dydt[2] = 3e7 * b * b;
      },
      jacobian: (_t, y, out) => {
        const [b, c] = [y[1]!, y[2]!];
        out.set([-0.04, 1e4 * c, 1e4 * b, 0.04, -1e4 * c - 6e7 * b, -1e4 * b, 0, 6e7 * b, 0]);
      },
    };
    const robertson = (maxTime: number, withJacobian: boolean) =>
      integrateRosenbrock(
        withJacobian ? problem : { ...problem, jacobian: undefined },
        0,
        Float64Array.of(1, 0, 0),
        options({ maxTime, rtol: 1e-8, relativeFloor: 1e-10 }),
        { events: [] },
      );
    for (const withJacobian of [true, false]) {
      const at40 = robertson(40, withJacobian);
      expect(at40.status).toBe("time-budget");
      expect(at40.steps).toBeLessThan(250);
      const reference = [0.7158270687, 9.185534765e-6, 0.2841637457];
      reference.forEach((v, i) => {
        expect(relativeError(at40.y[i]!, v)).toBeLessThan(1e-8);
      });
      const late = robertson(1e11, withJacobian);
      expect(late.status).toBe("time-budget");
      expect(late.steps).toBeLessThan(1000);
      [2.083340149701255e-8, 8.333360770334713e-14, 0.999999979166505].forEach((v, i) => {
        expect(relativeError(late.y[i]!, v)).toBeLessThan(1e-8);
      });
    }
  });

  it("errorGroups resolve a block of tiny components relative to its own size", () => {
    // y1' = −y1 (scale 1), y2' = −2 y2 (1 + y1) from y2 = 1e-30:
    // y2 = 1e-30·exp(−2t − 2(1 − e^{−t})). With one group, y2 is below relativeFloor·‖y‖∞
    // and only absolutely controlled: measured 1.2e-5 relative at t = 5. With its own
    // group it is controlled relatively: 5e-9 at rtol 1e-8.
    const problem: OdeProblem = {
      dimension: 2,
      autonomous: true,
      rhs: (_t, y, dydt) => {
        dydt[0] = -y[0]!;
        dydt[1] = -2 * y[1]! * (1 + y[0]!);
      },
      jacobian: (_t, y, out) => {
        out.set([-1, 0, -2 * y[1]!, -2 * (1 + y[0]!)]);
      },
    };
    const exact = 1e-30 * Math.exp(-10 - 2 * (1 - Math.exp(-5)));
    const run = (errorGroups?: Int32Array) =>
      integrateRosenbrock(
        problem,
        0,
        Float64Array.of(1, 1e-30),
        { ...options({ maxTime: 5, rtol: 1e-8 }), ...(errorGroups ? { errorGroups } : {}) },
        { events: [] },
      ).y[1]!;
    expect(relativeError(run(), exact)).toBeGreaterThan(1e-6);
    expect(relativeError(run(Int32Array.of(0, 1)), exact)).toBeLessThan(5e-8);
  });

  it("keeps t exact to an ulp with steps far below ulp(t) (autonomous, t0 = 1e17)", () => {
    // ulp(1e17) = 16; steps of y' = −y at rtol 1e-10 are ~0.05. Kahan's compensation
    // keeps the sum of the steps, and the autonomous underflow test does not stop a run
    // whose steps move y although they cannot move t. Measured: 1183 steps, 1.5e-11
    // relative.
    const t0 = 1e17;
    const result = integrateRosenbrock(
      {
        ...riccati,
        rhs: (_t, y, d) => {
          d[0] = -y[0]!;
        },
        jacobian: (_t, _y, J) => {
          J[0] = -1;
        },
      },
      t0,
      Float64Array.of(1),
      options({ maxTime: t0 + 64 }),
      { events: [] },
    );
    expect(result.status).toBe("time-budget");
    expect(result.t).toBe(t0 + 64);
    expect(relativeError(result.y[0]!, Math.exp(-64))).toBeLessThan(1e-8);
  });
});

describe("Rosenbrock: events on the dense output", () => {
  const logistic: OdeProblem = {
    dimension: 1,
    autonomous: true,
    rhs: (_t, y, dydt) => {
      dydt[0] = y[0]! * (1 - y[0]!);
    },
    jacobian: (_t, y, out) => {
      out[0] = 1 - 2 * y[0]!;
    },
  };

  it("locates the logistic half-way event at ln(1/y0 − 1) to 1e-9 relative", () => {
    // As for DOPRI5 (dormandPrince.test.ts): Brent on the interpolant; the dense output of
    // order 4 is within the global error of the solution. Measured 4e-11 relative.
    const half: EventFunction = { name: "half", direction: 1, value: (_t, y) => y[0]! - 0.5 };
    const seen: string[] = [];
    const result = integrateRosenbrock(
      logistic,
      0,
      Float64Array.of(0.01),
      options({ maxTime: 10 }),
      { events: [half], onEvent: (e) => void seen.push(e.name) },
    );
    expect(result.events).toHaveLength(1);
    expect(relativeError(result.events[0]!.t, Math.log(99))).toBeLessThan(1e-9);
    expect(Math.abs(result.events[0]!.y[0]! - 0.5)).toBeLessThan(1e-14);
    expect(seen).toEqual(["half"]);
  });

  it("finds each zero of sin t by direction, and sorts two events of one step", () => {
    const oscillator: OdeProblem = {
      dimension: 2,
      autonomous: true,
      rhs: (_t, y, dydt) => {
        dydt[0] = y[1]!;
        dydt[1] = -y[0]!;
      },
      jacobian: (_t, _y, out) => {
        out.set([0, 1, -1, 0]);
      },
    };
    const zeros = (direction: 1 | -1 | 0) =>
      integrateRosenbrock(oscillator, 0, Float64Array.of(0, 1), options({ maxTime: 10 }), {
        events: [{ name: "zero", direction, value: (_t, y) => y[0]! }],
      }).events.map((e) => e.t);
    const near = (times: number[], expected: number[]) => {
      expect(times).toHaveLength(expected.length);
      times.forEach((t, i) => {
        expect(Math.abs(t - expected[i]!)).toBeLessThan(1e-8);
      });
    };
    near(zeros(0), [Math.PI, 2 * Math.PI, 3 * Math.PI]);
    near(zeros(1), [2 * Math.PI]);
    near(zeros(-1), [Math.PI, 3 * Math.PI]);

    const growth: OdeProblem = {
      dimension: 1,
      autonomous: true,
      rhs: (_t, y, d) => {
        d[0] = y[0]!;
      },
      jacobian: (_t, _y, J) => {
        J[0] = 1;
      },
    };
    const both = integrateRosenbrock(growth, 0, Float64Array.of(1), options({ rtol: 1e-3 }), {
      events: [
        { name: "late", direction: 1, value: (_t, y) => y[0]! - 1.100001 },
        { name: "early", direction: 1, value: (_t, y) => y[0]! - 1.1 },
      ],
    });
    expect(both.events.map((e) => e.name)).toEqual(["early", "late"]);
    expect(both.events[0]!.step).toBe(both.events[1]!.step);
  });
});

describe("Rosenbrock: statuses", () => {
  it("stops when the observer asks, and reports the step and time budgets", () => {
    const stopped = integrateRosenbrock(riccati, 0, Float64Array.of(1), options({ maxTime: 100 }), {
      events: [],
      onStep: (step) => step.index === 2,
    });
    expect(stopped).toMatchObject({ status: "stopped", steps: 2 });
    const budget = integrateRosenbrock(
      riccati,
      0,
      Float64Array.of(1),
      options({ maxTime: 100, maxSteps: 5 }),
      { events: [] },
    );
    expect(budget).toMatchObject({ status: "step-budget", steps: 5 });
    const time = integrateRosenbrock(riccati, 0, Float64Array.of(1), options({ maxTime: 3 }), {
      events: [],
    });
    expect(time).toMatchObject({ status: "time-budget", t: 3 });
  });

  it("reports divergence of y' = y² (blow-up at t = 1) and of a NaN right-hand side", () => {
    const blowUp: OdeProblem = {
      dimension: 1,
      autonomous: true,
      rhs: (_t, y, d) => {
        d[0] = y[0]! * y[0]!;
      },
      jacobian: (_t, y, J) => {
        J[0] = 2 * y[0]!;
      },
    };
    const result = integrateRosenbrock(blowUp, 0, Float64Array.of(1), options({ maxTime: 2 }), {
      events: [],
    });
    // Reported at the last accepted state, at the pole to 1e-9 (a linearly implicit step
    // may land just beyond it).
    expect(result.status).toBe("diverged");
    expect(Math.abs(result.t - 1)).toBeLessThan(1e-9);
    const nan = integrateRosenbrock(
      {
        dimension: 1,
        autonomous: true,
        rhs: (_t, _y, d) => {
          d[0] = Number.NaN;
        },
      },
      0,
      Float64Array.of(1),
      options(),
      { events: [] },
    );
    expect(nan.status).toBe("diverged");
  });

  it("reports step-size underflow on a discontinuous right-hand side (y' = −sign y)", () => {
    // As for DOPRI5: steps across y = 0 at t = 1 are rejected until h is below the
    // underflow limit: 16 ulps of t when f depends on t (not declared autonomous), and
    // 16 ulps of the state's scale per unit rate |f_i|/scale_i when autonomous.
    const rhs = (_t: number, y: Float64Array, d: Float64Array) => {
      d[0] = y[0] === 0 ? 1 : -Math.sign(y[0]!);
    };
    for (const autonomous of [false, true]) {
      const result = integrateRosenbrock(
        {
          dimension: 1,
          autonomous,
          rhs,
          jacobian: (_t, _y, J) => {
            J[0] = 0;
          },
        },
        0,
        Float64Array.of(1),
        options({ maxTime: 5, relativeFloor: 0 }),
        { events: [] },
      );
      expect(result.status).toBe("step-underflow");
      expect(Math.abs(result.t - 1)).toBeLessThan(1e-10);
      expect(result.rejectedSteps).toBeGreaterThan(0);
    }
  });

  it("rejects (does not accept) steps whose matrix I/(hγ) − J is singular", () => {
    // J = 1/(γh) exactly for the first trial step h: W = 0, LU fails, the step is retried
    // with h/5 and succeeds. y' = λy with λ = 1/(γ h0), exact e^{λt}.
    const h0 = 0.5;
    const lambda = 1 / (RODAS5P.gamma * h0);
    const problem: OdeProblem = {
      dimension: 1,
      autonomous: true,
      rhs: (_t, y, d) => {
        d[0] = lambda * y[0]!;
      },
      jacobian: (_t, _y, J) => {
        J[0] = lambda;
      },
    };
    const result = integrateRosenbrock(
      problem,
      0,
      Float64Array.of(1),
      options({ maxTime: 1, initialStep: h0 }),
      { events: [] },
    );
    expect(result.status).toBe("time-budget");
    expect(result.rejectedSteps).toBeGreaterThanOrEqual(1);
    expect(relativeError(result.y[0]!, Math.exp(lambda))).toBeLessThan(1e-8);
  });

  it("starts from a zero state and grows the step geometrically", () => {
    const result = integrateRosenbrock(
      {
        dimension: 1,
        autonomous: true,
        rhs: (_t, _y, d) => {
          d[0] = 0;
        },
      },
      0,
      Float64Array.of(0),
      options({ maxTime: 1e8 }),
      { events: [] },
    );
    expect(result.status).toBe("time-budget");
    // h0 = 1e-6 then ×6 per step: 19 steps to 1e8.
    expect(result.steps).toBeLessThan(25);
    expect(result.y[0]).toBe(0);
  });
});
