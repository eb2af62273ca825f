import { createRequire } from "node:module";
import { InternalError } from "../errors/internalError.js";
import type { Matrix } from "./matrix.js";

/*
 * Eigenvalues and eigenvectors of small symmetric matrices by the classical Jacobi method
 * (each step rotates away the largest off-diagonal entry). Setup-time only (D×D, D ≤ a few
 * dozen).
 *
 * This is mathjs 15's `eigs` for a real symmetric array of numbers (its `realSymmetric`
 * path at the default precision config.relTol = 1e-12), operation for operation, so it
 * returns the same doubles in the same order; test/linalg/mathjsParity.test.ts compares it
 * with mathjs bit for bit. It replaces the call into mathjs so that commands on the statistics
 * (`ubias predict`) do not load mathjs's 1262 modules at start-up (issue 14). As in mathjs,
 * the iteration stops when every off-diagonal entry is below 1e-12/N in absolute value
 * (not relative to the matrix's scale).
 */

/** mathjs's default config.relTol: the precision of `eigs` and of its symmetry test. */
const PRECISION = 1e-12;

/** One eigenpair of a symmetric matrix as mathjs `eigs` returns it. */
export interface Eigenpair {
  readonly value: number;
  readonly vector: number[];
}

/** Eigenvalues of a symmetric matrix in ascending order. */
export function symmetricEigenvalues(m: Matrix): number[] {
  requireSquare(m);
  const values = isSymmetric(m) ? jacobi(m, false).values : mathjsEigs(m).values;
  return values.map(Number).sort((a, b) => a - b);
}

/** Eigenpairs of a symmetric matrix, in mathjs `eigs`'s order (ascending |λ|). */
export function symmetricEigenpairs(m: Matrix): Eigenpair[] {
  requireSquare(m);
  if (!isSymmetric(m)) return mathjsEigs(m).eigenvectors;
  const { values, vectors } = jacobi(m, true);
  return values.map((value, i) => ({ value, vector: vectors![i]! }));
}

function requireSquare(m: Matrix): void {
  for (const row of m) {
    if (row.length !== m.length) {
      throw new InternalError(`Matrix must be square (size: [${m.length}, ${row.length}])`);
    }
  }
}

/**
 * mathjs's eigs sends a matrix on to its general (complex) algorithm when it is not
 * symmetric to within its precision, |m[i][j] − m[j][i]| > 1e-12 (absolute). That path is not
 * reproduced here: such a matrix (it passes Statistics' symmetry check, relative to Σ's
 * scale, only when that scale exceeds 1) still goes to mathjs, loaded then, synchronously.
 */
function isSymmetric(m: Matrix): boolean {
  const n = m.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(m[i]![j]! - m[j]![i]!) > PRECISION) return false;
    }
  }
  return true;
}

/** mathjs's eigs for what the Jacobi port does not cover (see isSymmetric). */
function mathjsEigs(m: Matrix): { values: number[]; eigenvectors: Eigenpair[] } {
  const { eigs } = createRequire(import.meta.url)("mathjs") as typeof import("mathjs");
  return eigs(m.map((row) => [...row])) as unknown as {
    values: number[];
    eigenvectors: Eigenpair[];
  };
}

function jacobi(m: Matrix, computeVectors: boolean): { values: number[]; vectors?: number[][] } {
  let x = m.map((row) => [...row]);
  const n = x.length;
  const e0 = Math.abs(PRECISION / n);
  let s: number[][] | undefined;
  if (computeVectors) s = x.map((_, r) => x.map((_, c) => (r === c ? 1 : 0)));
  let [[i, j], off] = largestOffDiagonal(x);
  while (Math.abs(off) >= Math.abs(e0)) {
    const theta = rotationAngle(x[i]![i]!, x[j]![j]!, x[i]![j]!);
    x = rotate(x, theta, i, j);
    if (s !== undefined) s = rotateVectors(s, theta, i, j);
    [[i, j], off] = largestOffDiagonal(x);
  }
  const diagonal = x.map((row, k) => row[k]!);
  return sortByMagnitude(diagonal, s);
}

function rotationAngle(aii: number, ajj: number, aij: number): number {
  const denom = ajj - aii;
  if (Math.abs(denom) <= PRECISION) return Math.PI / 4.0;
  return 0.5 * Math.atan((2.0 * aij) / (ajj - aii));
}

/** Columns i and j of the eigenvector matrix rotated by theta. */
function rotateVectors(s: number[][], theta: number, i: number, j: number): number[][] {
  const n = s.length;
  const c = Math.cos(theta);
  const sn = Math.sin(theta);
  const ski = new Array<number>(n).fill(0);
  const skj = new Array<number>(n).fill(0);
  for (let k = 0; k < n; k++) {
    ski[k] = c * s[k]![i]! - sn * s[k]![j]!;
    skj[k] = sn * s[k]![i]! + c * s[k]![j]!;
  }
  for (let k = 0; k < n; k++) {
    s[k]![i] = ski[k]!;
    s[k]![j] = skj[k]!;
  }
  return s;
}

/** The Jacobi rotation in the (i, j) plane that zeroes h[i][j]. */
function rotate(h: number[][], theta: number, i: number, j: number): number[][] {
  const n = h.length;
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const c2 = c * c;
  const s2 = s * s;
  const aki = new Array<number>(n).fill(0);
  const akj = new Array<number>(n).fill(0);
  const aii = c2 * h[i]![i]! - 2 * c * s * h[i]![j]! + s2 * h[j]![j]!;
  const ajj = s2 * h[i]![i]! + 2 * c * s * h[i]![j]! + c2 * h[j]![j]!;
  for (let k = 0; k < n; k++) {
    aki[k] = c * h[i]![k]! - s * h[j]![k]!;
    akj[k] = s * h[i]![k]! + c * h[j]![k]!;
  }
  h[i]![i] = aii;
  h[j]![j] = ajj;
  h[i]![j] = 0;
  h[j]![i] = 0;
  for (let k = 0; k < n; k++) {
    if (k !== i && k !== j) {
      h[i]![k] = aki[k]!;
      h[k]![i] = aki[k]!;
      h[j]![k] = akj[k]!;
      h[k]![j] = akj[k]!;
    }
  }
  return h;
}

/** The position and magnitude of the largest |h[i][j]| above the diagonal (first on ties). */
function largestOffDiagonal(h: number[][]): [[number, number], number] {
  const n = h.length;
  let max = 0;
  let at: [number, number] = [0, 1];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(max) < Math.abs(h[i]![j]!)) {
        max = Math.abs(h[i]![j]!);
        at = [i, j];
      }
    }
  }
  return [at, max];
}

/**
 * The eigenvalues in ascending |λ| (selection: repeatedly the first of smallest |λ|), with
 * their eigenvectors (columns of s), as mathjs's `sorting` orders them.
 */
function sortByMagnitude(
  diagonal: number[],
  s: number[][] | undefined,
): { values: number[]; vectors?: number[][] } {
  const e = [...diagonal];
  const n = e.length;
  const values = new Array<number>(n);
  const vectors =
    s === undefined ? undefined : Array.from({ length: n }, () => new Array<number>(n));
  for (let k = 0; k < n; k++) {
    let minId = 0;
    let minE = e[0]!;
    for (let l = 0; l < e.length; l++) {
      if (Math.abs(e[l]!) < Math.abs(minE)) {
        minId = l;
        minE = e[minId]!;
      }
    }
    values[k] = e.splice(minId, 1)[0]!;
    if (s !== undefined) {
      for (let r = 0; r < n; r++) {
        vectors![k]![r] = s[r]![minId]!;
        s[r]!.splice(minId, 1);
      }
    }
  }
  return vectors === undefined ? { values } : { values, vectors };
}

/** Singular triplets (σ_i, left u_i ∈ R^rows, right v_i ∈ R^cols), σ descending, σ_i > 0. */
export interface SingularMode {
  readonly value: number;
  readonly left: number[];
  readonly right: number[];
}

/**
 * The nonzero singular modes of a small matrix M, from the eigen-decomposition of MᵀM
 * (setup-time; the matrices here are at most a few rows and columns). Modes below
 * 1e-6·σ₁ are dropped as numerically zero: the eigenvalues of MᵀM carry a round-off of
 * ~ε·σ₁², i.e. √ε·σ₁ ≈ 1.5e-8·σ₁ on a zero singular value.
 */
export function singularModes(m: Matrix): SingularMode[] {
  const cols = m[0]?.length ?? 0;
  if (cols === 0) return [];
  const gram = Array.from({ length: cols }, (_, i) =>
    Array.from({ length: cols }, (_, j) => m.reduce((s, row) => s + row[i]! * row[j]!, 0)),
  );
  const eigenvectors = symmetricEigenpairs(gram);
  const sorted = [...eigenvectors].sort((a, b) => b.value - a.value);
  const top = Math.sqrt(Math.max(sorted[0]?.value ?? 0, 0));
  const modes: SingularMode[] = [];
  for (const { value, vector } of sorted) {
    const sv = Math.sqrt(Math.max(value, 0));
    if (!(sv > 1e-6 * top)) continue;
    const length = Math.hypot(...vector);
    const right = vector.map((x) => x / length);
    const left = m.map((row) => row.reduce((s, x, j) => s + x * right[j]!, 0) / sv);
    modes.push({ value: sv, left, right });
  }
  return modes;
}

export function topSingularValue(m: Matrix): number {
  return singularModes(m)[0]?.value ?? 0;
}
