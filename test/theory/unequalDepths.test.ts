import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import { chainClock, unimodalPhaseUnequalDepths } from "../../src/theory/unequalDepths.js";

// X4 theory. Expected values are computed by hand from τ_n(u0) = ∫_{u0}^1 u^{1−n} du.
describe("chainClock (X4)", () => {
  it("n = 2: ln(1/u0); n = 3: 1/u0 − 1; n = 4: (u0⁻² − 1)/2; n = 1: 1 − u0", () => {
    expect(chainClock(2, Math.exp(-3))).toBeCloseTo(3, 14);
    expect(chainClock(3, 0.1)).toBeCloseTo(9, 12);
    expect(chainClock(4, 0.1)).toBeCloseTo(49.5, 11);
    expect(chainClock(1, 0.25)).toBeCloseTo(0.75, 14);
  });
  it("runs to a given endpoint: n = 2 ln(end/u0), n = 3 1/u0 − 1/end", () => {
    expect(chainClock(2, 0.01, 0.5)).toBeCloseTo(Math.log(50), 13);
    expect(chainClock(3, 0.01, 0.5)).toBeCloseTo(98, 11);
  });
  it("rejects bad input", () => {
    expect(() => chainClock(0, 0.1)).toThrow(InputError);
    expect(() => chainClock(2, 1)).toThrow(InputError);
  });
});

describe("unimodalPhaseUnequalDepths (X4)", () => {
  const toy = { sA: 5, sB: 2, eA: 3.75, eB: 0.75 }; // σA = 2, σB = 1, ρ = 0.5, w = (1, 1)
  it("reduces to T2/T4's 1 + (s_A − s_B)/e_B at equal depths, for every u0", () => {
    for (const n of [2, 3, 5])
      for (const u0 of [0.3, 1e-3]) {
        const p = unimodalPhaseUnequalDepths({
          A: { chainLength: n, rate: toy.sA, residual: toy.eA },
          B: { chainLength: n, rate: toy.sB, residual: toy.eB },
          u0,
        });
        expect(p.first).toBe("A");
        expect(p.ratio).toBeCloseTo(5, 12);
        expect(p.gap).toBeCloseTo(0.6, 12);
      }
  });

  it("a shallower chain goes first despite the smaller rate", () => {
    // n_A = 3: τ = 99 at u0 = 0.01, time 19.8; n_B = 2: τ = ln 100, time 2.303 → B first.
    const p = unimodalPhaseUnequalDepths({
      A: { chainLength: 3, rate: toy.sA, residual: toy.eA },
      B: { chainLength: 2, rate: toy.sB, residual: toy.eB },
      u0: 0.01,
    });
    expect(p.first).toBe("B");
    expect(p.tFirst).toBeCloseTo(Math.log(100) / 2, 12);
    // t_S = t_F + (99 − 5 t_F)/3.75
    expect(p.tSecond).toBeCloseTo(p.tFirst + (99 - 5 * p.tFirst) / 3.75, 10);
    expect(p.ratio).toBeCloseTo(p.tSecond / p.tFirst, 12);
  });

  it("target clocks with unit targets equal the unit clocks", () => {
    const drives = {
      A: { chainLength: 2, rate: 3, residual: 1, targets: { alone: 1, joint: 1 } },
      B: { chainLength: 4, rate: 1, residual: 0.5, targets: { alone: 1, joint: 1 } },
      u0: 0.05,
    };
    expect(unimodalPhaseUnequalDepths(drives, "target").ratio).toBeCloseTo(
      unimodalPhaseUnequalDepths(drives).ratio,
      12,
    );
  });

  it("rejects non-positive rates or residuals and short chains", () => {
    const ok = { chainLength: 2, rate: 1, residual: 1 };
    expect(() => unimodalPhaseUnequalDepths({ A: { ...ok, rate: 0 }, B: ok, u0: 0.1 })).toThrow(
      /A.rate/,
    );
    expect(() =>
      unimodalPhaseUnequalDepths({ A: ok, B: { ...ok, chainLength: 1 }, u0: 0.1 }),
    ).toThrow(/B.chainLength/);
  });
});
