import type { Modality } from "../statistics/derived.js";
import type { TrainingRun } from "../training/run.js";

/** Measured phase times (docs/theory.md §3), in units of τ. */
export interface PhaseTimes {
  /** First time ‖W_A^tot‖ ≥ ½‖W_A^uni‖ (NaN when not reached). */
  readonly tA: number;
  /** First time ‖W_B^tot‖ ≥ ½‖W_B^full‖ (NaN when not reached). */
  readonly tB: number;
  readonly ratio: number;
  /** Unimodal-phase duration t_B − t_A. */
  readonly duration: number;
  /** Both thresholds reached within the budget. */
  readonly reached: boolean;
  /** The modality whose threshold was crossed first (undefined if neither was). */
  readonly firstModality: Modality | undefined;
}

export function phaseTimes(run: TrainingRun): PhaseTimes {
  const tA = run.crossings.A?.t ?? Number.NaN;
  const tB = run.crossings.B?.t ?? Number.NaN;
  const reached = Number.isFinite(tA) && Number.isFinite(tB);
  let firstModality: Modality | undefined;
  if (reached) firstModality = tA <= tB ? "A" : "B";
  else if (Number.isFinite(tA)) firstModality = "A";
  else if (Number.isFinite(tB)) firstModality = "B";
  return { tA, tB, ratio: tB / tA, duration: tB - tA, reached, firstModality };
}
