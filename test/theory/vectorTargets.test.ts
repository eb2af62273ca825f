import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import {
  perModeSeparation,
  perModeTimes,
  vectorTargetRatio,
} from "../../src/theory/vectorTargets.js";

describe("X5.per-mode perModeTimes", () => {
  it("reduces to X5's operator form when A has one mode", () => {
    for (const [sA, sB, e] of [
      [5, 2, 0.75],
      [1.3, 0.4, 0.9],
      [2, 1.99, 0.01],
    ] as const) {
      const times = perModeTimes({ aRates: [[sA]], bRates: [sB, e], aThresholdModes: 1 });
      expect(times.tA).toBeCloseTo(1 / sA, 14);
      expect(times.ratio).toBeCloseTo(vectorTargetRatio({ sA, sB, e }), 12);
    }
  });

  it("runs the clocks piecewise between A's arrivals (hand-computed)", () => {
    // Mode 1 at rate 2 arrives at 1/2; mode 2 has clock 1/2 by then, rate 1 after → 1.
    // B: 1·½ = ½ by t = ½, + ½·½ = ¾ by t = 1, then ¼ left at rate ¼ → t_B = 2.
    const times = perModeTimes({
      aRates: [[2], [1, 1]],
      bRates: [1, 0.5, 0.25],
      aThresholdModes: 1,
    });
    expect(times.aArrivals).toEqual([0.5, 1]);
    expect(times.tB).toBeCloseTo(2, 14);
    expect(times.ratio).toBeCloseTo(4, 14);
    expect(perModeSeparation(times)).toBeCloseTo(1, 14);
    const second = perModeTimes({
      aRates: [[2], [1, 1]],
      bRates: [1, 0.5, 0.25],
      aThresholdModes: 2,
    });
    expect(second.ratio).toBeCloseTo(2, 14);
  });

  it("lets B arrive before A's later modes", () => {
    // B at rate 1 throughout arrives at 1; mode 2 at ¼ + (1 − 0.025)/0.1 = 10.
    const times = perModeTimes({
      aRates: [[4], [0.1, 0.1]],
      bRates: [1, 1, 1],
      aThresholdModes: 1,
    });
    expect(times.tB).toBeCloseTo(1, 14);
    expect(times.aArrivals[1]).toBeCloseTo(10, 12);
    expect(perModeSeparation(times)).toBeCloseTo(39, 10);
  });

  it("rejects malformed rates", () => {
    expect(() => perModeTimes({ aRates: [[1]], bRates: [0.5], aThresholdModes: 1 })).toThrow(
      InputError,
    );
    expect(() => perModeTimes({ aRates: [[1]], bRates: [0.5, 0.2], aThresholdModes: 2 })).toThrow(
      InputError,
    );
  });
});
