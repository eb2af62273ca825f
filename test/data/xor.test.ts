import { describe, expect, it } from "vitest";
import { XOR_POINTS, xorSampleSet } from "../../src/data/xor.js";

describe("xorSampleSet (T12)", () => {
  it("stratifies the four XOR points exactly and sets y = −x_A1·x_A2 + x_B", () => {
    const set = xorSampleSet({ variance: 2, samples: 400, seed: 1 });
    expect([set.samples, set.dA, set.dB]).toEqual([400, 2, 1]);
    const counts = new Map<string, number>();
    for (let p = 0; p < set.samples; p++) {
      const [a1, a2, b] = [set.x[3 * p]!, set.x[3 * p + 1]!, set.x[3 * p + 2]!];
      counts.set(`${a1},${a2}`, (counts.get(`${a1},${a2}`) ?? 0) + 1);
      expect(set.y[p]).toBe(-a1 * a2 + b);
    }
    expect(counts.size).toBe(XOR_POINTS.length);
    for (const c of counts.values()) expect(c).toBe(100);
  });

  it("draws x_B with variance v (sample variance within 4 standard errors)", () => {
    const v = 3;
    const P = 40_000;
    const set = xorSampleSet({ variance: v, samples: P, seed: 2 });
    let sum = 0;
    for (let p = 0; p < P; p++) sum += set.x[3 * p + 2]! ** 2;
    // Var of x_B² is 2v²; the standard error of its mean is v√(2/P) = 0.021.
    expect(Math.abs(sum / P - v)).toBeLessThan(4 * v * Math.sqrt(2 / P));
  });

  it("is seeded: same seed, same bits; another seed differs", () => {
    const a = xorSampleSet({ variance: 1, samples: 8, seed: 5 });
    const b = xorSampleSet({ variance: 1, samples: 8, seed: 5 });
    const c = xorSampleSet({ variance: 1, samples: 8, seed: 6 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });

  it("rejects a non-positive variance and P not a multiple of 4", () => {
    expect(() => xorSampleSet({ variance: 0, samples: 8, seed: 1 })).toThrow(/var-lin/);
    expect(() => xorSampleSet({ variance: 1, samples: 10, seed: 1 })).toThrow(/multiple of 4/);
  });
});
