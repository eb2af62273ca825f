import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import {
  type FusionArchitecture,
  leadingOrderTimeA,
  type PhaseRates,
  slowModalityScale,
  T5_QUADRATURE_RTOL,
  unimodalPhasePrediction,
} from "../../src/theory/intermediateFusion.js";

/** fast-check seed, fixed so failures replay; it appears in the test titles. */
const SEED = 20240721;

/**
 * Tolerance on t_A against an elementary closed form: the quadrature is asked
 * for T5_QUADRATURE_RTOL = 1e-12 relative; the closed forms below are
 * evaluated in double with measured relative error ≤ 6e-16 (checked against
 * 40-digit mpmath), so the request dominates.
 */
const TA_RTOL = T5_QUADRATURE_RTOL;

/**
 * Tolerance on ratios that are exact by construction (T1, T2/T4): a handful
 * of roundings in `1 + (1 − k) s_A / e` and in `k` itself, ≤ ~10 ε ≈ 2e-15
 * relative; 1e-12 is the bound the task fixes for late fusion.
 */
const EXACT_RATIO_RTOL = 1e-12;

/**
 * Slack for "non-decreasing" comparisons of two computed ratios: each ratio
 * − 1 is relative-accurate to ~1e-12 (t_A's quadrature request), so two
 * equal ratios may differ by up to 2e-12 relative.
 */
const MONOTONE_SLACK = 2e-12;

/** Toy family (docs/theory.md §1) with σ_B = 1: rates for T5. */
function toyRates(sigmaA: number, rho: number, wA = 1, wB = 1): PhaseRates {
  const sA = wA * sigmaA ** 2 + wB * rho * sigmaA;
  const sB = wB + wA * rho * sigmaA;
  return { sA, k: sB / sA, e: (1 - rho ** 2) * wB, g: wA + (wB * rho) / sigmaA };
}

/** The acceptance toy: σ_A = 2, σ_B = 1, ρ = 0.5, w = (1, 1). */
const ACCEPTANCE: PhaseRates = { sA: 5, k: 0.4, e: 0.75, g: 1.25 };

const arch = (depth: number, fusionLayer: number): FusionArchitecture => ({ depth, fusionLayer });

function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

function t2Ratio(r: PhaseRates): number {
  return 1 + ((1 - r.k) * r.sA) / r.e;
}

describe("toy rates helper", () => {
  it("reproduces the acceptance rates (s_A = 5, not 3: Σ_yxA = σ_A² + ρσ_Aσ_B)", () => {
    const r = toyRates(2, 0.5);
    // Each field is one or two roundings of exact decimals: a few ulps.
    expect(r.sA).toBeCloseTo(ACCEPTANCE.sA, 14);
    expect(r.k).toBeCloseTo(ACCEPTANCE.k, 14);
    expect(r.e).toBeCloseTo(ACCEPTANCE.e, 14);
    expect(r.g).toBeCloseTo(ACCEPTANCE.g, 14);
  });
});

describe("slowModalityScale (T5 u_B)", () => {
  it("matches the literal formulas of docs/theory.md T5", () => {
    const u0 = 0.01;
    for (const k of [0.1, 0.5, 0.9]) {
      for (const u of [0.01, 0.03, 0.2, 1]) {
        // Lf = 2: u^k u0^(1-k); Lf ≠ 2 literal power form. Both sides a few
        // roundings of pow/exp/log: agreement to 1e-14 relative.
        expect(relErr(slowModalityScale(u, u0, k, 2), u ** k * u0 ** (1 - k))).toBeLessThan(1e-14);
        for (const Lf of [1, 3, 4, 7]) {
          const literal = (k * u ** (2 - Lf) + (1 - k) * u0 ** (2 - Lf)) ** (1 / (2 - Lf));
          expect(relErr(slowModalityScale(u, u0, k, Lf), literal)).toBeLessThan(1e-14);
        }
      }
    }
  });

  it("starts at u0 and lies below u (B is the slower chain)", () => {
    for (const Lf of [1, 2, 3, 6]) {
      // u_B(u0) = u0 (1)^(1/(2−Lf)): one rounding in the power at most.
      expect(relErr(slowModalityScale(1e-3, 1e-3, 0.3, Lf), 1e-3)).toBeLessThan(1e-15);
      for (const u of [2e-3, 0.1, 1]) expect(slowModalityScale(u, 1e-3, 0.3, Lf)).toBeLessThan(u);
    }
  });

  it("rejects out-of-range inputs", () => {
    expect(() => slowModalityScale(0.5, 1.5, 0.5, 2)).toThrow("u0: must be in (0, 1), got 1.5");
    expect(() => slowModalityScale(0.5, 0.1, 1, 2)).toThrow("k: must be in (0, 1), got 1");
    expect(() => slowModalityScale(-1, 0.1, 0.5, 2)).toThrow(/u: must be/);
    expect(() => slowModalityScale(0.5, 0.1, 0.5, 0)).toThrow(/fusionLayer: must be an integer/);
  });
});

describe("unimodalPhasePrediction: input validation", () => {
  it("names the field and its bound", () => {
    const ok = ACCEPTANCE;
    expect(() => unimodalPhasePrediction(ok, arch(4, 3), 1.5)).toThrow(InputError);
    expect(() => unimodalPhasePrediction(ok, arch(4, 3), 1.5)).toThrow(
      "u0: must be in (0, 1), got 1.5",
    );
    expect(() => unimodalPhasePrediction(ok, arch(4, 5), 0.1)).toThrow(
      /fusionLayer: must be an integer in \[1, depth\]/,
    );
    expect(() => unimodalPhasePrediction(ok, arch(4, 2.5), 0.1)).toThrow(/fusionLayer/);
    expect(() => unimodalPhasePrediction(ok, arch(0, 1), 0.1)).toThrow(/depth: must be/);
    expect(() => unimodalPhasePrediction({ ...ok, k: 1.2 }, arch(4, 3), 0.1)).toThrow(
      "k: must be in (0, 1), got 1.2",
    );
    expect(() => unimodalPhasePrediction({ ...ok, sA: 0 }, arch(4, 3), 0.1)).toThrow(/sA: must/);
    expect(() => unimodalPhasePrediction({ ...ok, e: -1 }, arch(4, 3), 0.1)).toThrow(/e: must/);
    expect(() => unimodalPhasePrediction({ ...ok, g: Number.NaN }, arch(4, 3), 0.1)).toThrow(
      /g: must/,
    );
  });
});

describe("unimodalPhasePrediction: acceptance numbers (toy σA=2, σB=1, ρ=0.5, w=(1,1))", () => {
  it("--depth 4 --fusion 4 --u0 0.1 gives exactly the T2 ratio 5", () => {
    const p = unimodalPhasePrediction(ACCEPTANCE, arch(4, 4), 0.1);
    expect(relErr(p.ratio, 5)).toBeLessThanOrEqual(EXACT_RATIO_RTOL);
  });

  it("--depth 4 --fusion 3 --u0 0.1 gives ≈ 1.958", () => {
    const p = unimodalPhasePrediction(ACCEPTANCE, arch(4, 3), 0.1);
    // SciPy 1.17.1 quad (epsrel 1e-13, limit 500) of the same T5 integral in
    // ln u gave t_A = 7.89995178843322 and ratio 1.9577188664749992. t_A is
    // compared at the quadrature request; the ratio inherits that accuracy.
    expect(relErr(p.tA, 7.89995178843322)).toBeLessThan(TA_RTOL);
    expect(relErr(p.ratio, 1.9577188664749992)).toBeLessThan(TA_RTOL);
    expect(p.ratio.toFixed(3)).toBe("1.958");
  });

  it("the literal T5 duration at Lf = L would give 1 + (T2−1)/(1−u0^(L−2)) = 5.0404, not 5", () => {
    const p = unimodalPhasePrediction(ACCEPTANCE, arch(4, 4), 0.1);
    const literalDuration = ((1 - ACCEPTANCE.k) * 0.1 ** -2) / (2 * ACCEPTANCE.e);
    const literalRatio = 1 + literalDuration / p.tA;
    // 1 + 4/0.99 = 5.040404…; both sides within TA_RTOL through t_A.
    expect(relErr(literalRatio, 1 + 4 / 0.99)).toBeLessThan(TA_RTOL);
    // What we return instead: the time for B to reach 1 (not ∞),
    // (1−k)(u0^(2−L) − 1)/((L−2) e) = 0.6 · 99 / 1.5 = 39.6.
    expect(relErr(p.duration, 39.6)).toBeLessThan(TA_RTOL);
  });
});

describe("unimodalPhasePrediction: limits and closed forms", () => {
  const u0s = [1e-6, 1e-3, 0.1, 0.5];

  it("Lf = L: t_A is elementary and the ratio is exactly T2 (T4), for L = 2 … 10", () => {
    for (const r of [ACCEPTANCE, toyRates(1.5, -0.3), toyRates(3, 0.8)]) {
      for (let L = 2; L <= 10; L++) {
        for (const u0 of u0s) {
          const p = unimodalPhasePrediction(r, arch(L, L), u0);
          const exactTA =
            L === 2 ? Math.log(1 / u0) / r.sA : (u0 ** (2 - L) - 1) / ((L - 2) * r.sA);
          const ctx = `L=${L} u0=${u0} tA=${p.tA} exact=${exactTA}`;
          expect(relErr(p.tA, exactTA), ctx).toBeLessThan(TA_RTOL);
          // Honest estimate; 4ε|exact| covers the closed form's own rounding.
          expect(Math.abs(p.tA - exactTA), ctx).toBeLessThanOrEqual(
            p.tAErrorEstimate + 4 * Number.EPSILON * exactTA,
          );
          expect(relErr(p.ratio, t2Ratio(r)), ctx).toBeLessThanOrEqual(EXACT_RATIO_RTOL);
          // tB = tA + duration and ratio = tB/tA: a couple of roundings.
          expect(relErr(p.tB / p.tA, p.ratio), ctx).toBeLessThan(1e-14);
        }
      }
    }
  });

  it("1 < Lf < L: the duration is docs/theory.md T5's formula, ratio = 1 + duration/t_A", () => {
    for (let L = 3; L <= 10; L++) {
      for (let Lf = 2; Lf < L; Lf++) {
        for (const u0 of u0s) {
          const { g, k, e } = ACCEPTANCE;
          const p = unimodalPhasePrediction(ACCEPTANCE, arch(L, Lf), u0);
          const literal =
            (g ** (Lf / L - 1) *
              (1 - k) *
              (Lf === 2 ? Math.log(1 / u0) : u0 ** (2 - Lf) / (Lf - 2))) /
            e;
          const ctx = `L=${L} Lf=${Lf} u0=${u0}`;
          // Same expression reordered (J cancels): a few roundings, ≤ ~10ε.
          expect(relErr(p.duration, literal), ctx).toBeLessThan(1e-14);
          expect(relErr(p.ratio, 1 + literal / p.tA), ctx).toBeLessThan(1e-14);
        }
      }
    }
  });

  it("Lf = 1 (early fusion, T1): ratio exactly 1, duration 0", () => {
    for (let L = 1; L <= 10; L++) {
      for (const u0 of u0s) {
        const p = unimodalPhasePrediction(ACCEPTANCE, arch(L, 1), u0);
        expect(p.ratio).toBe(1);
        expect(p.duration).toBe(0);
        expect(p.tB).toBe(p.tA);
      }
    }
  });

  it("L = 1: t_A = (1 − u0)/s_A", () => {
    for (const u0 of u0s) {
      const p = unimodalPhasePrediction(ACCEPTANCE, arch(1, 1), u0);
      expect(relErr(p.tA, (1 - u0) / ACCEPTANCE.sA)).toBeLessThan(TA_RTOL);
    }
  });

  it("L = 2, Lf = 1: t_A = ∫ du / (s_A √(a u² + b u + c)) in closed form", () => {
    // u_B = k u + (1−k) u0, so u² + u_B² = a u² + b u + c with
    // a = 1 + k², b = 2k(1−k)u0, c = (1−k)²u0²;
    // ∫ du/√Q = ln(2√(aQ) + 2au + b)/√a.
    for (const k of [0.1, 0.5, 0.9]) {
      for (const u0 of u0s) {
        const a = 1 + k * k;
        const b = 2 * k * (1 - k) * u0;
        const c = (1 - k) ** 2 * u0 * u0;
        const F = (u: number) =>
          Math.log(2 * Math.sqrt(a * (a * u * u + b * u + c)) + 2 * a * u + b) / Math.sqrt(a);
        const exact = (F(1) - F(u0)) / 2;
        const p = unimodalPhasePrediction({ sA: 2, k, e: 1, g: 1 }, arch(2, 1), u0);
        expect(relErr(p.tA, exact), `k=${k} u0=${u0}`).toBeLessThan(TA_RTOL);
      }
    }
  });

  it("L = 3, Lf = 2, k = 1/2: t_A = 2(√2 − √(1+u0))/(s_A u0)", () => {
    // u_B² = u u0, so the integrand is 1/(s_A u^{3/2} √(u + u0)), whose
    // antiderivative is −(2/u0) √(1 + u0/u)/s_A.
    for (const u0 of u0s) {
      const exact = (2 * (Math.SQRT2 - Math.sqrt(1 + u0))) / (3 * u0);
      const p = unimodalPhasePrediction({ sA: 3, k: 0.5, e: 1, g: 1 }, arch(3, 2), u0);
      expect(relErr(p.tA, exact), `u0=${u0}`).toBeLessThan(TA_RTOL);
    }
  });

  it("L = 4, Lf = 3: t_A as an elementary integral in z = 1/u", () => {
    // u_B = u u0/(k u0 + (1−k) u). With z = 1/u, a = k u0, b = 1 − k:
    // s_A t_A = ∫_1^{1/u0} (a z² + b z)/√(A z² + B z + C) dz,
    // A = a² + u0², B = 2ab, C = b², using the standard antiderivatives
    // I0 = ln(2√(AQ) + 2Az + B)/√A, I1 = √Q/A − B I0/(2A),
    // I2 = (2Az − 3B)√Q/(4A²) + (3B² − 4AC) I0/(8A²).
    for (const k of [0.1, 0.4, 0.9]) {
      for (const u0 of [1e-4, 0.01, 0.1, 0.5]) {
        const a = k * u0;
        const b = 1 - k;
        const A = a * a + u0 * u0;
        const B = 2 * a * b;
        const C = b * b;
        const Q = (z: number) => A * z * z + B * z + C;
        const I0 = (z: number) => Math.log(2 * Math.sqrt(A * Q(z)) + 2 * A * z + B) / Math.sqrt(A);
        const I1 = (z: number) => Math.sqrt(Q(z)) / A - (B / (2 * A)) * I0(z);
        const I2 = (z: number) =>
          ((2 * A * z - 3 * B) * Math.sqrt(Q(z))) / (4 * A * A) +
          ((3 * B * B - 4 * A * C) / (8 * A * A)) * I0(z);
        const F = (z: number) => a * I2(z) + b * I1(z);
        const exact = F(1 / u0) - F(1);
        const p = unimodalPhasePrediction({ sA: 1, k, e: 1, g: 1 }, arch(4, 3), u0);
        expect(relErr(p.tA, exact), `k=${k} u0=${u0}`).toBeLessThan(TA_RTOL);
      }
    }
  });

  it("L = 4, Lf = 2, k = 1/2: t_A = (1 − u0 + ln((1+u0)/2))/(s_A u0²)", () => {
    // u² + u_B² = u(u + u0): integrand 1/(s_A u²(u + u0)), partial fractions
    // 1/(u0 u²) − 1/(u0² u) + 1/(u0² (u + u0)).
    for (const u0 of u0s) {
      const exact = (1 - u0 + Math.log1p(u0) - Math.LN2) / (2 * u0 * u0);
      const p = unimodalPhasePrediction({ sA: 2, k: 0.5, e: 1, g: 1 }, arch(4, 2), u0);
      expect(relErr(p.tA, exact), `u0=${u0}`).toBeLessThan(TA_RTOL);
    }
  });
});

describe("unimodalPhasePrediction: T6 and T7 on toy data", () => {
  const toys = [ACCEPTANCE, toyRates(1.5, 0.5), toyRates(2, -0.3), toyRates(3, 0.8)];

  it("T6: ratio and duration are non-decreasing in Lf (L = 3 … 10, u0 ≤ 0.2)", () => {
    for (const r of toys) {
      for (let L = 3; L <= 10; L++) {
        for (const u0 of [1e-6, 1e-3, 0.01, 0.1, 0.2]) {
          let prev = unimodalPhasePrediction(r, arch(L, 1), u0);
          for (let Lf = 2; Lf <= L; Lf++) {
            const p = unimodalPhasePrediction(r, arch(L, Lf), u0);
            const ctx = `rates=${JSON.stringify(r)} L=${L} Lf=${Lf} u0=${u0}`;
            expect(p.ratio, ctx).toBeGreaterThanOrEqual(prev.ratio * (1 - MONOTONE_SLACK));
            expect(p.duration, ctx).toBeGreaterThanOrEqual(prev.duration * (1 - MONOTONE_SLACK));
            prev = p;
          }
        }
      }
    }
  });

  it("T6 breaks in the formula at large u0: toy, L = 4, u0 = 0.5, Lf = 3 exceeds T2", () => {
    // Recorded finding, not a tolerance: the literal T5 duration is a
    // blow-up time, which at u0 = 0.5 overstates Lf = 3 by 1/(1 − u0) = 2,
    // while Lf = L is the exact T2 value 5.
    const p3 = unimodalPhasePrediction(ACCEPTANCE, arch(4, 3), 0.5);
    const p4 = unimodalPhasePrediction(ACCEPTANCE, arch(4, 4), 0.5);
    expect(p3.ratio).toBeGreaterThan(7.6);
    expect(p4.ratio).toBeCloseTo(5, 12);
  });

  it("T7: for 1 < Lf < L the ratio grows with u0 and the duration shrinks", () => {
    const grid = [1e-6, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5];
    for (const r of toys) {
      for (let L = 3; L <= 7; L++) {
        for (let Lf = 2; Lf < L; Lf++) {
          const ps = grid.map((u0) => unimodalPhasePrediction(r, arch(L, Lf), u0));
          for (let i = 1; i < ps.length; i++) {
            const ctx = `L=${L} Lf=${Lf} u0=${grid[i]}`;
            expect(ps[i]!.ratio, ctx).toBeGreaterThanOrEqual(ps[i - 1]!.ratio);
            expect(ps[i]!.duration, ctx).toBeLessThan(ps[i - 1]!.duration);
          }
          // T7: ratio → 1 as u0 → 0 (at 1e-6 the excess is u0^{L−Lf}-small
          // times O(1) factors; for this grid it is < 1e-3).
          expect(ps[0]!.ratio - 1).toBeLessThan(1e-3);
        }
      }
    }
  });
});

describe("leadingOrderTimeA (T9)", () => {
  it("is ln(1/u0)/s_A at L = 2 and u0^{2−L}/((L−2)s_A) for late fusion L ≥ 3", () => {
    // Exact expressions evaluated identically: a couple of roundings.
    expect(relErr(leadingOrderTimeA(5, arch(2, 2), 0.01), Math.log(100) / 5)).toBeLessThan(1e-15);
    expect(relErr(leadingOrderTimeA(5, arch(4, 4), 0.1), 10)).toBeLessThan(1e-15);
  });

  it("differs from the T5 integral by the relative u0^{L−2} predicted in its TSDoc", () => {
    for (let L = 3; L <= 10; L++) {
      for (const u0 of [1e-3, 0.1, 0.5]) {
        const exact = unimodalPhasePrediction(ACCEPTANCE, arch(L, L), u0).tA;
        const lead = leadingOrderTimeA(ACCEPTANCE.sA, arch(L, L), u0);
        // lead − exact = 1/((L−2)s_A) exactly. Absolute bound: the quadrature's
        // TA_RTOL·exact plus a few roundings (4ε) of lead.
        const gap = Math.abs(lead - exact - 1 / ((L - 2) * ACCEPTANCE.sA));
        expect(gap, `L=${L} u0=${u0}`).toBeLessThanOrEqual(
          TA_RTOL * exact + 4 * Number.EPSILON * lead,
        );
      }
    }
  });

  it("rejects architectures outside T9", () => {
    expect(() => leadingOrderTimeA(5, arch(4, 3), 0.1)).toThrow(/late fusion only/);
    expect(() => leadingOrderTimeA(5, arch(1, 1), 0.1)).toThrow(/late fusion only/);
    expect(() => leadingOrderTimeA(5, arch(4, 4), 1)).toThrow("u0: must be in (0, 1), got 1");
  });
});

/** Log-uniform double in [10^lo, 10^hi]. */
const logUniform = (lo: number, hi: number) =>
  fc.double({ min: lo, max: hi, noNaN: true }).map((x) => 10 ** x);

/** A T5 problem instance: rates, depth L ≤ 10 and init u0 ∈ [1e-6, 0.5]. */
const instance = fc.record({
  rates: fc.record({
    sA: logUniform(-2, 2),
    k: fc.double({ min: 1e-3, max: 1 - 1e-3, noNaN: true }),
    e: logUniform(-2, 2),
    g: logUniform(-2, 2),
  }),
  depth: fc.integer({ min: 1, max: 10 }),
  u0: logUniform(-6, Math.log10(0.5)),
});

describe("unimodalPhasePrediction: properties over random instances", () => {
  it(`is finite, positive, ratio ≥ 1, tB = tA + duration (seed ${SEED})`, () => {
    fc.assert(
      fc.property(instance, fc.nat(), ({ rates, depth, u0 }, pick) => {
        const p = unimodalPhasePrediction(rates, arch(depth, 1 + (pick % depth)), u0);
        return (
          Number.isFinite(p.tA) &&
          Number.isFinite(p.tB) &&
          Number.isFinite(p.ratio) &&
          p.tA > 0 &&
          p.duration >= 0 &&
          p.tB >= p.tA &&
          p.ratio >= 1 &&
          // converged: estimate ≤ rtol·J; both scaled alike (4ε for that rounding)
          p.tAErrorEstimate <= T5_QUADRATURE_RTOL * p.tA * (1 + 4 * Number.EPSILON)
        );
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  // KNOWN FAILURE of T6 in the T5 formula (reported to the lead): over this
  // generator the ratio is NOT always non-decreasing in Lf. With this seed
  // fast-check shrinks to sA=1, k=0.001, e=1, g=1, L=4, u0=0.5:
  // Lf=1..4 → 1, 1.737, 2.687, 1.999 (Lf=3 above the T2 value of Lf=4).
  // Mechanisms: (1) large u0: the literal T5 duration is a blow-up time, which
  // overstates Lf = 3 by 1/(1 − u0) (×2 at u0 = 0.5), while Lf = L is T2;
  // (2) small g: g^{Lf/L−1} > 1 inflates intermediate Lf, e.g. g=0.01, k=0.05,
  // L=3, u0=0.087: Lf=2 → 2.189 > Lf=3 → 1.950. In 20 000 runs (seed 2, L ≥ 3)
  // no violation had u0 < 0.087; 65% of runs with u0 in (0.3, 0.5] violated.
  // `it.fails` keeps the suite green while the finding stands, and turns red
  // if the formula changes so that the property holds.
  it.fails(`T6 in the formula: ratio non-decreasing in Lf (seed ${SEED})`, () => {
    fc.assert(
      fc.property(instance, ({ rates, depth, u0 }) => {
        let prev = 1;
        for (let Lf = 1; Lf <= depth; Lf++) {
          const { ratio } = unimodalPhasePrediction(rates, arch(depth, Lf), u0);
          if (ratio < prev * (1 - MONOTONE_SLACK)) return false;
          prev = ratio;
        }
        return true;
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
