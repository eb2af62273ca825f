import { describe, expect, it } from "vitest";
import { fromMoments } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import { modalityOrder } from "../../src/theory/modalityOrder.js";

describe("modalityOrder (T8)", () => {
  it("flags the paper's superficial preference: s_A = 2 > s_B = 1.5 but ℒ(M_A) = 1.125 > ℒ(M_B) = 0.5", () => {
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0, wA: 0.5, wB: 1.5 });
    expect(modalityOrder(stats)).toEqual({ first: "A", better: "B", superficial: true });
  });

  it("is not superficial when the faster modality is also the better one", () => {
    // Acceptance toy: ℒ(M_A) = 0.375 < ℒ(M_B) = 1.5.
    expect(modalityOrder(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }))).toEqual({
      first: "A",
      better: "A",
      superficial: false,
    });
  });

  it("names B first when B is faster (unoriented statistics)", () => {
    const order = modalityOrder(fromToy({ sigmaA: 1, sigmaB: 2, rho: 0 }));
    expect(order.first).toBe("B");
    expect(order.better).toBe("B");
  });

  it("has no first modality at a tie and no better one at equal losses", () => {
    // Σ = I, Σ_yx = [1, 1]: s_A = s_B and ℒ(M_A) = ℒ(M_B).
    const stats = fromMoments(
      [
        [1, 0],
        [0, 1],
      ],
      [1, 1],
      3,
      1,
    );
    expect(modalityOrder(stats)).toEqual({
      first: undefined,
      better: undefined,
      superficial: false,
    });
  });
});
