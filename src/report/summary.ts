import { InternalError } from "../errors/internalError.js";

/**
 * Summary statistics of a sample of measurements (e.g. t_B/t_A over repeated runs with
 * different seeds). Pure; NaN for statistics that the sample does not define.
 */
export interface SampleSummary {
  /** Number of values summarised. */
  readonly count: number;
  readonly mean: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Sample standard deviation (divisor n − 1); NaN for fewer than two values. */
  readonly std: number;
  /** First quartile (linear interpolation between order statistics, as numpy's default). */
  readonly q1: number;
  /** Third quartile (same rule). */
  readonly q3: number;
  /** Interquartile range q3 − q1. */
  readonly iqr: number;
}

/**
 * The p-quantile (0 ≤ p ≤ 1) of an ascending sorted sample by linear interpolation between
 * order statistics (Hyndman & Fan type 7, numpy's and R's default): position p·(n − 1).
 * NaN for an empty sample.
 *
 * @example quantileSorted([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new InternalError(`quantile: p must be in [0, 1], got ${p}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = p * (n - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, n - 1);
  const fraction = position - lower;
  const a = sorted[lower]!;
  const b = sorted[upper]!;
  return fraction === 0 ? a : a + fraction * (b - a);
}

/**
 * Mean, median, min, max, sample standard deviation, quartiles and interquartile range of
 * `values`. Every value must be finite (filter out runs that did not measure first); an
 * empty sample gives count 0 and NaN everywhere.
 *
 * @example summarise([1, 2, 3, 4]) // { count: 4, mean: 2.5, median: 2.5, min: 1, max: 4, q1: 1.75, q3: 3.25, iqr: 1.5, std: 1.29… }
 */
export function summarise(values: readonly number[]): SampleSummary {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new InternalError(`summarise: values must be finite, got ${v}`);
  }
  const n = values.length;
  if (n === 0) {
    const nan = Number.NaN;
    return {
      count: 0,
      mean: nan,
      median: nan,
      min: nan,
      max: nan,
      std: nan,
      q1: nan,
      q3: nan,
      iqr: nan,
    };
  }
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  return {
    count: n,
    mean,
    median: quantileSorted(sorted, 0.5),
    min: sorted[0]!,
    max: sorted[n - 1]!,
    std: n >= 2 ? Math.sqrt(squares / (n - 1)) : Number.NaN,
    q1,
    q3,
    iqr: q3 - q1,
  };
}
