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

/**
 * Reads the phase times off a training run: the first crossings of the thresholds of
 * `phaseThresholds` (docs/theory.md §3).
 *
 * @example
 * ```ts
 * import { fromToy, phaseTimes, simulate } from "ubias";
 *
 * const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
 * const run = simulate({
 *   stats,
 *   depth: 2,
 *   fusionLayer: 2,
 *   width: 1,
 *   init: { kind: "balanced", u0: 1e-6 },
 *   method: { kind: "flow" },
 * });
 * const times = phaseTimes(run);
 * times.reached; // → true
 * times.firstModality; // → "A"
 * times.tA < times.tB; // → true
 * ```
 */
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
