import { inv } from "mathjs";
import type { Matrix } from "./dense.js";

/** Matrix inverse through mathjs (LU with partial pivoting); setup-time only. */
export function inverse(m: Matrix): number[][] {
  if (m.length === 1) return [[1 / m[0]![0]!]];
  return inv(m.map((row) => [...row])) as number[][];
}
