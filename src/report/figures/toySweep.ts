/**
 * The grid of the toy-family sweeps (toy-ratio, misattribution): one theory curve per
 * σA/σB over ρ ∈ [−0.9, 0.9], and simulated markers at σA/σB × ρ × init draw.
 */
import { linspace } from "./chart.js";
import type { FigureOptions, FigureRow } from "./figure.js";
import { sigmaRatioSeries } from "./simulationJob.js";

/** One simulated point of a toy sweep. */
export interface ToyMarker {
  readonly sigmaRatio: number;
  readonly rho: number;
  readonly repeat: number;
}

/** The markers in job order: σA/σB outermost, then ρ, then the init draw (--repeats). */
export function toyMarkers(
  sigmaRatios: readonly number[],
  rhos: readonly number[],
  options: FigureOptions,
): ToyMarker[] {
  const list: ToyMarker[] = [];
  for (const sigmaRatio of sigmaRatios)
    for (const rho of rhos)
      for (let repeat = 0; repeat < options.repeats; repeat++)
        list.push({ sigmaRatio, rho, repeat });
  return list;
}

/** Theory rows: `points` values of ρ on [−0.9, 0.9] for each σA/σB, in that order. */
export function toyTheoryRows(
  sigmaRatios: readonly number[],
  points: number,
  row: (sigmaRatio: number, rho: number) => FigureRow,
): FigureRow[] {
  return sigmaRatios.flatMap((sigmaRatio) =>
    linspace(-0.9, 0.9, points).map((rho) => row(sigmaRatio, rho)),
  );
}

/** The colour channel of a toy sweep: one colour per σA/σB, in the curves' order. */
export function varianceRatioColor(sigmaRatios: readonly number[]) {
  return {
    field: "series",
    type: "nominal",
    title: "variance ratio",
    sort: sigmaRatios.map(sigmaRatioSeries),
  };
}
