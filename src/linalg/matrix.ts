/*
 * Small dense linear algebra on plain arrays, for setup-time work on D×D matrices
 * (D ≤ a few dozen). inverse.ts and eigen.ts hold the inverse and the symmetric eigen
 * decompositions (ports of mathjs's, bit for bit); cholesky.ts and lu.ts the factorisations;
 * this file, the one-line helpers used everywhere.
 */

/** A vector (or a row of a matrix) of numbers. */
export type Vector = readonly number[];
/** A dense matrix as its rows (each of the same length). */
export type Matrix = readonly (readonly number[])[];

export function dot(a: Vector, b: Vector): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

export function norm(a: Vector): number {
  return Math.sqrt(dot(a, a));
}

/** Row vector times matrix: (vᵀ M)_j = Σ_i v_i M_ij. */
export function rowTimesMatrix(v: Vector, m: Matrix): number[] {
  const cols = m[0]?.length ?? 0;
  const out = new Array<number>(cols).fill(0);
  for (let i = 0; i < v.length; i++) {
    const row = m[i]!;
    for (let j = 0; j < cols; j++) out[j]! += v[i]! * row[j]!;
  }
  return out;
}

/** vᵀ M v. */
export function quadraticForm(v: Vector, m: Matrix): number {
  return dot(rowTimesMatrix(v, m), v);
}

export function subMatrix(m: Matrix, rows: [number, number], cols: [number, number]): number[][] {
  return m.slice(rows[0], rows[1]).map((row) => row.slice(cols[0], cols[1]));
}

/** Frobenius norm of a small dense matrix. */
export function frobenius(m: Matrix): number {
  let sum = 0;
  for (const row of m) for (const v of row) sum += v * v;
  return Math.sqrt(sum);
}

/** A·B for small dense matrices; each entry summed in increasing inner index. */
export function matMul(a: Matrix, b: Matrix): number[][] {
  const inner = b.length;
  const cols = b[0]?.length ?? 0;
  return a.map((row) =>
    Array.from({ length: cols }, (_, j) => {
      let sum = 0;
      for (let t = 0; t < inner; t++) sum += row[t]! * b[t]![j]!;
      return sum;
    }),
  );
}

/** Mᵀ of a small dense matrix. */
export function transpose(m: Matrix): number[][] {
  const cols = m[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, i) => m.map((row) => row[i]!));
}
