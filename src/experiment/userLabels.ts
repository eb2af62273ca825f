import type { Modality } from "../statistics/derived.js";

/**
 * THEORY.md names the faster modality A; `orient` swaps the blocks when the user's B is
 * faster. These helpers map results of the oriented problem back to the user's labels.
 */

/** The user's name for a modality of the oriented problem. */
export function userModality(
  modality: Modality | undefined,
  swapped: boolean,
): Modality | undefined {
  if (modality === undefined || !swapped) return modality;
  return modality === "A" ? "B" : "A";
}

/**
 * A row over the oriented inputs, [faster block, slower block], put back in the user's
 * input order [x_A, x_B]. `orientedDA` is the size of the oriented problem's first block.
 */
export function userOrder(row: readonly number[], swapped: boolean, orientedDA: number): number[] {
  return swapped ? [...row.slice(orientedDA), ...row.slice(0, orientedDA)] : [...row];
}
