import { describe, expect, it } from "vitest";
import { userModality, userOrder } from "../../src/experiment/userLabels.js";

describe("userModality / userOrder (results of the oriented problem in the user's labels)", () => {
  it("swaps A and B only when the blocks were swapped", () => {
    expect(userModality("A", false)).toBe("A");
    expect(userModality("A", true)).toBe("B");
    expect(userModality("B", true)).toBe("A");
    expect(userModality(undefined, true)).toBeUndefined();
  });

  it("puts a row over [faster block, slower block] back in input order [x_A, x_B]", () => {
    // Oriented: the user's B (2 columns) came first, then the user's A (1 column).
    expect(userOrder([1, 2, 3], true, 2)).toEqual([3, 1, 2]);
    expect(userOrder([1, 2, 3], false, 2)).toEqual([1, 2, 3]);
  });
});
