import { describe, expect, it } from "vitest";
import type { SampleSet } from "../../src/data/sampleSet.js";
import { swapSampleSet, userModality, userOrder } from "../../src/experiment/orientation.js";

/** P = 2 rows over dA = 1, dB = 2: row p is [a_p | b_p1, b_p2]. */
const SET: SampleSet = {
  x: Float64Array.from([1, 2, 3, 4, 5, 6]),
  y: Float64Array.from([7, 8]),
  samples: 2,
  dA: 1,
  dB: 2,
  label: "tiny",
};

describe("experiment orientation (A = the faster modality)", () => {
  it("swapSampleSet puts B's columns first in every row and exchanges the block sizes", () => {
    const swapped = swapSampleSet(SET);
    expect(Array.from(swapped.x)).toEqual([2, 3, 1, 5, 6, 4]);
    expect(swapped.dA).toBe(2);
    expect(swapped.dB).toBe(1);
    expect(Array.from(swapped.y)).toEqual([7, 8]);
    expect(swapped.label).toBe("tiny (modalities swapped: A is the faster one)");
    // The input is not modified, and swapping back restores the rows.
    expect(Array.from(SET.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(swapSampleSet(swapped).x)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("userOrder puts an oriented row back in the user's order; userModality renames", () => {
    // Oriented [B-block (2) | A-block (1)] → user [A | B].
    expect(userOrder([2, 3, 1], true, 2)).toEqual([1, 2, 3]);
    expect(userOrder([1, 2, 3], false, 1)).toEqual([1, 2, 3]);
    expect(userModality("A", true)).toBe("B");
    expect(userModality("B", true)).toBe("A");
    expect(userModality("A", false)).toBe("A");
    expect(userModality(undefined, true)).toBeUndefined();
  });
});
