import { describe, expect, it } from "vitest";
import { t10Statistics } from "../../src/data/t10Family.js";
import { InputError } from "../../src/errors/inputError.js";

// docs/theory.md §6's T10 family: Var x_A,i = 3, Var x_B,i = 1, w* = 0.1·1, σ_ε = 0.5, 50 + 50.
describe("t10Statistics", () => {
  it("has the paper's defaults: Σ_yx = w*·Var per coordinate, σ_y² = w*ᵀΣw* + σ_ε²", () => {
    const s = t10Statistics();
    expect([s.dA, s.dB]).toEqual([50, 50]);
    expect(s.sigmaYX.slice(0, 50).every((v) => Math.abs(v - 0.3) < 1e-15)).toBe(true);
    expect(s.sigmaYX.slice(50).every((v) => Math.abs(v - 0.1) < 1e-15)).toBe(true);
    // 0.01·(50·3 + 50·1) + 0.25 = 2.25
    expect(s.sigmaY2).toBeCloseTo(2.25, 12);
    expect(s.sigma[0]![0]).toBe(3);
    expect(s.sigma[99]![99]).toBe(1);
    expect(s.sigma[0]![1]).toBe(0);
  });

  it("takes every field from its parameters", () => {
    const s = t10Statistics({
      dA: 2,
      dB: 3,
      varianceA: 4,
      varianceB: 2,
      teacherWeight: -1,
      noiseStd: 0,
    });
    expect(s.sigmaYX).toEqual([-4, -4, -2, -2, -2]);
    expect(s.sigmaY2).toBeCloseTo(2 * 4 + 3 * 2, 12);
    expect(s.label).toContain("dA=2 dB=3");
  });

  it("rejects a zero teacher and sizes outside [1, 10 000], naming the field", () => {
    expect(() => t10Statistics({ teacherWeight: 0 })).toThrow(InputError);
    expect(() => t10Statistics({ teacherWeight: 0 })).toThrow(/teacherWeight/);
    expect(() => t10Statistics({ dA: 0 })).toThrow(/dA/);
    expect(() => t10Statistics({ dB: 10_001 })).toThrow(/dB/);
    expect(() => t10Statistics({ varianceA: -1 })).toThrow(/varianceA/);
  });
});
