import { describe, expect, it } from "vitest";
import { sampleMoments } from "../../src/data/moments.js";
import { sampleFromStatistics } from "../../src/data/sampleFromStatistics.js";
import type { SampleSet } from "../../src/data/sampleSet.js";
import { t10Statistics } from "../../src/data/t10Family.js";
import {
  dataSpanComplement,
  empiricalLoss,
  generalisationError,
  sampleSolution,
} from "../../src/measurement/generalisation.js";
import { fromMoments } from "../../src/statistics/teacher.js";

// T10 reference solutions, checked by their defining invariants (not by re-deriving them).
const population = t10Statistics({ dA: 3, dB: 4 });

function residual(set: SampleSet, w: readonly number[]): number[] {
  const d = set.dA + set.dB;
  return Array.from(set.y, (y, p) => {
    let s = 0;
    for (let i = 0; i < d; i++) s += set.x[p * d + i]! * w[i]!;
    return s - y;
  });
}

describe("generalisationError (T10 E_g)", () => {
  it("is ½(W − w*)Σ(W − w*)ᵀ: 0 at w*, ½ΣVar·w*² at 0", () => {
    const eg = generalisationError(population);
    expect(eg(population.teacher!.wStar)).toBe(0);
    // ½(3·3·0.01 + 4·1·0.01) = 0.065.
    expect(eg(new Array(7).fill(0))).toBeCloseTo(0.065, 14);
    expect(() => eg([1])).toThrow("length");
  });

  it("without a teacher equals ℒ(W) − ℒ*", () => {
    const noTeacher = fromMoments(population.sigma, population.sigmaYX, population.sigmaY2, 3);
    const w = [0.3, -0.1, 0, 0.2, 0.1, 0, 0.05];
    const lossStar =
      0.5 * (population.sigmaY2 - 0.1 * population.sigmaYX.reduce((a, b) => a + b, 0));
    expect(generalisationError(noTeacher)(w)).toBeCloseTo(
      empiricalLoss(population, w) - lossStar,
      12,
    );
  });
});

describe("sampleSolution", () => {
  it("P > D: least squares satisfies the normal equations Xᵀ(Xw − y) = 0", () => {
    const set = sampleFromStatistics(population, { samples: 40, seed: 1 });
    const sol = sampleSolution(set);
    expect(sol.kind).toBe("least-squares");
    const r = residual(set, sol.w);
    for (let i = 0; i < 7; i++) {
      let g = 0;
      for (let p = 0; p < 40; p++) g += set.x[p * 7 + i]! * r[p]!;
      expect(Math.abs(g)).toBeLessThan(1e-11);
    }
    // And it minimises the empirical loss on the moments: a perturbation increases it.
    const m = sampleMoments(set);
    const perturbed = sol.w.map((v, i) => (i === 2 ? v + 1e-3 : v));
    expect(empiricalLoss(m, perturbed)).toBeGreaterThan(empiricalLoss(m, sol.w));
  });

  it("P ≤ D: the minimum-norm interpolator interpolates and lies in the data span", () => {
    const set = sampleFromStatistics(population, { samples: 5, seed: 2 });
    const sol = sampleSolution(set);
    expect(sol.kind).toBe("min-norm-interpolator");
    for (const r of residual(set, sol.w)) expect(Math.abs(r)).toBeLessThan(1e-12);
    const orthogonal = dataSpanComplement(set)(sol.w);
    expect(Math.hypot(...orthogonal)).toBeLessThan(1e-12);
  });

  it("solves one modality's block (A's unimodal solution)", () => {
    const set = sampleFromStatistics(population, { samples: 2, seed: 3 });
    const a = sampleSolution(set, "A");
    const b = sampleSolution(set, "B");
    expect(a.w).toHaveLength(3);
    expect(b.w).toHaveLength(4);
    for (let p = 0; p < 2; p++) {
      let s = 0;
      for (let i = 0; i < 3; i++) s += set.x[p * 7 + i]! * a.w[i]!;
      expect(s).toBeCloseTo(set.y[p]!, 12);
    }
  });

  it("rank deficiency is an InputError", () => {
    const dup: SampleSet = {
      x: Float64Array.from([1, 2, 1, 2]),
      y: Float64Array.from([1, 1]),
      samples: 2,
      dA: 1,
      dB: 1,
      label: "dup",
    };
    expect(() => sampleSolution(dup)).toThrow("linearly dependent");
    const col: SampleSet = {
      x: Float64Array.from([1, 1, 2, 2, 3, 3]),
      y: Float64Array.from([1, 2, 3]),
      samples: 3,
      dA: 1,
      dB: 1,
      label: "col",
    };
    expect(() => sampleSolution(col)).toThrow("collinear");
    expect(() => dataSpanComplement(dup)).toThrow("linearly dependent");
  });
});

describe("dataSpanComplement", () => {
  it("is a projector orthogonal to every sample; zero when P > D", () => {
    const set = sampleFromStatistics(population, { samples: 4, seed: 4 });
    const project = dataSpanComplement(set);
    const v = [1, -2, 0.5, 3, 0, 1, -1];
    const pv = project(v);
    for (let p = 0; p < 4; p++) {
      let s = 0;
      for (let i = 0; i < 7; i++) s += set.x[p * 7 + i]! * pv[i]!;
      expect(Math.abs(s)).toBeLessThan(1e-12);
    }
    const ppv = project(pv);
    for (let i = 0; i < 7; i++) expect(ppv[i]).toBeCloseTo(pv[i]!, 12);
    expect(() => project([1])).toThrow("length");
    const big = sampleFromStatistics(population, { samples: 20, seed: 4 });
    expect(Array.from(dataSpanComplement(big)(v))).toEqual(new Array(7).fill(0));
  });
});
