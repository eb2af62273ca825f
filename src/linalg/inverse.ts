import { InternalError } from "../errors/internalError.js";
import type { Matrix } from "./matrix.js";

/**
 * Matrix inverse: 1×1 by division, 2×2 by the adjugate over the determinant, larger by
 * Gauss-Jordan elimination with partial pivoting. Setup-time only (D×D, D ≤ a few dozen).
 *
 * This is mathjs 15's `inv` for arrays of numbers, operation for operation (the same
 * products, sums and quotients in the same order), so it returns the same doubles, and
 * fails with the same messages (as InternalError: Σ and its blocks are checked positive
 * definite before they are inverted, so a singular matrix here is a bug);
 * test/linalg/mathjsParity.test.ts compares it with mathjs bit for bit.
 * It replaces the call into mathjs so that commands on the statistics (`ubias predict`)
 * do not load mathjs's 1262 modules at start-up (issue 14).
 */
export function inverse(m: Matrix): number[][] {
  const n = m.length;
  if (n === 1) return [[1 / m[0]![0]!]];
  if (n === 0) throw new InternalError("Matrix must be square (size: [0])");
  for (const row of m) {
    if (row.length !== n)
      throw new InternalError(`Matrix must be square (size: [${n}, ${row.length}])`);
  }
  if (n === 2) {
    const [a, b] = m[0] as [number, number];
    const [c, d] = m[1] as [number, number];
    const det = a * d - c * b;
    if (det === 0) throw new InternalError("Cannot calculate inverse, determinant is zero");
    return [
      [d / det, -b / det],
      [-c / det, a / det],
    ];
  }
  const A = m.map((row) => [...row]);
  const B = m.map((_, i) => m.map((_, j): number => (i === j ? 1 : 0)));
  for (let c = 0; c < n; c++) {
    // Pivot: the row at or below c with the largest |A[r][c]| (the first such on ties).
    let big = Math.abs(A[c]![c]!);
    let rBig = c;
    for (let r = c + 1; r < n; r++) {
      if (Math.abs(A[r]![c]!) > big) {
        big = Math.abs(A[r]![c]!);
        rBig = r;
      }
    }
    if (big === 0) throw new InternalError("Cannot calculate inverse, determinant is zero");
    if (rBig !== c) {
      [A[c], A[rBig]] = [A[rBig]!, A[c]!];
      [B[c], B[rBig]] = [B[rBig]!, B[c]!];
    }
    const Ac = A[c]!;
    const Bc = B[c]!;
    for (let r = 0; r < n; r++) {
      const Ar = A[r]!;
      const Br = B[r]!;
      if (r !== c) {
        // Eliminate column c from row r: add f × row c.
        if (Ar[c] !== 0) {
          const f = -Ar[c]! / Ac[c]!;
          for (let s = c; s < n; s++) Ar[s] = Ar[s]! + f * Ac[s]!;
          for (let s = 0; s < n; s++) Br[s] = Br[s]! + f * Bc[s]!;
        }
      } else {
        // Normalise row c so that A[c][c] = 1.
        const f = Ac[c]!;
        for (let s = c; s < n; s++) Ar[s] = Ar[s]! / f;
        for (let s = 0; s < n; s++) Br[s] = Br[s]! / f;
      }
    }
  }
  return B;
}
