import { describe, expect, it } from "vitest";
import {
  balancedNextOrder,
  hasNextOrder,
  lateFusionWeights,
  runNextOrder,
} from "../../src/experiment/nextOrder.js";
import { fromTeacher } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";
import { balancedWeights } from "../../src/theory/nextOrderLateFusion.js";

// Tolerances: ratio = t_B/t_A is one division of the integrated times (12 digits); the
// width-1 run and the balanced prediction integrate the same reduced system from weights
// equal to an ulp, at the integrator's RTOL 1e-6 (10 digits covers the drift).
const toy = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 });
const LATE = { depth: 2, fusionLayer: 2 };

describe("hasNextOrder", () => {
  it("exists for two-layer late fusion (L = Lf = 2) only", () => {
    expect(hasNextOrder(LATE, toy)).toBe(true);
    expect(hasNextOrder({ depth: 3, fusionLayer: 3 }, toy)).toBe(false);
    expect(hasNextOrder({ depth: 2, fusionLayer: 1 }, toy)).toBe(false);
    expect(hasNextOrder({ depth: 3, fusionLayer: 2 }, toy)).toBe(false);
  });

  it("does not exist where W_B^full = 0 (t_B undefined)", () => {
    // Independent inputs, teacher w* = (1, 0): W^full = w*, so its B block is 0 exactly.
    expect(hasNextOrder(LATE, fromToy({ sigmaA: 2, sigmaB: 1, rho: 0, wB: 0 }))).toBe(false);
    // D = 3 with Σ = I and w* = (1, 0, 0): B's two entries of W^full are 0.
    const identity = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    expect(hasNextOrder(LATE, fromTeacher(identity, [1, 0, 0], 0, 1))).toBe(false);
    expect(hasNextOrder(LATE, fromTeacher(identity, [1, 0, 1e-3], 0, 1))).toBe(true);
  });
});

describe("lateFusionWeights", () => {
  const net = { width: 3, init: "gaussian" as const, seed: 4, u0: 1e-3 };

  it("has each branch's fusion row (width) and first layer (width × d_m)", () => {
    const stats = fromTeacher(
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      [1, 0.5, 0.5],
      0,
      1,
    );
    const w = lateFusionWeights(stats, net);
    expect(w.A.fusion).toHaveLength(3);
    expect(w.A.first.map((r) => r.length)).toEqual([1, 1, 1]);
    expect(w.B.fusion).toHaveLength(3);
    expect(w.B.first.map((r) => r.length)).toEqual([2, 2, 2]);
  });

  it("is the Gaussian init: the same seed gives the same draw, scaled exactly with u0", () => {
    const a = lateFusionWeights(toy, net);
    expect(lateFusionWeights(toy, net)).toEqual(a);
    // Two layers: every entry is u0 × a seeded normal, so doubling u0 doubles it exactly.
    const b = lateFusionWeights(toy, { ...net, u0: 2e-3 });
    const flat = (w: typeof a) => [
      ...w.A.fusion,
      ...w.A.first.flat(),
      ...w.B.fusion,
      ...w.B.first.flat(),
    ];
    expect(flat(b)).toEqual(flat(a).map((v) => 2 * v));
    expect(flat(lateFusionWeights(toy, { ...net, seed: 5 }))).not.toEqual(flat(a));
    // All 4·width entries are draws: none is left at 0.
    expect(flat(a).every((v) => v !== 0)).toBe(true);
  });

  it("balanced init: unit 1 carries u0 and u0·Σ_yxm/‖Σ_yxm‖, as the theory layer's balancedWeights", () => {
    const w = lateFusionWeights(toy, { ...net, init: "balanced" });
    const theory = balancedWeights(toy, 1e-3);
    // Σ_yx = wᵀΣ = (4.6, 1.6) by hand: scalar modalities, direction sign(Σ_yxm) = +1 for both.
    expect(w.A.fusion).toEqual([1e-3, 0, 0]);
    expect(w.B.fusion).toEqual([1e-3, 0, 0]);
    for (const m of ["A", "B"] as const) {
      // Scalar modality, Σ_yxm > 0: the direction is exactly 1, the entry exactly u0.
      expect(w[m].first[0]).toEqual([1e-3]);
      expect(theory[m].first[0]).toEqual([1e-3]);
      expect(w[m].first[1]).toEqual([0]);
      expect(w[m].first[2]).toEqual([0]);
    }
  });
});

describe("balancedNextOrder", () => {
  it("reaches both thresholds in order, with ratio = t_B/t_A", () => {
    const p = balancedNextOrder(toy, 1e-6);
    expect(p.status).toBe("reached");
    expect(p.tA).toBeGreaterThan(0);
    expect(p.tB).toBeGreaterThan(p.tA);
    expect(p.ratio).toBeCloseTo(p.tB / p.tA, 12);
  });

  it("tends to T2's leading-order ratio as u0 → 0 (its correction goes like 1/ln(1/u0))", () => {
    const t2 = lateFusionRatio(toy).ratio;
    const gap = (u0: number) => Math.abs(balancedNextOrder(toy, u0).ratio - t2);
    expect(gap(1e-12)).toBeLessThan(gap(1e-4));
    expect(gap(1e-60)).toBeLessThan(gap(1e-12));
    // ln(1/u0²) ≈ 276 at 1e-60: a 1/L correction of O(1) relative size is below 1 %.
    expect(gap(1e-60) / t2).toBeLessThan(0.01);
  });
});

describe("runNextOrder", () => {
  it("relativeError = measured / next-order − 1; NaN when the run did not reach t_B", () => {
    const net = { width: 1, init: "balanced" as const, seed: 0, u0: 1e-6 };
    const balanced = balancedNextOrder(toy, 1e-6);
    const run = runNextOrder(toy, net, 1.1 * balanced.ratio);
    // The width-1 balanced init is the theory's balanced init: the same prediction.
    expect(run.ratio).toBeCloseTo(balanced.ratio, 10);
    expect(run.status).toBe("reached");
    expect(run.relativeError).toBeCloseTo(0.1, 10);
    expect(runNextOrder(toy, net, Number.NaN).relativeError).toBeNaN();
  });
});
