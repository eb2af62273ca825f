import { describe, expect, it } from "vitest";
import { PIXELS } from "../../src/mnist/digits.js";
import {
  CORRUPT_NOISE,
  CORRUPT_SCALE,
  drawViews,
  noisyViews,
  PIXEL_MEAN,
  PIXEL_STD,
  unimodalViews,
} from "../../src/mnist/views.js";
import { normalSource } from "../../src/random/gaussian.js";

describe("drawViews (the authors' uni2multi rule)", () => {
  it("makes A clean 84 %, B 20 %, both 4 %, never neither", () => {
    // docs/mnist.md derives the four cases from uni2multi. With n = 200 000 draws the
    // standard error of a frequency p is √(p(1−p)/n) ≤ 0.0011; 0.005 is > 4.5 of them,
    // and the names' reading (A only 80 %, both 20 %) is off by 0.04 or more in every cell.
    const rng = normalSource(2024);
    const n = 200_000;
    const cells = { aOnly: 0, bOnly: 0, both: 0, neither: 0 };
    for (let i = 0; i < n; i++) {
      const { aClean, bClean } = drawViews(rng);
      if (aClean && bClean) cells.both++;
      else if (aClean) cells.aOnly++;
      else if (bClean) cells.bOnly++;
      else cells.neither++;
    }
    expect(Math.abs(cells.aOnly / n - 0.8)).toBeLessThan(0.005);
    expect(Math.abs(cells.bOnly / n - 0.16)).toBeLessThan(0.005);
    expect(Math.abs(cells.both / n - 0.04)).toBeLessThan(0.005);
    expect(cells.neither).toBe(0);
  });
});

describe("noisyViews", () => {
  // One synthetic image: a ramp of grey levels, so clean and corrupted copies differ.
  const image = Float32Array.from({ length: PIXELS }, (_, p) => (p % 256) / 255);
  const clean = Array.from(image, (v) => (v - PIXEL_MEAN) / PIXEL_STD);

  it("normalises clean copies and corrupts the other as 0.1·x + N(0, 0.15²)", () => {
    const rng = normalSource(5);
    let corrupted = 0;
    let residualSquares = 0;
    let residualSum = 0;
    for (let draw = 0; draw < 200; draw++) {
      const { xA, xB } = noisyViews(image, [0], rng);
      for (const view of [xA, xB]) {
        const isClean = Array.from(view).every((v, p) => Math.abs(v - (clean[p] ?? 0)) < 1e-6);
        if (isClean) continue;
        corrupted++;
        view.forEach((v, p) => {
          const r = v - CORRUPT_SCALE * (clean[p] ?? 0);
          residualSum += r;
          residualSquares += r * r;
        });
      }
    }
    // Exactly one corrupted view unless both are clean (4 %): 200 draws give 192 ± 3.
    expect(corrupted).toBeGreaterThan(180);
    expect(corrupted).toBeLessThanOrEqual(200);
    const n = corrupted * PIXELS;
    const std = Math.sqrt(residualSquares / n - (residualSum / n) ** 2);
    // ~150 000 noise draws: the sample std's relative standard error is 1/√(2n) ≈ 0.2 %;
    // 2 % is 10 of those and excludes, e.g., a noise std of 0.1 or 0.2.
    expect(Math.abs(std / CORRUPT_NOISE - 1)).toBeLessThan(0.02);
    expect(Math.abs(residualSum / n)).toBeLessThan(0.01);
  });

  it("feeds the unimodal tests the clean image in one view and zeros in the other", () => {
    const a = unimodalViews(image, [0], "A");
    expect(Array.from(a.xB).every((v) => v === 0)).toBe(true);
    a.xA.forEach((v, p) => {
      expect(v).toBeCloseTo(clean[p] ?? 0, 6);
    });
    const b = unimodalViews(image, [0], "B");
    expect(Array.from(b.xA).every((v) => v === 0)).toBe(true);
    expect(b.xB).toEqual(a.xA);
  });
});
