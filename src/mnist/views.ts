import type { NormalSource } from "../random/gaussian.js";
import { PIXELS } from "./digits.js";

/** The authors' normalisation of MNIST grey levels (torchvision's mean and std). */
export const PIXEL_MEAN = 0.1307;
export const PIXEL_STD = 0.3081;
/** A corrupted copy is CORRUPT_SCALE·x + N(0, CORRUPT_NOISE²) per pixel, x normalised. */
export const CORRUPT_SCALE = 0.1;
export const CORRUPT_NOISE = 0.15;
/** The two Bernoulli probabilities of the authors' `uni2multi(x, feed_A, feed_AB)`. */
export const FEED_A = 0.8;
export const FEED_AB = 0.2;

/** Which copies of a sample are clean. */
export interface ViewDraw {
  readonly aClean: boolean;
  readonly bClean: boolean;
}

/**
 * One sample's clean/corrupted pattern, as the authors' `uni2multi` computes it: with
 * A ~ B(0.8) and AB ~ B(0.2) independent, view A is clean when A ∨ AB and view B when
 * ¬A (docs/mnist.md derives it: A clean 84 %, B clean 20 %, both 4 %, never neither).
 * Draw order (A, then AB) is fixed so a seed gives one sequence.
 */
export function drawViews(rng: NormalSource): ViewDraw {
  const a = rng.uniform() < FEED_A;
  const ab = rng.uniform() < FEED_AB;
  return { aClean: a || ab, bClean: !a };
}

/** Normalised views of a batch: rows of {@link PIXELS} values for A and for B. */
export interface ViewBatch {
  readonly xA: Float32Array;
  readonly xB: Float32Array;
}

/**
 * The normalised clean image of row `row` of `images`, written into `out` at `offset`.
 */
function writeClean(images: Float32Array, row: number, out: Float32Array, offset: number): void {
  const base = row * PIXELS;
  for (let p = 0; p < PIXELS; p++)
    out[offset + p] = ((images[base + p] ?? 0) - PIXEL_MEAN) / PIXEL_STD;
}

/** The corrupted copy 0.1·x + N(0, 0.15²) of the clean normalised row at `offset`. */
function corrupt(out: Float32Array, offset: number, rng: NormalSource): void {
  for (let p = 0; p < PIXELS; p++)
    out[offset + p] = CORRUPT_SCALE * (out[offset + p] ?? 0) + CORRUPT_NOISE * rng.next();
}

/**
 * The two views of the rows `rows` of `images` (grey levels in [0, 1]): both normalised
 * with (0.1307, 0.3081), then per sample one pattern from {@link drawViews} and fresh
 * noise for each corrupted copy. Called anew at every forward pass, as the authors'
 * `uni2multi` is, so a sample gets different views every epoch.
 */
export function noisyViews(
  images: Float32Array,
  rows: readonly number[],
  rng: NormalSource,
): ViewBatch {
  const xA = new Float32Array(rows.length * PIXELS);
  const xB = new Float32Array(rows.length * PIXELS);
  rows.forEach((row, k) => {
    const offset = k * PIXELS;
    const { aClean, bClean } = drawViews(rng);
    writeClean(images, row, xA, offset);
    writeClean(images, row, xB, offset);
    if (!aClean) corrupt(xA, offset, rng);
    if (!bClean) corrupt(xB, offset, rng);
  });
  return { xA, xB };
}

/** Which modality a unimodal test feeds; the other view is all zeros (the mean grey). */
export type Unimodal = "A" | "B";

/**
 * The authors' unimodal test input: the clean normalised image in view `only`, zeros in
 * the other (zero of the normalised scale, i.e. a uniform image at the mean grey level).
 */
export function unimodalViews(
  images: Float32Array,
  rows: readonly number[],
  only: Unimodal,
): ViewBatch {
  const clean = new Float32Array(rows.length * PIXELS);
  rows.forEach((row, k) => {
    writeClean(images, row, clean, k * PIXELS);
  });
  const blank = new Float32Array(rows.length * PIXELS);
  return only === "A" ? { xA: clean, xB: blank } : { xA: blank, xB: clean };
}
