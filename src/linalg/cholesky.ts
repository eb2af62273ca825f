/**
 * The one Cholesky factorisation of ubias, and symmetric positive definite solves, on
 * row-major Float64Array (n × n): the finite-data reference solutions (docs/theory.md T10:
 * normal equations Σ̂ w = Σ̂_yxᵀ when P > D, the Gram system (X Xᵀ) c = y of the
 * minimum-norm interpolator when P < D), the ReLU model's least squares, sampling from Σ,
 * and the next-order prediction's solves. Cholesky is the natural method for SPD systems
 * (half the work of LU, and its failure is the rank test we need); mathjs 15 has none.
 */
import type { Matrix, Vector } from "./matrix.js";

/**
 * The default pivot floor of `choleskyInPlace`: n·ε times the largest diagonal entry of
 * `a` (a pivot below it is round-off, not information).
 */
export function relativePivotFloor(a: Float64Array, n: number): number {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + i]!));
  return n * Number.EPSILON * scale;
}

/**
 * Overwrites the lower triangle of `a` with its Cholesky factor L (a = L Lᵀ), column by
 * column; entry (i, j) is (a_ij − Σ_{k<j} L_ik L_jk) / L_jj, summed in increasing k. Returns
 * false when a pivot is not above `floor` (default `relativePivotFloor`: numerically
 * singular, the columns collinear or fewer samples than unknowns; 0: not positive
 * definite). Reads only the lower triangle; the upper one is left as it was.
 */
export function choleskyInPlace(
  a: Float64Array,
  n: number,
  floor: number = relativePivotFloor(a, n),
): boolean {
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

/**
 * Lower Cholesky factor L with M = L Lᵀ (zeros above the diagonal), or undefined when M is
 * not positive definite (a pivot ≤ 0 or NaN). `choleskyInPlace` with floor 0 on a copy: every
 * entry is the same sum in the same order, so this is the factor bit for bit.
 */
export function cholesky(m: Matrix): number[][] | undefined {
  const n = m.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = m[i]![j]!;
  if (!choleskyInPlace(a, n, 0)) return undefined;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (j <= i ? a[i * n + j]! : 0)),
  );
}

/**
 * x with M x = v (equivalently x M = v: M is symmetric) for symmetric positive definite M,
 * or undefined when M is not positive definite: `cholesky`'s factor (floor 0), then the
 * forward and back substitutions of `choleskySolveInPlace`.
 */
export function spdSolve(m: Matrix, v: Vector): number[] | undefined {
  const n = m.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = m[i]![j]!;
  if (!choleskyInPlace(a, n, 0)) return undefined;
  const x = Float64Array.from(v);
  choleskySolveInPlace(a, n, x);
  return Array.from(x);
}
