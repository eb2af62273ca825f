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
