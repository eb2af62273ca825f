import type { Modality } from "../statistics/derived.js";
import { derive, fasterModality } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";

/**
 * T8: in late and intermediate fusion the modality learned first is the one with the larger
 * ‖Σ_yxm‖, which need not be the one whose unimodal solution lowers the loss more.
 */
export interface ModalityOrder {
  /** Predicted first modality (undefined at a tie). */
  readonly first: Modality | undefined;
  /** The modality whose unimodal solution has the lower loss ℒ(M_m). */
  readonly better: Modality | undefined;
  /** True when the first modality is not the better one: a superficial preference. */
  readonly superficial: boolean;
}

export function modalityOrder(stats: Statistics): ModalityOrder {
  const q = derive(stats);
  const faster = fasterModality(stats);
  const first = faster === "tie" ? undefined : faster;
  const better = q.lossUniA === q.lossUniB ? undefined : q.lossUniA < q.lossUniB ? "A" : "B";
  return {
    first,
    better,
    superficial: first !== undefined && better !== undefined && first !== better,
  };
}
