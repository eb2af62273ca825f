import { describe, expect, it } from "vitest";
import { locateEvent, solveOde } from "../../src/theory/odeSolve.js";

const options = { rtol: 1e-9, atol: 1e-300, maxSteps: 10_000, tEnd: 10 };

describe("theory layer's DOPRI5", () => {
  it("grows y' = y to e^t to the requested relative accuracy, however small y starts", () => {
    for (const y0 of [1, 1e-200]) {
      const result = solveOde(
        (_t, y, dy) => {
          dy[0] = y[0]!;
        },
        0,
        Float64Array.of(y0),
        options,
        () => false,
      );
      expect(result.status).toBe("end-time");
      expect(Math.abs(result.y[0]! / (y0 * Math.exp(10)) - 1)).toBeLessThan(1e-7);
    }
  });

  it("follows a rotation (y1, y2)' = (−y2, y1) and locates cos t = 0 at π/2 from the interpolant", () => {
    let crossing = Number.NaN;
    solveOde(
      (_t, y, dy) => {
        dy[0] = -y[1]!;
        dy[1] = y[0]!;
      },
      0,
      Float64Array.of(1, 0),
      options,
      (step) => {
        if (step.y1[0]! <= 0) {
          crossing = locateEvent(step, (y) => -y[0]!);
          return true;
        }
        return false;
      },
    );
    expect(Math.abs(crossing - Math.PI / 2)).toBeLessThan(1e-6);
  });

  it("starts with a usable step when a component is exactly 0 but moving (y' = (0, 1) from (1, 0) at t = 5)", () => {
    const result = solveOde(
      (_t, _y, dy) => {
        dy[0] = 0;
        dy[1] = 1;
      },
      5,
      Float64Array.of(1, 0),
      { ...options, tEnd: 6, groups: [0, 1] },
      () => false,
    );
    expect(result.status).toBe("end-time");
    expect(result.y[1]).toBeCloseTo(1, 12);
  });

  it("reports an exhausted step budget instead of an answer", () => {
    const result = solveOde(
      (_t, y, dy) => {
        dy[0] = y[0]!;
      },
      0,
      Float64Array.of(1),
      { ...options, maxSteps: 3 },
      () => false,
    );
    expect(result.status).toBe("step-budget");
  });
});
