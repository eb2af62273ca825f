import type { MnistEpoch } from "./train.js";

/**
 * The accuracy level that marks a modality as learned: 0.4, four times chance (0.1) and
 * below the plateau both modalities reach in the scaled runs (A-alone 0.85-0.87, B-alone
 * 0.5-0.87 after 25 epochs, docs/mnist.md), so every run crosses it for A and most for B.
 */
export const LEARNED_LEVEL = 0.4;

/**
 * T14's tolerance (docs/mnist.md §T14): a seed's delay may fall by at most this many epochs
 * from one fusion layer to the next. The accuracies are measured once per epoch, so a
 * crossing of the level is known to ±1 epoch.
 */
export const T14_TOLERANCE_EPOCHS = 1;

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

/** The delays of one seed's runs at Lf = 1..L (index Lf − 1). */
export interface SeedDelays {
  readonly seed: number;
  readonly delays: readonly ModalityDelay[];
}

/** T14's verdict on a set of runs (docs/mnist.md §T14). */
export interface DelayOrdering {
  /** Per fusion layer (index Lf − 1): the median over seeds of the delay (its lower bound if censored). */
  readonly medians: readonly number[];
  /** Per fusion layer: max − min of the delay over seeds. */
  readonly spreads: readonly number[];
  /** Seed and Lf of every step where a seed's delay fell by more than `tolerance` epochs. */
  readonly violations: readonly { seed: number; fusion: number; from: number; to: number }[];
  /** Medians non-decreasing and no violation. */
  readonly holds: boolean;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * T14: the delay of B behind A is non-decreasing in Lf. Each seed's delay may fall by at
 * most `tolerance` epochs from one Lf to the next, and the median over seeds may not fall
 * at all. A run where B never reached the level enters with its lower bound `delayAtLeast`
 * (for a non-decreasing statement about the deepest fusion, a lower bound is conservative:
 * the true delay is larger). A run where A never reached it has no delay and is a violation.
 */
export function delayOrdering(seeds: readonly SeedDelays[], tolerance: number): DelayOrdering {
  const depth = seeds[0]?.delays.length ?? 0;
  const value = (d: ModalityDelay) => d.delay ?? d.delayAtLeast ?? Number.NaN;
  const perLf = Array.from({ length: depth }, (_, i) =>
    seeds.map((s) => value(s.delays[i] as ModalityDelay)),
  );
  const medians = perLf.map(median);
  const spreads = perLf.map((v) => Math.max(...v) - Math.min(...v));
  const violations = seeds.flatMap(({ seed, delays }) =>
    delays.slice(1).flatMap((d, i) => {
      const from = value(delays[i] as ModalityDelay);
      const to = value(d);
      return Number.isNaN(from) || Number.isNaN(to) || to < from - tolerance
        ? [{ seed, fusion: i + 2, from, to }]
        : [];
    }),
  );
  const mediansOrdered = medians.every((m, i) => i === 0 || m >= (medians[i - 1] as number));
  return { medians, spreads, violations, holds: mediansOrdered && violations.length === 0 };
}
