import { describe, expect, it } from "vitest";
import { InternalError } from "../../src/errors/internalError.js";
import { quantileSorted, summarise } from "../../src/report/summary.js";

describe("quantileSorted (linear interpolation, numpy's default)", () => {
  it("interpolates between order statistics at p·(n − 1)", () => {
    const sorted = [1, 2, 3, 4];
    expect(quantileSorted(sorted, 0)).toBe(1);
    expect(quantileSorted(sorted, 0.25)).toBe(1.75);
    expect(quantileSorted(sorted, 0.5)).toBe(2.5);
    expect(quantileSorted(sorted, 0.75)).toBe(3.25);
    expect(quantileSorted(sorted, 1)).toBe(4);
  });

  it("is the value itself for one value and NaN for none", () => {
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it("rejects p outside [0, 1]", () => {
    expect(() => quantileSorted([1], 1.5)).toThrow(InternalError);
    expect(() => quantileSorted([1], Number.NaN)).toThrow(InternalError);
  });
});

describe("summarise", () => {
  it("gives mean, median, extremes, sample sd, quartiles and IQR of an unsorted sample", () => {
    const s = summarise([4, 1, 3, 2]);
    expect(s).toMatchObject({
      count: 4,
      mean: 2.5,
      median: 2.5,
      min: 1,
      max: 4,
      q1: 1.75,
      q3: 3.25,
      iqr: 1.5,
    });
    // Sample variance: ((1.5² + 0.5²)·2)/3 = 5/3.
    expect(s.std).toBeCloseTo(Math.sqrt(5 / 3), 14);
  });

  it("matches numpy on an odd sample (np.percentile / np.std(ddof=1))", () => {
    const s = summarise([4.2, 3.4, 9.0, 4.0, 5.5]);
    expect(s.median).toBe(4.2);
    expect(s.q1).toBe(4.0);
    expect(s.q3).toBe(5.5);
    expect(s.iqr).toBeCloseTo(1.5, 14);
    expect(s.mean).toBeCloseTo(5.22, 14);
    expect(s.std).toBeCloseTo(2.2476654555, 9);
  });

  it("has no standard deviation for one value, and NaN everywhere for none", () => {
    const one = summarise([3]);
    expect(one).toMatchObject({ count: 1, mean: 3, median: 3, min: 3, max: 3, iqr: 0 });
    expect(one.std).toBeNaN();
    const none = summarise([]);
    expect(none.count).toBe(0);
    for (const key of ["mean", "median", "min", "max", "std", "q1", "q3", "iqr"] as const)
      expect(none[key]).toBeNaN();
  });

  it("does not reorder its input and rejects non-finite values", () => {
    const values = [3, 1, 2];
    summarise(values);
    expect(values).toEqual([3, 1, 2]);
    expect(() => summarise([1, Number.NaN])).toThrow(InternalError);
    expect(() => summarise([Number.POSITIVE_INFINITY])).toThrow(InternalError);
  });
});
