import type { MnistEpoch } from "./train.js";

/**
 * The accuracy level that marks a modality as learned: 0.4, four times chance (0.1) and
 * below the plateau both modalities reach in the scaled runs (A-alone 0.85-0.87, B-alone
 * 0.5-0.87 after 25 epochs, docs/mnist.md), so every run crosses it for A and most for B.
 */
export const LEARNED_LEVEL = 0.4;

/**
 * When each modality is learned and how long B lags A, in epochs of training: `epochsA` is
 * the number of epochs trained before the A-alone accuracy first reaches `level` (the
 * accuracies are measured before each epoch, so row e is after e − 1 epochs), likewise
 * `epochsB`; `delay` = epochsB − epochsA. A modality that never reaches the level within
 * the run is `undefined`, and then the delay is only known to exceed `delayAtLeast`.
 */
export interface ModalityDelay {
  readonly level: number;
  readonly epochsA: number | undefined;
  readonly epochsB: number | undefined;
  readonly delay: number | undefined;
  /** A lower bound on the delay: the delay itself, or (epochs run − epochsA) if B never got there. */
  readonly delayAtLeast: number | undefined;
}

function epochsToReach(values: readonly number[], level: number): number | undefined {
  const index = values.findIndex((v) => v >= level);
  return index < 0 ? undefined : index;
}

/** The delay of the weaker modality B behind A in one run (see {@link ModalityDelay}). */
export function modalityDelay(epochs: readonly MnistEpoch[], level = LEARNED_LEVEL): ModalityDelay {
  const epochsA = epochsToReach(
    epochs.map((e) => e.accuracyA),
    level,
  );
  const epochsB = epochsToReach(
    epochs.map((e) => e.accuracyB),
    level,
  );
  const delay = epochsA !== undefined && epochsB !== undefined ? epochsB - epochsA : undefined;
  const delayAtLeast = delay ?? (epochsA !== undefined ? epochs.length - epochsA : undefined);
  return { level, epochsA, epochsB, delay, delayAtLeast };
}
