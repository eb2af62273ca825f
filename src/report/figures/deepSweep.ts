import { predictPhases } from "../../theory/predict.js";
import { axis, figureSpec, finiteOrNull, logDomain, theoryLinesAndMarkers } from "./chart.js";
import type { FigureDefinition, FigureRow } from "./figure.js";
import { defineFigure } from "./figure.js";
import type { NetworkJob, NetworkResult, StatisticsSource } from "./simulationJob.js";
import { runNetworkJob, statisticsOf } from "./simulationJob.js";

/**
 * The deep-fusion sweeps (T5, T6, T7): L = 4, one curve per fusion layer Lf = 1..4, the
 * predicted t_B/t_A (T1 for Lf = 1, T5 for 1 < Lf < L, T4 for Lf = L) as lines and the ratio
 * measured with balanced init (what T5 assumes; deterministic, so one marker per point) and
 * gradient flow as markers, against one parameter of the data or of the init.
 */

export const DEEP_DEPTH = 4;
export const FUSION_LAYERS = [1, 2, 3, 4] as const;

/** The toy data and init scale at one value of the swept parameter. */
export interface SweepPoint {
  readonly stats: StatisticsSource;
  readonly u0: number;
}

export interface DeepSweepSpec {
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  readonly caption: string;
  readonly claims: readonly string[];
  /** CSV column and axis title of the swept parameter. */
  readonly parameter: string;
  readonly axisTitle: string;
  readonly logX: boolean;
  /** Values of the theory curves and of the markers. */
  readonly curve: readonly number[];
  readonly markers: readonly number[];
  readonly at: (value: number) => SweepPoint;
}

export function fusionName(fusionLayer: number): string {
  if (fusionLayer === 1) return "Lf = 1 (early)";
  return fusionLayer === DEEP_DEPTH ? `Lf = ${fusionLayer} (late)` : `Lf = ${fusionLayer}`;
}

function sweepJobs(spec: DeepSweepSpec): NetworkJob[] {
  const jobs: NetworkJob[] = [];
  for (const fusionLayer of FUSION_LAYERS) {
    for (const value of spec.markers) {
      const point = spec.at(value);
      jobs.push({
        stats: point.stats,
        depth: DEEP_DEPTH,
        fusionLayer,
        width: 1,
        init: "balanced",
        u0: point.u0,
        seed: 0,
      });
    }
  }
  return jobs;
}

/** The predicted ratio, null outside the prediction's domain. */
function predictedRatio(point: SweepPoint, fusionLayer: number): number | null {
  const p = predictPhases(statisticsOf(point.stats), { depth: DEEP_DEPTH, fusionLayer }, point.u0);
  return p.outOfDomain === undefined ? finiteOrNull(p.ratio) : null;
}

export function deepSweepFigure(spec: DeepSweepSpec): FigureDefinition {
  return defineFigure<NetworkJob, NetworkResult>({
    id: spec.id,
    title: spec.title,
    caption: spec.caption,
    claims: spec.claims,
    jobs() {
      return sweepJobs(spec);
    },
    runJob: runNetworkJob,
    assemble(_options, results) {
      const rows: FigureRow[] = [];
      for (const fusionLayer of FUSION_LAYERS) {
        for (const value of spec.curve) {
          const predicted = predictedRatio(spec.at(value), fusionLayer);
          if (predicted === null) continue;
          rows.push({
            source: "theory",
            series: fusionName(fusionLayer),
            fusionLayer,
            [spec.parameter]: value,
            ratio: predicted,
            status: null,
          });
        }
      }
      let index = 0;
      for (const fusionLayer of FUSION_LAYERS) {
        for (const value of spec.markers) {
          const result = results[index++]!;
          rows.push({
            source: "simulation",
            series: fusionName(fusionLayer),
            fusionLayer,
            [spec.parameter]: value,
            ratio: result.ratio,
            status: result.status,
          });
        }
      }
      const x = axis(spec.parameter, spec.axisTitle, {
        log: spec.logX,
        domain: spec.logX
          ? logDomain([...spec.curve, ...spec.markers], 1.1)
          : padded([...spec.curve, ...spec.markers]),
      });
      const y = axis("ratio", "time ratio t_B / t_A (log scale)", {
        log: true,
        domain: logDomain(
          rows.map((r) => r.ratio as number | null),
          1.15,
        ),
      });
      const color = {
        field: "series",
        type: "nominal",
        title: `fusion layer (L = ${DEEP_DEPTH})`,
        sort: FUSION_LAYERS.map(fusionName),
      };
      const vl = figureSpec(spec.title, spec.subtitle, rows, {
        width: 480,
        height: 340,
        layer: theoryLinesAndMarkers("ratio", { x, y, color }, { size: 70, opacity: 0.9 }),
      });
      return { rows, spec: vl };
    },
  });
}

/** A linear-axis domain with 3 % of the range as margin on both sides. */
function padded(values: readonly number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const margin = 0.03 * (hi - lo);
  return [lo - margin, hi + margin];
}
