/**
 * Numeric comparison helpers for the unit tests. Relative and absolute tolerances are
 * separate, explicit arguments (STYLE.md §8): a relative check never silently turns
 * into an absolute one near zero, and every failure message carries the inputs.
 */

/** Machine epsilon, the unit of the ulp-based tolerances. */
export const EPS = Number.EPSILON;

/**
 * |actual − expected| / |expected|. Infinity when expected = 0 and actual ≠ 0 (so a
 * relative check against zero fails loudly instead of passing); 0 when both are 0.
 */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Largest |a_i − b_i|. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Largest |v_i|. */
export function maxAbs(v: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < v.length; i++) worst = Math.max(worst, Math.abs(v[i]!));
  return worst;
}

export interface Tolerance {
  /** Relative part, multiplied by max |expected_i|. */
  readonly rtol: number;
  /** Absolute part, added as is. */
  readonly atol: number;
}

/**
 * Asserts max_i |actual_i − expected_i| ≤ atol + rtol · max_i |expected_i| (a norm-wise
 * test: components far below the vector's scale are judged at the vector's scale).
 * Throws with both vectors, the error and the bound in the message.
 */
export function assertClose(
  actual: ArrayLike<number> | number,
  expected: ArrayLike<number> | number,
  tol: Tolerance,
  context = "",
): void {
  const a = typeof actual === "number" ? [actual] : Array.from(actual);
  const e = typeof expected === "number" ? [expected] : Array.from(expected);
  const error = maxAbsDifference(a, e);
  const bound = tol.atol + tol.rtol * maxAbs(e);
  if (!(error <= bound)) {
    throw new Error(
      `${context ? `${context}: ` : ""}|actual − expected|∞ = ${error.toExponential(3)} > ${bound.toExponential(3)} ` +
        `(rtol ${tol.rtol}, atol ${tol.atol})\n  actual   ${JSON.stringify(a)}\n  expected ${JSON.stringify(e)}`,
    );
  }
}

/** Row vector times matrix, written out here so tests do not reuse the code under test. */
export function vecMat(v: ArrayLike<number>, m: readonly (readonly number[])[]): number[] {
  const cols = m[0]!.length;
  return Array.from({ length: cols }, (_, j) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i]! * m[i]![j]!;
    return s;
  });
}

/** Plain matrix product. */
export function matMul(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): number[][] {
  return a.map((row) =>
    Array.from({ length: b[0]!.length }, (_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)),
  );
}

/**
 * Central-difference step for loss gradients: O(h²) truncation ≈ 1e-8 relative, round-off
 * 10ε/h per unit of the loss's scale (the constants of test/network/linearNetwork.test.ts).
 */
export const FD_STEP = 1e-5;
export const FD_RTOL = 1e-6;
export const FD_ATOL = (10 * EPS) / FD_STEP;

/** A model's gradient at θ, checked component by component against central differences of its loss. */
export function expectGradientMatchesCentralDifferences(
  model: {
    gradient(theta: Float64Array, out: Float64Array): number;
    loss(theta: Float64Array): number;
  },
  theta: Float64Array,
  lossScale: number,
  expectWithin: (actual: number, bound: number) => void,
): void {
  const grad = new Float64Array(theta.length);
  model.gradient(theta, grad);
  const scale = Math.abs(model.loss(theta)) + lossScale;
  for (let i = 0; i < theta.length; i++) {
    const t = theta[i]!;
    theta[i] = t + FD_STEP;
    const up = model.loss(theta);
    theta[i] = t - FD_STEP;
    const down = model.loss(theta);
    theta[i] = t;
    const fd = (up - down) / (2 * FD_STEP);
    expectWithin(Math.abs(grad[i]! - fd), FD_RTOL * Math.abs(fd) + FD_ATOL * scale);
  }
}
