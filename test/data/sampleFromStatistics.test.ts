import { describe, expect, it } from "vitest";
import { sampledMoments, sampleMoments } from "../../src/data/moments.js";
import { drawSamples, sampleFromStatistics } from "../../src/data/sampleFromStatistics.js";
import { t10Statistics } from "../../src/data/t10Family.js";
import { InputError } from "../../src/errors/inputError.js";
import { fromMoments, fromTeacher } from "../../src/statistics/teacher.js";

// T10: seeded samples from population statistics; moments converge like O(1/√P).
const teacher = fromTeacher(
  [
    [2, 0.6],
    [0.6, 1],
  ],
  [1, -0.5],
  0.3,
  1,
);

describe("sampleFromStatistics (T10)", () => {
  it("is bit-reproducible for a seed and differs between seeds", () => {
    const a = sampleFromStatistics(teacher, { samples: 50, seed: 3 });
    const b = sampleFromStatistics(teacher, { samples: 50, seed: 3 });
    const c = sampleFromStatistics(teacher, { samples: 50, seed: 4 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    expect(a.samples).toBe(50);
    expect(a.label).toContain("P=50");
  });

  it("reproduces Σ, Σ_yx, σ_y² within 5 standard errors (O(1/√P)) at P = 40000", () => {
    const m = sampledMoments(teacher, { samples: 40_000, seed: 1 });
    // Standard error of a second moment of O(1) Gaussians: ≲ 2/√P = 0.01; 5 SE = 0.05.
    const tol = 5 * (2 / Math.sqrt(40_000));
    expect(Math.abs(m.sigma[0]![0]! - 2)).toBeLessThan(2 * tol);
    expect(Math.abs(m.sigma[0]![1]! - 0.6)).toBeLessThan(tol);
    expect(Math.abs(m.sigma[1]![1]! - 1)).toBeLessThan(tol);
    expect(Math.abs(m.sigmaYX[0]! - teacher.sigmaYX[0]!)).toBeLessThan(2 * tol);
    expect(Math.abs(m.sigmaY2 - teacher.sigmaY2)).toBeLessThan(2 * tol);
  });

  it("without a teacher samples the conditional Gaussian with the same moments", () => {
    const stats = fromMoments(teacher.sigma, teacher.sigmaYX, teacher.sigmaY2, 1);
    const m = sampledMoments(stats, { samples: 40_000, seed: 2 });
    const tol = 5 * (2 / Math.sqrt(40_000));
    expect(Math.abs(m.sigmaYX[1]! - teacher.sigmaYX[1]!)).toBeLessThan(2 * tol);
    expect(Math.abs(m.sigmaY2 - teacher.sigmaY2)).toBeLessThan(2 * tol);
    expect(() => sampleFromStatistics(stats, { samples: 5, seed: 1, noiseStd: 0.1 })).toThrow(
      InputError,
    );
  });

  it("a noise override keeps the inputs and rescales only ε", () => {
    const a = sampleFromStatistics(teacher, { samples: 5, seed: 9 });
    const b = sampleFromStatistics(teacher, { samples: 5, seed: 9, noiseStd: 0 });
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    for (let p = 0; p < 5; p++) {
      const clean = b.x[2 * p]! * 1 + b.x[2 * p + 1]! * -0.5;
      expect(b.y[p]).toBe(clean);
      expect(a.y[p]).not.toBe(clean);
    }
    expect(() => sampleFromStatistics(teacher, { samples: 5, seed: 9, noiseStd: -1 })).toThrow(
      "noise",
    );
  });

  it("moments of the stored set equal the streamed moments bit for bit", () => {
    const set = sampleFromStatistics(teacher, { samples: 300, seed: 5 });
    const streamed = sampledMoments(teacher, { samples: 300, seed: 5 });
    const stored = sampleMoments(set);
    expect(stored.sigma).toEqual(streamed.sigma);
    expect(stored.sigmaYX).toEqual(streamed.sigmaYX);
    expect(stored.sigmaY2).toBe(streamed.sigmaY2);
    expect(stored.samples).toBe(300);
    expect(stored.label).toBe(streamed.label);
  });

  it("rejects bad sample counts and oversized stores", () => {
    expect(() => sampleFromStatistics(teacher, { samples: 0, seed: 1 })).toThrow("samples");
    expect(() => sampleFromStatistics(teacher, { samples: 1e8, seed: 1 })).toThrow(
      "sampledMoments",
    );
    let count = 0;
    drawSamples(teacher, { samples: 3, seed: 1 }, () => count++);
    expect(count).toBe(3);
  });
});

describe("t10Statistics (docs/theory.md §6)", () => {
  it("has §6's defaults: D = 100, Var A = 3, Var B = 1, w* = 0.1, σ_ε = 0.5", () => {
    const s = t10Statistics();
    expect(s.dA).toBe(50);
    expect(s.dB).toBe(50);
    expect(s.sigma[0]![0]).toBe(3);
    expect(s.sigma[99]![99]).toBe(1);
    expect(s.sigma[0]![1]).toBe(0);
    // Σ_yx = w*ᵀΣ: 0.3 on A, 0.1 on B; σ_y² = 0.01·(50·3 + 50·1) + 0.25 = 2.25.
    expect(s.sigmaYX[0]).toBeCloseTo(0.3, 15);
    expect(s.sigmaYX[99]).toBeCloseTo(0.1, 15);
    expect(s.sigmaY2).toBeCloseTo(2.25, 12);
    expect(s.teacher?.noiseStd).toBe(0.5);
  });

  it("rejects a zero teacher", () => {
    expect(() => t10Statistics({ teacherWeight: 0 })).toThrow("teacherWeight");
  });
});
