import { describe, expect, it } from "vitest";
import { delayOrdering, modalityDelay } from "../../src/mnist/delay.js";
import type { MnistEpoch } from "../../src/mnist/train.js";

/** Epoch rows with the given A-alone and B-alone accuracies (the rest irrelevant here). */
function epochs(a: number[], b: number[]): MnistEpoch[] {
  return a.map((accuracyA, i) => ({
    epoch: i + 1,
    lr: 0.04,
    accuracyAB: accuracyA,
    accuracyA,
    accuracyB: b[i] ?? 0,
    firstBatchLoss: 1,
    meanLoss: 1,
  }));
}

describe("modalityDelay", () => {
  it("counts the epochs trained before each modality first reaches the level", () => {
    // Row e is measured after e − 1 epochs: A reaches 0.4 at row 3 (2 epochs), B at row 6 (5).
    const d = modalityDelay(
      epochs([0.1, 0.3, 0.4, 0.6, 0.8, 0.8], [0.1, 0.1, 0.2, 0.3, 0.39, 0.41]),
    );
    expect(d).toEqual({ level: 0.4, epochsA: 2, epochsB: 5, delay: 3, delayAtLeast: 3 });
  });

  it("gives only a lower bound when B never gets there, and nothing when A does not", () => {
    const censored = modalityDelay(epochs([0.5, 0.6, 0.7, 0.8], [0.1, 0.2, 0.3, 0.35]));
    expect(censored).toMatchObject({
      epochsA: 0,
      epochsB: undefined,
      delay: undefined,
      delayAtLeast: 4,
    });
    const none = modalityDelay(epochs([0.1, 0.2], [0.5, 0.6]));
    expect(none).toMatchObject({
      epochsA: undefined,
      epochsB: 0,
      delay: undefined,
      delayAtLeast: undefined,
    });
  });

  it("uses the first crossing, not a later one after a dip", () => {
    const d = modalityDelay(epochs([0.5, 0.5, 0.5, 0.5], [0.1, 0.45, 0.3, 0.5]));
    expect(d.epochsB).toBe(1);
  });
});

describe("delayOrdering (T14)", () => {
  const seed = (s: number, delays: number[]) => ({
    seed: s,
    delays: delays.map((delay) => ({
      level: 0.4,
      epochsA: 2,
      epochsB: 2 + delay,
      delay,
      delayAtLeast: delay,
    })),
  });

  it("holds for non-decreasing delays and reports medians and spreads", () => {
    const v = delayOrdering(
      [seed(1, [1, 2, 7, 13]), seed(2, [2, 2, 6, 11]), seed(3, [1, 3, 8, 12])],
      1,
    );
    expect(v.medians).toEqual([1, 2, 7, 12]);
    expect(v.spreads).toEqual([1, 1, 2, 2]);
    expect(v.violations).toEqual([]);
    expect(v.holds).toBe(true);
  });

  it("fails when a seed's delay falls by more than the tolerance, or a median falls", () => {
    const fall = delayOrdering([seed(1, [1, 5, 3, 13])], 1);
    expect(fall.violations).toEqual([{ seed: 1, fusion: 3, from: 5, to: 3 }]);
    expect(fall.holds).toBe(false);
    // Within tolerance per seed (falls of 1) but the median falls from 5 to 4.
    const medianFall = delayOrdering([seed(1, [1, 5, 4, 9]), seed(2, [1, 5, 4, 9])], 1);
    expect(medianFall.violations).toEqual([]);
    expect(medianFall.holds).toBe(false);
  });
});
