import { predictPhases } from "../../theory/predict.js";
import {
  axis,
  figureSpec,
  finite,
  finiteOrNull,
  jobSeed,
  logDomain,
  markerDescription,
  theoryLinesAndMarkers,
  where,
} from "./chart.js";
import type { FigureDefinition, FigureOptions, FigureRow, FigureSetting } from "./figure.js";
import { defineFigure, toyRho } from "./figure.js";
import type { NetworkJob, NetworkResult, StatisticsSource } from "./simulationJob.js";
import { runNetworkJob, statisticsOf } from "./simulationJob.js";

/**
 * The deep-fusion sweeps (T5, T6, T7): L = 4, one curve per fusion layer Lf = 1..4, the
 * predicted t_B/t_A (T1 for Lf = 1, T5 for 1 < Lf < L, T4 for Lf = L) as lines and the ratio
 * measured with balanced init (what T5 assumes; deterministic, so one marker per point) and
 * gradient flow as markers, against one parameter of the data or of the init. Beside each
 * balanced marker: the mean and the spread (min to max) of GAUSSIAN_DRAWS Gaussian-init runs
 * in the authors' deep convention (src/network/initialisation.ts), as their sweeps draw them
 * (sweep.py, `--repeat 5`, width 100; here width DEFAULT_GAUSSIAN_WIDTH unless
 * `--gaussian-width` says otherwise).
 */

export const DEEP_DEPTH = 4;
export const FUSION_LAYERS = [1, 2, 3, 4] as const;

/** Gaussian-init draws per point: the authors' `--repeat 5` (README, deep sweeps). */
export const GAUSSIAN_DRAWS = 5;
/**
 * Default width of the Gaussian draws: 4, not the authors' 100, for the report's time budget.
 * Measured (one thread, this VM, 2026-12-03; toy σA/σB = 2, ρ = 0): the Gaussian draws of the
 * three deep sweeps take ≈ 11 thread-seconds at width 4; deep-rho's alone 4.9 s at width 4,
 * 13.5 s at width 8, 24 s at width 10; one width-100 draw of Lf = 1..4 at u0 = 0.1 takes 27 s,
 * and a width-100 Lf = 4 run at u0 = 0.01 did not finish in 5 minutes. The spread across draws
 * shrinks with the width (README "Deep fusion"). `--gaussian-width 100` draws the authors' width.
 */
export const DEFAULT_GAUSSIAN_WIDTH = 4;

/** The toy data and init scale at one value of the swept parameter. */
export interface SweepPoint {
  readonly stats: StatisticsSource;
  readonly u0: number;
}

export interface DeepSweepSpec {
  readonly id: string;
  readonly title: string;
  /** The subtitle of the figure drawn at toy correlation ρ (ignored by a sweep over ρ). */
  readonly subtitle: (rho: number) => string;
  readonly caption: string;
  readonly claims: readonly string[];
  /** CSV column and axis title of the swept parameter. */
  readonly parameter: string;
  readonly axisTitle: string;
  readonly logX: boolean;
  /** Values of the theory curves and of the markers. */
  readonly curve: readonly number[];
  readonly markers: readonly number[];
  /** True when the figure fixes the toy ρ (`--rho` sets it); false for a sweep over ρ. */
  readonly fixedRho: boolean;
  /** The data and init at one value of the parameter, at toy ρ (fixedRho) or ignoring it. */
  readonly at: (value: number, rho: number) => SweepPoint;
}

export function fusionName(fusionLayer: number): string {
  if (fusionLayer === 1) return "Lf = 1 (early)";
  return fusionLayer === DEEP_DEPTH ? `Lf = ${fusionLayer} (late)` : `Lf = ${fusionLayer}`;
}

/** A job's place in the figure: its fusion layer, its parameter value, its Gaussian draw. */
interface SweepSlot {
  readonly fusionLayer: number;
  readonly value: number;
  /** null: the balanced-init run; 0 … GAUSSIAN_DRAWS − 1: a Gaussian draw. */
  readonly draw: number | null;
}

/** Job order: the balanced runs (fusion layer major), then the Gaussian draws (the same, draw minor). */
function sweepSlots(spec: DeepSweepSpec): SweepSlot[] {
  const slots: SweepSlot[] = [];
  for (const fusionLayer of FUSION_LAYERS)
    for (const value of spec.markers) slots.push({ fusionLayer, value, draw: null });
  for (const fusionLayer of FUSION_LAYERS)
    for (const value of spec.markers)
      for (let draw = 0; draw < GAUSSIAN_DRAWS; draw++) slots.push({ fusionLayer, value, draw });
  return slots;
}

function sweepJobs(spec: DeepSweepSpec, options: FigureOptions): NetworkJob[] {
  const rho = toyRho(options);
  return sweepSlots(spec).map((slot, index) => {
    const point = spec.at(slot.value, rho);
    const common = {
      stats: point.stats,
      depth: DEEP_DEPTH,
      fusionLayer: slot.fusionLayer,
      u0: point.u0,
    };
    return slot.draw === null
      ? { ...common, width: 1, init: "balanced", seed: 0 }
      : {
          ...common,
          width: options.gaussianWidth ?? DEFAULT_GAUSSIAN_WIDTH,
          init: "gaussian",
          seed: jobSeed(options.seed, index),
        };
  });
}

/** Mean, min and max of the reached ratios (null when no draw reached t_B). */
function spread(ratios: readonly (number | null)[]) {
  const reached = ratios.filter((r): r is number => r !== null);
  if (reached.length === 0) return { mean: null, low: null, high: null, reached: 0 };
  return {
    mean: reached.reduce((a, b) => a + b, 0) / reached.length,
    low: Math.min(...reached),
    high: Math.max(...reached),
    reached: reached.length,
  };
}

/** The predicted ratio, null outside the prediction's domain. */
function predictedRatio(point: SweepPoint, fusionLayer: number): number | null {
  const p = predictPhases(statisticsOf(point.stats), { depth: DEEP_DEPTH, fusionLayer }, point.u0);
  return p.outOfDomain === undefined ? finiteOrNull(p.ratio) : null;
}

export function deepSweepFigure(spec: DeepSweepSpec): FigureDefinition {
  const settings: FigureSetting[] = spec.fixedRho ? ["rho", "gaussianWidth"] : ["gaussianWidth"];
  return defineFigure<NetworkJob, NetworkResult>({
    id: spec.id,
    title: spec.title,
    caption: spec.caption,
    claims: spec.claims,
    settings,
    jobs(options) {
      return sweepJobs(spec, options);
    },
    runJob: runNetworkJob,
    assemble(options, results) {
      const rho = toyRho(options);
      const width = options.gaussianWidth ?? DEFAULT_GAUSSIAN_WIDTH;
      const rows: FigureRow[] = [];
      for (const fusionLayer of FUSION_LAYERS) {
        for (const value of spec.curve) {
          const predicted = predictedRatio(spec.at(value, rho), fusionLayer);
          if (predicted === null) continue;
          rows.push({
            source: "theory",
            series: fusionName(fusionLayer),
            fusionLayer,
            [spec.parameter]: value,
            init: null,
            ratio: predicted,
            status: null,
          });
        }
      }
      const slots = sweepSlots(spec);
      slots.forEach((slot, i) => {
        if (slot.draw !== null) return;
        const result = results[i]!;
        rows.push({
          source: "simulation",
          series: fusionName(slot.fusionLayer),
          fusionLayer: slot.fusionLayer,
          [spec.parameter]: slot.value,
          init: "balanced",
          ratio: result.ratio,
          status: result.status,
        });
      });
      // Gaussian draws: each run, then the mean and spread plotted for each point.
      for (const fusionLayer of FUSION_LAYERS) {
        for (const value of spec.markers) {
          const draws = slots.flatMap((slot, i) =>
            slot.draw !== null && slot.fusionLayer === fusionLayer && slot.value === value
              ? [{ draw: slot.draw, result: results[i]! }]
              : [],
          );
          for (const { draw, result } of draws)
            rows.push({
              source: "gaussian-draw",
              series: fusionName(fusionLayer),
              fusionLayer,
              [spec.parameter]: value,
              init: `gaussian, width ${width}`,
              draw,
              ratio: result.ratio,
              status: result.status,
            });
          const s = spread(draws.map((d) => d.result.ratio));
          rows.push({
            source: "gaussian",
            series: fusionName(fusionLayer),
            fusionLayer,
            [spec.parameter]: value,
            init: `gaussian, width ${width}`,
            ratio: s.mean,
            ratioLow: s.low,
            ratioHigh: s.high,
            reached: s.reached,
            status: `${s.reached}/${draws.length} reached`,
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
          rows
            .filter((r) => r.source !== "gaussian-draw")
            .flatMap(
              (r) => [r.ratio, r.ratioLow ?? null, r.ratioHigh ?? null] as (number | null)[],
            ),
          1.15,
        ),
      });
      const color = {
        field: "series",
        type: "nominal",
        title: `fusion layer (L = ${DEEP_DEPTH})`,
        sort: FUSION_LAYERS.map(fusionName),
      };
      const gaussian = [where("source", "gaussian"), finite("ratio")];
      const subtitle = `${spec.subtitle(rho)} (Gaussian width ${width})`;
      const vl = figureSpec(spec.title, subtitle, rows, {
        width: 480,
        height: 340,
        layer: [
          ...theoryLinesAndMarkers("ratio", { x, y, color }, { size: 70, opacity: 0.9 }),
          {
            transform: gaussian,
            mark: { type: "rule", strokeWidth: 1.5 },
            encoding: { x, y: { ...y, field: "ratioLow" }, y2: { field: "ratioHigh" }, color },
          },
          {
            transform: gaussian,
            mark: { type: "point", shape: "square", filled: false, size: 70, strokeWidth: 1.8 },
            encoding: { x, y, color, ...markerDescription },
          },
        ],
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
