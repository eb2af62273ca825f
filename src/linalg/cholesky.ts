import type { Matrix } from "./matrix.js";

/**
 * Dense symmetric positive definite solves on row-major Float64Array (n × n), for the
 * finite-data reference solutions (THEORY.md T10): normal equations Σ̂ w = Σ̂_yxᵀ when
 * P > D, and the Gram system (X Xᵀ) c = y of the minimum-norm interpolator when P < D.
 * Cholesky is the natural method for SPD systems (half the work of LU, and its failure
 * is the rank test we need); mathjs 15 has none.
 */

/**
 * Overwrites the lower triangle of `a` with its Cholesky factor L (a = L Lᵀ). Returns false
 * when a pivot is not positive relative to the diagonal scale (numerically singular: the
 * columns are collinear or there are fewer samples than unknowns). With `strict` the test is
 * plain positivity (pivot > 0), the definition of positive definiteness that validation of
 * a user's Σ applies.
 */
export function choleskyInPlace(a: Float64Array, n: number, strict = false): boolean {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + i]!));
  // A pivot below n·ε of the largest diagonal entry is round-off, not information.
  const floor = strict ? 0 : n * Number.EPSILON * scale;
  for (let j = 0; j < n; j++) {
    let pivot = a[j * n + j]!;
    for (let k = 0; k < j; k++) pivot -= a[j * n + k]! * a[j * n + k]!;
    if (!(pivot > floor)) return false;
    const ljj = Math.sqrt(pivot);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = sum / ljj;
    }
  }
  return true;
}

/**
 * Lower Cholesky factor L with M = L Lᵀ, or undefined when M is not positive definite
 * (a pivot ≤ 0). The same arithmetic as choleskyInPlace, in the same order, on a copy.
 */
export function cholesky(m: Matrix): number[][] | undefined {
  const n = m.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = m[i]![j]!;
  if (!choleskyInPlace(a, n, true)) return undefined;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (j <= i ? a[i * n + j]! : 0)),
  );
}

/** Solves L Lᵀ x = b in place (b becomes x), L from choleskyInPlace. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * b[k]!;
    b[i] = sum / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * b[k]!;
    b[i] = sum / l[i * n + i]!;
  }
}
