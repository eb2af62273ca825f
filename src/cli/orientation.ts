/**
 * Orientation for display: the note the text output prints when the blocks were swapped
 * (the mapping of results back to the user's labels is src/experiment/userLabels.ts).
 */

/** The one-line note printed in text mode when the blocks were swapped. */
export const SWAP_NOTE =
  "note: your modality B has the larger ‖Σ_yx‖, so THEORY.md calls it A; phase times (t_A, t_B) and " +
  "statistics use THEORY.md's labels (A = your B), the first modality uses yours";
