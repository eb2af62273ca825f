import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../../src/claims/arbitraries/vectorStatistics.js";
import { derive, swapModalities } from "../../src/statistics/derived.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import { fromToy } from "../../src/statistics/toy.js";
import type { FixedPointPrediction } from "../../src/theory/fixedPoints.js";
import {
  fixedPointPredictions,
  inertiaOf,
  modalityResidual,
} from "../../src/theory/fixedPoints.js";
import { maxAbsDifference } from "../helpers/numeric.js";

/** The authors' phase-portrait toy: Σ = diag(4, 1), Σ_yx = (4, 1), σ_y² = 5. */
const TOY = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0 });

const byName = (points: readonly FixedPointPrediction[], name: string) =>
  points.find((p) => p.name === name)!;

describe("fixedPointPredictions on the authors' toy (by hand)", () => {
  it("late fusion, width 1: maps, losses and spectra", () => {
    const late = fixedPointPredictions(TOY, "late", 1);
    expect(late.map((p) => [p.name, p.totalMap, p.loss, p.critical])).toEqual([
      ["M0", [0, 0], 2.5, true],
      ["M_A", [1, 0], 0.5, true],
      ["M_B", [0, 1], 2, true],
      ["M*", [1, 1], 0, true],
    ]);
    // M0: ±s_A = ±4, ±s_B = ±1. M_A: ±‖e_B‖ = ±1, A's chain 2·g·Σ_A = 8, one rescaling zero.
    // M_B: ±‖e_A‖ = ±4, 2·Σ_B = 2. M*: 2·Σ_A, 2·Σ_B and one rescaling zero per branch.
    const spectra: Record<string, number[]> = {
      M0: [-4, -1, 1, 4],
      M_A: [-1, 0, 1, 8],
      M_B: [-4, 0, 2, 4],
      "M*": [0, 0, 2, 8],
    };
    for (const p of late) {
      expect(maxAbsDifference(p.hessianSpectrum!, spectra[p.name]!), p.name).toBeLessThan(1e-12);
    }
    expect(late.map((p) => p.inertia!.negative)).toEqual([2, 1, 1, 0]);
  });

  it("early fusion, width 1: only M0 and M* are critical", () => {
    const early = fixedPointPredictions(TOY, "early", 1);
    expect(early.map((p) => [p.name, p.critical])).toEqual([
      ["M0", true],
      ["M_A", false],
      ["M_B", false],
      ["M*", true],
    ]);
    expect(
      maxAbsDifference(byName(early, "M0").hessianSpectrum!, [-Math.sqrt(17), 0, Math.sqrt(17)]),
    ).toBeLessThan(1e-12);
    // M*: eig(ΣP), P = √2(I + n̂n̂ᵀ), n̂ = (1, 1)/√2: √2·eig([[6, 2], [0.5, 1.5]]).
    const root = Math.sqrt(7.5 ** 2 - 4 * 8);
    const expected = [0, (Math.SQRT2 * (7.5 - root)) / 2, (Math.SQRT2 * (7.5 + root)) / 2];
    expect(maxAbsDifference(byName(early, "M*").hessianSpectrum!, expected)).toBeLessThan(1e-12);
    // Not critical: ‖∇‖ = √‖W_A^uni‖·‖e_B‖ = 1 at M_A, √‖W_B^uni‖·‖e_A‖ = 4 at M_B.
    expect(byName(early, "M_A").gradientNorm).toBe(1);
    expect(byName(early, "M_B").gradientNorm).toBe(4);
    expect(byName(early, "M_A").hessianSpectrum).toBeUndefined();
  });
});

/** tr(M) and tr(M²) of a square matrix product Σ·P (no eigenvalues involved). */
function traces(sigma: readonly (readonly number[])[], p: readonly (readonly number[])[]) {
  const n = sigma.length;
  const m = sigma.map((row) =>
    Array.from({ length: n }, (_, j) => row.reduce((s, v, k) => s + v * p[k]![j]!, 0)),
  );
  let trace = 0;
  let trace2 = 0;
  for (let i = 0; i < n; i++) {
    trace += m[i]![i]!;
    for (let j = 0; j < n; j++) trace2 += m[i]![j]! * m[j]![i]!;
  }
  return [trace, trace2] as const;
}

/** P = Σ_c w_c (I + n̂_c n̂_cᵀ) on chain c's inputs (block-diagonal), for the maps `w`. */
function chainMetric(chains: readonly (readonly number[])[]): number[][] {
  const d = chains.reduce((s, c) => s + c.length, 0);
  const p = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  let offset = 0;
  for (const c of chains) {
    const w = Math.hypot(...c);
    c.forEach((ci, i) => {
      c.forEach((cj, j) => {
        p[offset + i]![offset + j] = w === 0 ? 0 : (i === j ? w : 0) + (ci * cj) / w;
      });
    });
    offset += c.length;
  }
  return p;
}

const sumOf = (v: readonly number[]) => v.reduce((s, x) => s + x, 0);
const squares = (v: readonly number[]) => v.reduce((s, x) => s + x * x, 0);

describe("fixedPointPredictions: exact invariants on generated statistics", () => {
  const cases = fc.record({
    c: vectorStatisticsCase({ maxDim: 4, maxCondition: 100 }),
    width: fc.integer({ min: 1, max: 3 }),
  });

  it("sizes, traces and sums of squares of every spectrum match tr(ΣP), tr((ΣP)²) and the ± pairs", () => {
    fc.assert(
      fc.property(cases, ({ c, width: h }) => {
        const stats: Statistics = buildVectorStatistics(c);
        const q = derive(stats);
        const { dA, dB } = stats;
        const d = dA + dB;
        const late = fixedPointPredictions(stats, "late", h);
        const early = fixedPointPredictions(stats, "early", h);
        const eA = Math.hypot(...modalityResidual(stats, "A"));
        const eB = Math.hypot(...q.eB);
        for (const p of late) expect(p.hessianSpectrum!.length).toBe(h * (d + 2));
        for (const p of early.filter((p) => p.critical))
          expect(p.hessianSpectrum!.length).toBe(h * (d + 1));
        const scale = 1e-10 * (1 + squares(stats.sigmaYX) + squares(stats.sigma.flat()));
        const expectTraces = (spectrum: readonly number[], trace: number, trace2: number) => {
          expect(Math.abs(sumOf(spectrum) - trace)).toBeLessThan(scale * (1 + Math.abs(trace)));
          expect(Math.abs(squares(spectrum) - trace2)).toBeLessThan(scale * (1 + trace2));
        };
        const [sA, sB] = [q.sA, q.sB];
        expectTraces(byName(late, "M0").hessianSpectrum!, 0, 2 * h * (sA * sA + sB * sB));
        expectTraces(byName(early, "M0").hessianSpectrum!, 0, 2 * h * (sA * sA + sB * sB));
        const zeroA = new Array<number>(dA).fill(0);
        const zeroB = new Array<number>(dB).fill(0);
        const [trA, trA2] = traces(stats.sigma, chainMetric([q.wUniA, zeroB]));
        expectTraces(byName(late, "M_A").hessianSpectrum!, trA, trA2 + 2 * h * eB * eB);
        const [trB, trB2] = traces(stats.sigma, chainMetric([zeroA, q.wUniB]));
        expectTraces(byName(late, "M_B").hessianSpectrum!, trB, trB2 + 2 * h * eA * eA);
        const [trL, trL2] = traces(
          stats.sigma,
          chainMetric([q.wFull.slice(0, dA), q.wFull.slice(dA)]),
        );
        expectTraces(byName(late, "M*").hessianSpectrum!, trL, trL2);
        const [trE, trE2] = traces(stats.sigma, chainMetric([q.wFull]));
        expectTraces(byName(early, "M*").hessianSpectrum!, trE, trE2);
        // The signs the theory states.
        expect(byName(late, "M0").inertia).toEqual({
          negative: 2 * h,
          zero: h * (d - 2),
          positive: 2 * h,
        });
        expect(byName(late, "M_A").inertia).toEqual({
          negative: h,
          zero: h * (d + 2) - dA - 2 * h,
          positive: dA + h,
        });
        expect(byName(late, "M_B").inertia).toEqual({
          negative: h,
          zero: h * (d + 2) - dB - 2 * h,
          positive: dB + h,
        });
        expect(byName(late, "M*").inertia).toEqual({
          negative: 0,
          zero: h * (d + 2) - d,
          positive: d,
        });
        expect(byName(early, "M0").inertia).toEqual({
          negative: h,
          zero: h * (d - 1),
          positive: h,
        });
        expect(byName(early, "M*").inertia).toEqual({
          negative: 0,
          zero: h * (d + 1) - d,
          positive: d,
        });
      }),
      { numRuns: 60, seed: 20240527 },
    );
  });

  it("modalityResidual is e_B for B and, by symmetry, the swapped problem's e_B for A", () => {
    fc.assert(
      fc.property(vectorStatisticsCase({ maxDim: 4, maxCondition: 100 }), (c) => {
        const stats = buildVectorStatistics(c);
        expect(maxAbsDifference(modalityResidual(stats, "B"), derive(stats).eB)).toBeLessThan(
          1e-12,
        );
        const swapped = derive(swapModalities(stats)).eB;
        expect(maxAbsDifference(modalityResidual(stats, "A"), swapped)).toBeLessThan(1e-10);
      }),
      { numRuns: 30, seed: 20240527 },
    );
  });

  it("inertiaOf counts exact zeros only", () => {
    expect(inertiaOf([-2, 0, 0, 1e-300, 3])).toEqual({ negative: 1, zero: 2, positive: 2 });
  });
});
