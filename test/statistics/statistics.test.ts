import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import { validateStatistics } from "../../src/statistics/statistics.js";

/** A valid two-by-two problem to perturb field by field. */
const VALID: Statistics = {
  sigma: [
    [4, 1],
    [1, 1],
  ],
  sigmaYX: [5, 2],
  sigmaY2: 7,
  dA: 1,
  dB: 1,
  label: "test",
};

function errorOf(stats: Statistics): InputError {
  try {
    validateStatistics(stats);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError");
}

describe("validateStatistics", () => {
  it("returns valid statistics unchanged (same object)", () => {
    expect(validateStatistics(VALID)).toBe(VALID);
  });

  it.each([
    ["dA", { dA: 0 }],
    ["dA", { dA: 1.5 }],
    ["dB", { dB: 0 }],
    ["sigma", { dB: 2 }],
    ["sigma", { sigma: [[4, 1], [1]] }],
    ["sigmaYX", { sigmaYX: [5] }],
    [
      "sigma[0][1]",
      {
        sigma: [
          [4, Number.NaN],
          [1, 1],
        ],
      },
    ],
    [
      "sigma[1][1]",
      {
        sigma: [
          [4, 1],
          [1, Number.POSITIVE_INFINITY],
        ],
      },
    ],
    ["sigmaYX[1]", { sigmaYX: [5, Number.NaN] }],
    ["sigmaY2", { sigmaY2: Number.NaN }],
  ] as const)("names the field %s", (field, patch) => {
    expect(errorOf({ ...VALID, ...patch } as Statistics).field).toBe(field);
  });

  it("rejects a non-symmetric Σ and reports the asymmetry", () => {
    const error = errorOf({
      ...VALID,
      sigma: [
        [4, 1],
        [1.001, 1],
      ],
    });
    expect(error.field).toBe("sigma");
    expect(error.message).toContain("symmetric");
    expect(error.message).toContain("1.000e-3");
  });

  it("accepts an asymmetry of a few ulps (user arithmetic round-off)", () => {
    // Relative asymmetry 4ε ≈ 9e-16, far below the 1e-12 allowed.
    const sigma = [
      [4, 1],
      [1 + 4 * Number.EPSILON, 1],
    ];
    expect(() => validateStatistics({ ...VALID, sigma })).not.toThrow();
  });

  it("rejects an indefinite Σ with its smallest eigenvalue in the message", () => {
    // [[1, 2], [2, 1]] has eigenvalues −1 and 3.
    const error = errorOf({
      ...VALID,
      sigma: [
        [1, 2],
        [2, 1],
      ],
      sigmaY2: 100,
    });
    expect(error.field).toBe("sigma");
    expect(error.message).toContain("positive definite");
    expect(error.message).toContain("smallest eigenvalue -1.0000e+0");
    expect(error.message).toContain("largest 3.0000e+0");
  });

  it("rejects a singular or too ill-conditioned Σ (condition number above 1e12)", () => {
    // Eigenvalues 2 and 1e-13: positive, but λ_min/λ_max = 5e-14 < 1e-12.
    const tiny = 1e-13;
    const sigma = [
      [1 + tiny / 2, 1 - tiny / 2],
      [1 - tiny / 2, 1 + tiny / 2],
    ];
    expect(errorOf({ ...VALID, sigma }).field).toBe("sigma");
  });

  it("rejects σ_y² below Σ_yx Σ⁻¹ Σ_yxᵀ (a negative optimal loss), naming the bound", () => {
    // Σ_yx Σ⁻¹ Σ_yxᵀ = 7 for the acceptance toy (W^full = [1, 1]).
    const error = errorOf({ ...VALID, sigmaY2: 6.9 });
    expect(error.field).toBe("sigmaY2");
    expect(error.message).toContain("7.00000");
  });

  it("accepts σ_y² equal to the explained variance up to round-off (noise-free teacher)", () => {
    // 7·(1 − 1e-12) is inside the 1e-9 relative allowance for round-off in Σ_yx Σ⁻¹ Σ_yxᵀ.
    expect(() => validateStatistics({ ...VALID, sigmaY2: 7 * (1 - 1e-12) })).not.toThrow();
  });
});
