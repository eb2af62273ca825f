import { describe, expect, it } from "vitest";
import { blockNorm, nextSampleTime } from "../../src/training/run.js";

describe("nextSampleTime", () => {
  it("starts at `first` and then steps by 10^(1/perDecade)", () => {
    expect(nextSampleTime(0, 1e-2, 20)).toBe(1e-2);
    let t = 1e-2;
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      t = nextSampleTime(t, 1e-2, 20);
      times.push(t);
    }
    // Two decades later: 1e-2·10² (a power of ten up to rounding of 10^(k/20)).
    expect(Math.abs(times[39]! - 1) / 1).toBeLessThan(1e-15);
    for (let i = 1; i < times.length; i++) {
      // Each ratio is 10^(1/20) ≈ 1.122 up to rounding.
      expect(Math.abs(times[i]! / times[i - 1]! - 10 ** (1 / 20))).toBeLessThan(1e-14);
    }
  });

  it("jumps to the next grid point from any time in between", () => {
    // 0.05 lies between grid points 1e-2·10^(13/20) ≈ 0.0447 and 10^(14/20) ≈ 0.0501.
    expect(nextSampleTime(0.05, 1e-2, 20)).toBeCloseTo(1e-2 * 10 ** (14 / 20), 15);
  });
});

describe("blockNorm", () => {
  it("is the Euclidean norm of w[start:end]", () => {
    expect(blockNorm(Float64Array.of(9, 3, 4, 9), 1, 3)).toBe(5);
    expect(blockNorm(Float64Array.of(1), 1, 1)).toBe(0);
  });
});
