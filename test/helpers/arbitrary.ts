import fc from "fast-check";

/**
 * Helpers for testing the claims' arbitraries. `reaches` asks fast-check to find a value with
 * the property, by running the negation as a property and reporting whether it failed: the
 * runs use fast-check's bias toward the bounds, the same draws a claim gets, so "reached"
 * means a claim actually sees such values. Fixed seed: the answer is reproducible.
 */
export function reaches<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => boolean,
  numRuns = 2000,
): boolean {
  return fc.check(
    fc.property(arbitrary, (v) => !predicate(v)),
    { numRuns, seed: 20240527, endOnFailure: true },
  ).failed;
}

/** Two samples of `numRuns` values from the same seed (for determinism checks). */
export function sampleTwice<T>(arbitrary: fc.Arbitrary<T>, numRuns = 20): [T[], T[]] {
  return [fc.sample(arbitrary, { seed: 7, numRuns }), fc.sample(arbitrary, { seed: 7, numRuns })];
}

/** Symmetric and positive definite by a Cholesky factorisation written here (not src's). */
export function isSymmetricPositiveDefinite(m: readonly (readonly number[])[]): boolean {
  const n = m.length;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (m[i]![j] !== m[j]![i]) return false;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 0)) return false;
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  return true;
}

/**
 * Eigenvalues of a symmetric matrix by cyclic Jacobi rotations (independent of src/linalg):
 * converged to ~1e-14 relative for the small matrices of these tests.
 */
export function jacobiEigenvalues(m: readonly (readonly number[])[]): number[] {
  const n = m.length;
  const a = m.map((row) => [...row]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-30 * a.reduce((s, row, i) => s + row[i]! ** 2, 0)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((row, i) => row[i]!).sort((x, y) => x - y);
}

/** x with x·M = b (row vector times matrix), by Gaussian elimination with partial pivoting on Mᵀ. */
export function solveRowSystem(m: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  // x M = b  ⇔  Mᵀ xᵀ = bᵀ.
  const a = Array.from({ length: n }, (_, i) => [
    ...Array.from({ length: n }, (_, j) => m[j]![i]!),
    b[i]!,
  ]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = a[i]![n]!;
    for (let k = i + 1; k < n; k++) s -= a[i]![k]! * x[k]!;
    x[i] = s / a[i]![i]!;
  }
  return x;
}

/** M⁻¹ column by column (for a symmetric M, rows and columns agree). */
export function inverseOf(m: readonly (readonly number[])[]): number[][] {
  const n = m.length;
  return Array.from({ length: n }, (_, i) =>
    solveRowSystem(
      m,
      Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
    ),
  );
}
