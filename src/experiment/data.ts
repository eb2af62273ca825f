import { sampleMoments } from "../data/moments.js";
import { MAX_STORED_ENTRIES, sampleFromStatistics } from "../data/sampleFromStatistics.js";
import type { SampleSet } from "../data/sampleSet.js";
import { xorSampleSet } from "../data/xor.js";
import { InputError } from "../errors/inputError.js";
import { fasterModality, orient } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import { swapSampleSet } from "./orientation.js";
import type { ExperimentData, Orientation } from "./types.js";

/** The data an experiment trains on: population statistics and/or a sample set, oriented. */
export interface PreparedData {
  /** The oriented population (A = faster), when known. */
  readonly population?: Statistics;
  /** The oriented samples, for finite data. */
  readonly set?: SampleSet;
  readonly swapped: boolean;
  readonly label: string;
  /** Input sizes of the oriented problem. */
  readonly dA: number;
  readonly dB: number;
}

function orientedStatistics(stats: Statistics, orientation: Orientation) {
  return orientation === "faster-first" ? orient(stats) : { stats, swapped: false };
}

/**
 * Draws or orients the data (docs/theory.md §1: A = the modality with the larger ‖Σ_yx‖, on the
 * samples for a user's sample set). Sampled data are drawn from the oriented statistics.
 */
export function prepareData(data: ExperimentData, orientation: Orientation): PreparedData {
  switch (data.kind) {
    case "population": {
      const { stats, swapped } = orientedStatistics(data.stats, orientation);
      return { population: stats, swapped, label: data.stats.label, dA: stats.dA, dB: stats.dB };
    }
    case "sampled": {
      const { stats, swapped } = orientedStatistics(data.stats, orientation);
      const d = stats.dA + stats.dB;
      if (data.samples * d > MAX_STORED_ENTRIES) {
        throw new InputError(
          "--samples",
          `P·D = ${data.samples * d} exceeds ${MAX_STORED_ENTRIES} stored values`,
        );
      }
      const set = sampleFromStatistics(stats, { samples: data.samples, seed: data.dataSeed });
      return {
        population: stats,
        set,
        swapped,
        label: `${data.stats.label}, P=${data.samples}, data seed ${data.dataSeed}`,
        dA: stats.dA,
        dB: stats.dB,
      };
    }
    case "xor": {
      // Not oriented: x_A's part of y has no linear component (Σ_yxA = 0), T12 keeps the names.
      const set = xorSampleSet({
        variance: data.variance,
        samples: data.samples,
        seed: data.dataSeed,
      });
      return { set, swapped: false, label: set.label, dA: set.dA, dB: set.dB };
    }
    case "csv": {
      const { set } = data;
      const swapped = orientation === "faster-first" && fasterModality(sampleMoments(set)) === "B";
      const trained = swapped ? swapSampleSet(set) : set;
      return { set: trained, swapped, label: set.label, dA: trained.dA, dB: trained.dB };
    }
  }
}
