import { eigs } from "mathjs";
import type { Matrix } from "./matrix.js";

/** Eigenvalues of a symmetric matrix in ascending order (mathjs `eigs`). */
export function symmetricEigenvalues(m: Matrix): number[] {
  const { values } = eigs(m.map((row) => [...row]));
  return (values as number[]).map(Number).sort((a, b) => a - b);
}

/** One eigenpair of a symmetric matrix as mathjs `eigs` returns it. */
export interface Eigenpair {
  readonly value: number;
  readonly vector: number[];
}

/** Eigenpairs of a symmetric matrix, in mathjs `eigs`'s order (mathjs `eigs`). */
export function symmetricEigenpairs(m: number[][]): Eigenpair[] {
  const { eigenvectors } = eigs(m) as unknown as { eigenvectors: Eigenpair[] };
  return eigenvectors;
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
