/**
 * Orientation for display: an experiment trains with docs/theory.md's faster modality as A
 * (src/experiment/orientation.ts maps its results back); text output says so when it swapped.
 */

/** The one-line note printed in text mode when the blocks were swapped. */
export const SWAP_NOTE =
  "note: your modality B has the larger ‖Σ_yx‖, so docs/theory.md calls it A; phase times (t_A, t_B) and " +
  "statistics use docs/theory.md's labels (A = your B), the first modality uses yours";
