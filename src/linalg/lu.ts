/**
 * Dense LU factorisation with partial pivoting, in place on a row-major n×n Float64Array,
 * and the matching solve. Written for the Rosenbrock integrator's step loop: no allocation,
 * the caller owns the matrix and pivot buffers. (mathjs works on boxed arrays and
 * allocates per call; the systems here are the size of θ, a few to a few hundred.)
 */

/**
 * Overwrites `a` (n×n, row-major) with its LU factors: L unit lower triangular below the
 * diagonal, U on and above it, P A = L U with row i of P A being row pivots[i]-swapped in
 * order (LAPACK getrf convention: at column k, rows k and pivots[k] were exchanged).
 * Returns false when a pivot is exactly zero or not finite (singular to working precision
 * or poisoned by NaN/∞): the factors are then unusable.
 */
export function luFactor(a: Float64Array, n: number, pivots: Int32Array): boolean {
  for (let k = 0; k < n; k++) {
    let p = k;
    let max = Math.abs(a[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]!);
      if (v > max) {
        max = v;
        p = i;
      }
    }
    pivots[k] = p;
    if (!(max > 0) || !Number.isFinite(max)) return false;
    if (p !== k) {
      const rowK = k * n;
      const rowP = p * n;
      for (let j = 0; j < n; j++) {
        const tmp = a[rowK + j]!;
        a[rowK + j] = a[rowP + j]!;
        a[rowP + j] = tmp;
      }
    }
    const rowK = k * n;
    const inverse = 1 / a[rowK + k]!;
    for (let i = k + 1; i < n; i++) {
      const rowI = i * n;
      const factor = a[rowI + k]! * inverse;
      a[rowI + k] = factor;
      if (factor === 0) continue;
      for (let j = k + 1; j < n; j++) a[rowI + j]! -= factor * a[rowK + j]!;
    }
  }
  return true;
}

/** Solves A x = b in place (b becomes x) from the factors and pivots of luFactor. */
export function luSolve(lu: Float64Array, n: number, pivots: Int32Array, b: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = pivots[k]!;
    if (p !== k) {
      const tmp = b[k]!;
      b[k] = b[p]!;
      b[p] = tmp;
    }
  }
  // Forward substitution with unit L.
  for (let i = 1; i < n; i++) {
    const rowI = i * n;
    let sum = b[i]!;
    for (let j = 0; j < i; j++) sum -= lu[rowI + j]! * b[j]!;
    b[i] = sum;
  }
  // Back substitution with U.
  for (let i = n - 1; i >= 0; i--) {
    const rowI = i * n;
    let sum = b[i]!;
    for (let j = i + 1; j < n; j++) sum -= lu[rowI + j]! * b[j]!;
    b[i] = sum / lu[rowI + i]!;
  }
}
