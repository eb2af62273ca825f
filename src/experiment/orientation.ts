import type { SampleSet } from "../data/sampleSet.js";
import type { Modality } from "../statistics/derived.js";

/**
 * docs/theory.md names the faster modality A; an experiment trains on the oriented problem
 * (`orient` swaps the blocks when the user's B is faster, `swapSampleSet` does the same to a
 * sample set). These helpers map results of the oriented problem back to the user's labels.
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

/** A sample set with its two blocks exchanged (columns of B first). */
export function swapSampleSet(set: SampleSet): SampleSet {
  const d = set.dA + set.dB;
  const x = new Float64Array(set.x.length);
  for (let p = 0; p < set.samples; p++) {
    const row = p * d;
    for (let j = 0; j < set.dB; j++) x[row + j] = set.x[row + set.dA + j]!;
    for (let j = 0; j < set.dA; j++) x[row + set.dB + j] = set.x[row + j]!;
  }
  return {
    ...set,
    x,
    dA: set.dB,
    dB: set.dA,
    label: `${set.label} (modalities swapped: A is the faster one)`,
  };
}
