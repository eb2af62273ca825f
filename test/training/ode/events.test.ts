import { describe, expect, it } from "vitest";
import { brentRoot } from "../../../src/training/ode/events.js";
import { EPS } from "../../helpers/numeric.js";

// Event location itself (on DOPRI5's and Rodas5P's dense output) is tested with each
// method: dormandPrince.test.ts and rosenbrock.test.ts ("events").
describe("brentRoot", () => {
  // Brent returns once the bracket is 2ε|b| wide (+1e-300): a few ulps of the root.
  const ulps = (x: number, root: number) => Math.abs(x - root) / (EPS * Math.abs(root));

  it("finds π/2 as the root of cos on [0, 2]", () => {
    expect(ulps(brentRoot(Math.cos, 0, 2, 1, Math.cos(2)), Math.PI / 2)).toBeLessThanOrEqual(4);
  });

  it("finds the cube root of 2 (x³ − 2 on [0, 5])", () => {
    const g = (x: number) => x ** 3 - 2;
    expect(ulps(brentRoot(g, 0, 5, g(0), g(5)), Math.cbrt(2))).toBeLessThanOrEqual(4);
  });

  it("finds a root on a decreasing bracket and a root near 0 (absolute floor)", () => {
    const g = (x: number) => 1 - 2 * x;
    expect(ulps(brentRoot(g, 0, 3, 1, -5), 0.5)).toBeLessThanOrEqual(4);
    const h = (x: number) => x - 1e-20;
    expect(Math.abs(brentRoot(h, -1, 1, h(-1), h(1)) - 1e-20)).toBeLessThan(1e-30);
  });

  it("returns an end point that is already a root", () => {
    expect(brentRoot((x) => x - 1, 0, 1, -1, 0)).toBe(1);
    expect(brentRoot((x) => x, 0, 1, 0, 1)).toBe(0);
  });

  it("handles a steep, badly scaled function (bisection fallback)", () => {
    const g = (x: number) => Math.sign(x - 0.3) * Math.abs(x - 0.3) ** 0.1;
    expect(Math.abs(brentRoot(g, 0, 1, g(0), g(1)) - 0.3)).toBeLessThan(1e-14);
  });
});
