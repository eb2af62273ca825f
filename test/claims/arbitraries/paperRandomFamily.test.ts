import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  buildPaperRandomFamily,
  paperRandomFamilyCase,
} from "../../../src/claims/arbitraries/paperRandomFamily.js";
import { fasterModality } from "../../../src/statistics/derived.js";
import {
  inverseOf,
  isSymmetricPositiveDefinite,
  jacobiEigenvalues,
  reaches,
  sampleTwice,
} from "../../helpers/arbitrary.js";

/** docs/theory.md §1: the paper's random family at D = 10 and 20, dA = D/2, every draw kept. */
describe("paperRandomFamilyCase", () => {
  test.prop([paperRandomFamilyCase()])("D ∈ {10, 20} and a positive 31-bit seed", (c) => {
    expect([10, 20]).toContain(c.dimension);
    expect(Number.isInteger(c.seed)).toBe(true);
    expect(c.seed).toBeGreaterThanOrEqual(1);
    expect(c.seed).toBeLessThanOrEqual(0x7fffffff);
  });

  it("reaches both of the paper's sizes", () => {
    expect(reaches(paperRandomFamilyCase(), (c) => c.dimension === 10)).toBe(true);
    expect(reaches(paperRandomFamilyCase(), (c) => c.dimension === 20)).toBe(true);
  });

  test.prop([paperRandomFamilyCase({ dimensions: [6] })])("respects given dimensions", (c) => {
    expect(c.dimension).toBe(6);
  });

  it("is deterministic for a seed", () => {
    const [a, b] = sampleTwice(paperRandomFamilyCase());
    expect(a).toEqual(b);
  });
});

describe("buildPaperRandomFamily", () => {
  test.prop([paperRandomFamilyCase()], { numRuns: 30 })(
    "D inputs split D/2 + D/2, Σ symmetric positive definite, w* ∈ [−1, 1]^D, no noise, A faster",
    (c) => {
      const s = buildPaperRandomFamily(c);
      expect(s.dA + s.dB).toBe(c.dimension);
      expect(s.dA).toBe(c.dimension / 2);
      expect(isSymmetricPositiveDefinite(s.sigma)).toBe(true);
      expect(s.teacher!.noiseStd).toBe(0);
      expect(s.teacher!.wStar).toHaveLength(c.dimension);
      for (const w of s.teacher!.wStar) expect(Math.abs(w)).toBeLessThanOrEqual(1);
      // Oriented: B is never the faster modality.
      expect(fasterModality(s)).not.toBe("B");
    },
  );

  it("is the same statistics for the same case and different ones for another seed", () => {
    const c = { dimension: 10, seed: 12345 };
    expect(buildPaperRandomFamily(c)).toEqual(buildPaperRandomFamily(c));
    expect(buildPaperRandomFamily({ ...c, seed: 12346 }).sigma).not.toEqual(
      buildPaperRandomFamily(c).sigma,
    );
  });

  it("Σ⁻¹ is Wishart(D + 2, Ψ⁻¹): mean diagonal of Σ⁻¹ is (D + 2)·(½·dA + dB)/D = 0.75·(D + 2)", () => {
    // E[Σ⁻¹] = df·Ψ⁻¹ with Ψ⁻¹ = ½ on A's block, 1 on B's; the mean over all D diagonal
    // entries does not depend on the orientation. At D = 10: 9 (without the factor 2 on A's
    // block: 12; with D + 1 degrees of freedom: 8.25). Var of a diagonal entry 2·df·ψ⁻¹²
    // (6 on A's, 24 on B's) → sd of the D-entry mean ≈ 1.2, of 300 draws ≈ 0.07: ±0.35 is 5 sd.
    const draws = 300;
    let sum = 0;
    for (let seed = 1; seed <= draws; seed++) {
      const inv = inverseOf(buildPaperRandomFamily({ dimension: 10, seed }).sigma);
      sum += inv.reduce((s, row, i) => s + row[i]!, 0) / 10;
    }
    expect(Math.abs(sum / draws - 9)).toBeLessThan(0.35);
  });

  it("keeps ill-conditioned draws (no filter): some draw has cond Σ_A above 100", () => {
    // docs/theory.md §1 / the generator's comment: cond Σ_A median 32 at D = 10, p99 366; in
    // 60 draws one above 100 is all but certain (a filter on conditioning would remove it).
    let worst = 0;
    for (let seed = 1; seed <= 60 && worst <= 100; seed++) {
      const s = buildPaperRandomFamily({ dimension: 10, seed });
      const eig = jacobiEigenvalues(s.sigma.slice(0, s.dA).map((r) => r.slice(0, s.dA)));
      worst = Math.max(worst, eig.at(-1)! / eig[0]!);
    }
    expect(worst).toBeGreaterThan(100);
  });
});
