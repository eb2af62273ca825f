import { describe, expect, it } from "vitest";
import { sampleMoments } from "../../src/data/moments.js";
import { MAX_STORED_ENTRIES } from "../../src/data/sampleFromStatistics.js";
import type { SampleSet } from "../../src/data/sampleSet.js";
import { InputError } from "../../src/errors/inputError.js";
import { prepareData } from "../../src/experiment/data.js";
import { fromTeacher } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";

/**
 * prepareData's orientation rule (docs/theory.md §1): A is the modality with the larger
 * ‖Σ_yx‖, so the blocks are swapped iff the user's B is strictly faster and the orientation
 * is "faster-first"; XOR data are never swapped. For the toy family with w = (1, 1),
 * Σ_yx = wᵀΣ = (σA² + ρσAσB, σB² + ρσAσB): by hand, (σA, σB) = (1, 2), ρ = 0.3 gives
 * (1.6, 4.6) — B faster — and (2, 1) gives (4.6, 1.6).
 */
// toBeCloseTo(…, 14): 4.6 and 1.6 are sums of products of 0.3, not exact in binary.
const bFaster = fromToy({ sigmaA: 1, sigmaB: 2, rho: 0.3 });
const aFaster = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 });

/** D = 3, dA = 1: Σ = I, w* = (0.5, 2, −1), so ‖Σ_yxA‖ = 0.5 < ‖Σ_yxB‖ = √5. */
const unequal = fromTeacher(
  [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  [0.5, 2, -1],
  0,
  1,
);

describe("prepareData: population", () => {
  it("swaps when the user's B is faster: A's block becomes B's (Σ_yx reversed)", () => {
    const p = prepareData({ kind: "population", stats: bFaster }, "faster-first");
    expect(p.swapped).toBe(true);
    expect(p.population!.sigmaYX[0]).toBeCloseTo(4.6, 14);
    expect(p.population!.sigmaYX[1]).toBeCloseTo(1.6, 14);
    expect(p.population!.sigma[0]![0]).toBe(4);
    expect(p.population!.sigma[1]![1]).toBe(1);
    expect(p.label).toBe(bFaster.label);
    expect(p.set).toBeUndefined();
  });

  it("keeps the statistics when A is already faster, and always with as-given", () => {
    const p = prepareData({ kind: "population", stats: aFaster }, "faster-first");
    expect(p.swapped).toBe(false);
    expect(p.population).toBe(aFaster);
    const asGiven = prepareData({ kind: "population", stats: bFaster }, "as-given");
    expect(asGiven.swapped).toBe(false);
    expect(asGiven.population).toBe(bFaster);
  });

  it("reports the oriented sizes: dA = 1, dB = 2 become dA = 2, dB = 1 after the swap", () => {
    const p = prepareData({ kind: "population", stats: unequal }, "faster-first");
    expect(p.swapped).toBe(true);
    expect([p.dA, p.dB]).toEqual([2, 1]);
    expect(p.population!.sigmaYX).toEqual([2, -1, 0.5]);
    const asGiven = prepareData({ kind: "population", stats: unequal }, "as-given");
    expect([asGiven.dA, asGiven.dB]).toEqual([1, 2]);
  });
});

describe("prepareData: sampled", () => {
  it("draws from the oriented statistics: the samples' own faster modality is A", () => {
    const p = prepareData(
      { kind: "sampled", stats: bFaster, samples: 2000, dataSeed: 7 },
      "faster-first",
    );
    expect(p.swapped).toBe(true);
    expect(p.set!.samples).toBe(2000);
    // Σ̂_yx estimates (4.6, 1.6) with standard error ≈ 0.15 at P = 2000 (y·x_m has standard
    // deviation ≲ 7, /√2000): a margin of 2 in the ordering is over 5 standard errors.
    const m = sampleMoments(p.set!);
    expect(Math.abs(m.sigmaYX[0]!)).toBeGreaterThan(Math.abs(m.sigmaYX[1]!) + 2);
    expect(p.label).toBe(`${bFaster.label}, P=2000, data seed 7`);
    expect(p.population!.sigmaYX[0]).toBeCloseTo(4.6, 14);
  });

  it("refuses more than MAX_STORED_ENTRIES values before drawing, naming --samples", () => {
    const samples = MAX_STORED_ENTRIES / 2 + 1; // D = 2
    const call = () =>
      prepareData({ kind: "sampled", stats: aFaster, samples, dataSeed: 0 }, "faster-first");
    expect(call).toThrow(InputError);
    expect(call).toThrow(/^--samples: .*exceeds 50000000/);
    // Exactly at the limit it is not this error (it would draw: not run here, 5e7 values).
  });
});

describe("prepareData: xor", () => {
  it("never swaps, whatever the orientation (x_A's part of y has no linear component)", () => {
    for (const orientation of ["faster-first", "as-given"] as const) {
      const p = prepareData({ kind: "xor", variance: 4, samples: 8, dataSeed: 1 }, orientation);
      expect(p.swapped).toBe(false);
      expect([p.dA, p.dB]).toEqual([2, 1]);
      expect(p.population).toBeUndefined();
    }
  });
});

describe("prepareData: csv", () => {
  // Four rows, dA = 1, dB = 1, y = x_B: Σ̂_yxA = 0 by construction (x_A ⟂ x_B on these rows).
  const x = Float64Array.from([1, 1, -1, 1, 1, -1, -1, -1]);
  const yB = Float64Array.from([1, 1, -1, -1]);
  const set: SampleSet = { x, y: yB, samples: 4, dA: 1, dB: 1, label: "rows" };

  it("swaps iff B is faster on the samples, exchanging the columns of every row", () => {
    const p = prepareData({ kind: "csv", set }, "faster-first");
    expect(p.swapped).toBe(true);
    expect(Array.from(p.set!.x)).toEqual([1, 1, 1, -1, -1, 1, -1, -1]);
    expect(p.set!.y).toBe(yB);
    expect(p.label).toBe("rows");
    expect(p.population).toBeUndefined();
  });

  it("keeps the set when A is faster, and with as-given", () => {
    const yA = Float64Array.from([1, -1, 1, -1]); // y = x_A
    const aSet = { ...set, y: yA };
    expect(prepareData({ kind: "csv", set: aSet }, "faster-first").set).toBe(aSet);
    const asGiven = prepareData({ kind: "csv", set }, "as-given");
    expect(asGiven.swapped).toBe(false);
    expect(asGiven.set).toBe(set);
  });
});
