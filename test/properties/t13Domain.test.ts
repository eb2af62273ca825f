import { describe, expect, it } from "vitest";
import { T13 } from "../../properties/T13.js";
import { reaches } from "../helpers/arbitrary.js";

type Case = Parameters<typeof T13.check>[0];
type Point = {
  name: string;
  spectrum?: { predictedInertia: unknown; measuredInertia: unknown };
  rescaled?: { measuredInertia: unknown; ostrowskiExcess: number };
};

describe("T13's generator and one case by hand", () => {
  it("reaches the authors' toy, correlated toys, vector modalities (dA, dB > 1), the paper's family at D = 10 and 20, both fusions, widths > 1", () => {
    const isAuthorsToy = (c: Case) =>
      c.statistics.kind === "toy" &&
      c.statistics.toy.sigmaA === 2 &&
      c.statistics.toy.sigmaB === 1 &&
      c.statistics.toy.rho === 0;
    expect(reaches(T13.arbitrary, (c) => isAuthorsToy(c) && c.fusion === "early")).toBe(true);
    expect(reaches(T13.arbitrary, (c) => isAuthorsToy(c) && c.fusion === "late")).toBe(true);
    expect(
      reaches(
        T13.arbitrary,
        (c) => c.statistics.kind === "toy" && Math.abs(c.statistics.toy.rho) > 0.8,
      ),
    ).toBe(true);
    expect(
      reaches(
        T13.arbitrary,
        (c) =>
          c.statistics.kind === "vector" &&
          c.statistics.vector.dA > 1 &&
          c.statistics.vector.dB > 1,
      ),
    ).toBe(true);
    expect(reaches(T13.arbitrary, (c) => c.statistics.kind === "paper" && c.width === 3)).toBe(
      true,
    );
    // The authors' D = 20 (width 1 there, for the cost of the Hessian's eigen solve).
    expect(
      reaches(
        T13.arbitrary,
        (c) => c.statistics.kind === "paper" && c.statistics.paper.dimension === 20,
      ),
    ).toBe(true);
  });

  it("on the authors' toy, late fusion width 2: four points, indices 4, 2, 2, 0, all within tolerance", () => {
    const verdict = T13.check({
      statistics: { kind: "toy", toy: { sigmaA: 2, sigmaB: 1, rho: 0, wA: 1, wB: 1 } },
      fusion: "late",
      width: 2,
    });
    expect(verdict.kind).toBe("measured");
    if (verdict.kind !== "measured") return;
    expect(verdict.error).toBeLessThanOrEqual(verdict.tolerance);
    const points = verdict.details.points as Point[];
    expect(points.map((p) => p.name)).toEqual(["M0", "M_A", "M_B", "M*"]);
    // n = h(D + 2) = 8 weights.
    expect(points.map((p) => p.spectrum?.measuredInertia)).toEqual([
      { negative: 4, zero: 0, positive: 4 },
      { negative: 2, zero: 3, positive: 3 },
      { negative: 2, zero: 3, positive: 3 },
      { negative: 0, zero: 6, positive: 2 },
    ]);
    for (const p of points) {
      expect(p.spectrum?.measuredInertia).toEqual(p.spectrum?.predictedInertia);
      // Along the rescaling symmetry (first layer × 2, output ÷ 2): the same signs, and every
      // eigenvalue within Ostrowski's factors [1/4, 4] of the prediction.
      expect(p.rescaled?.measuredInertia).toEqual(p.spectrum?.predictedInertia);
      expect(p.rescaled?.ostrowskiExcess).toBe(0);
    }
  });

  it("on the authors' toy, early fusion: M_A and M_B are measured as non-critical (‖∇‖ = 1 and 4)", () => {
    const verdict = T13.check({
      statistics: { kind: "toy", toy: { sigmaA: 2, sigmaB: 1, rho: 0, wA: 1, wB: 1 } },
      fusion: "early",
      width: 1,
    });
    expect(verdict.kind).toBe("measured");
    if (verdict.kind !== "measured") return;
    const points = verdict.details.points as {
      name: string;
      gradientNorm: { measured: number };
      spectrum?: unknown;
    }[];
    const byName = Object.fromEntries(points.map((p) => [p.name, p]));
    expect(byName.M_A!.gradientNorm.measured).toBeCloseTo(1, 14);
    expect(byName.M_B!.gradientNorm.measured).toBeCloseTo(4, 14);
    expect(byName.M_A!.spectrum).toBeUndefined();
    expect(byName["M*"]!.gradientNorm.measured).toBeLessThan(1e-14);
  });
});
