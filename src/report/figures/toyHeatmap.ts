/**
 * The grid of the toy-family heat maps (ratio-heatmap, misattribution-heatmap): the authors'
 * axes (`vis_theo.ipynb`: ρ ∈ [−0.92, 0.92] across, σA/σB ∈ [1, 3] up), closed-form cells,
 * and simulated two-layer late-fusion runs at a coarse grid of points drawn over them.
 */
import { axis, figureSpec, finite, jobSeed, linspace, markerDescription, where } from "./chart.js";
import type { FigureOptions, FigureRow } from "./figure.js";
import type { NetworkJob } from "./simulationJob.js";
import { toySource } from "./simulationJob.js";
import type { ToyMarker } from "./toySweep.js";
import { toyMarkers } from "./toySweep.js";

/** Cell centres in ρ: step 0.04 from −0.92 to 0.92 (the authors' range). */
export const HEATMAP_RHOS = linspace(-0.92, 0.92, 47);
/** Cell centres in σA/σB: step 0.05 from the tie 1 to 3 (the authors' range). */
export const HEATMAP_SIGMA_RATIOS = linspace(1, 3, 41);
const RHO_HALF_STEP = 0.02;
const SIGMA_RATIO_HALF_STEP = 0.025;

/** One closed-form cell: its centre and its edges. */
export interface HeatmapCell {
  readonly rho: number;
  readonly sigmaRatio: number;
  readonly rhoLow: number;
  readonly rhoHigh: number;
  readonly sigmaRatioLow: number;
  readonly sigmaRatioHigh: number;
}

/** The cells, σA/σB outermost (rows of the map, bottom to top), then ρ. */
export function heatmapCells(): HeatmapCell[] {
  return HEATMAP_SIGMA_RATIOS.flatMap((sigmaRatio) =>
    HEATMAP_RHOS.map((rho) => ({
      rho,
      sigmaRatio,
      rhoLow: rho - RHO_HALF_STEP,
      rhoHigh: rho + RHO_HALF_STEP,
      sigmaRatioLow: sigmaRatio - SIGMA_RATIO_HALF_STEP,
      sigmaRatioHigh: sigmaRatio + SIGMA_RATIO_HALF_STEP,
    })),
  );
}

/**
 * Simulated points: a coarse 4 × 5 grid (20 runs per draw, ≈ 0.6 s of the report), off the tie
 * σA = σB, where late fusion has no unimodal phase and no plateau to measure.
 */
export const MARKER_SIGMA_RATIOS = [1.5, 2, 2.5, 3] as const;
export const MARKER_RHOS = [-0.8, -0.4, 0, 0.4, 0.8] as const;

/**
 * The toy-ratio and misattribution figures' runs: two-layer late fusion, Gaussian init (balanced
 * init cannot learn B when ρ < −σB/σA), width 8, u0 = 1e-6, gradient flow.
 */
export const HEATMAP_NETWORK = {
  depth: 2,
  fusionLayer: 2,
  width: 8,
  init: "gaussian",
  u0: 1e-6,
} as const;

/** The simulated points in job order: σA/σB outermost, then ρ, then the init draw. */
export function heatmapMarkers(options: FigureOptions): ToyMarker[] {
  return toyMarkers(MARKER_SIGMA_RATIOS, MARKER_RHOS, options);
}

export function heatmapJobs(options: FigureOptions): NetworkJob[] {
  return heatmapMarkers(options).map((m, index) => ({
    stats: toySource(m.sigmaRatio, m.rho),
    ...HEATMAP_NETWORK,
    seed: jobSeed(options.seed, index),
  }));
}

/** How a heat map colours its value and labels its simulated points. */
export interface HeatmapLook {
  /** CSV column of the plotted value (theory in cells, simulation at markers). */
  readonly field: string;
  readonly legendTitle: string;
  /** Vega scale of the colour (type, scheme, domain). */
  readonly scale: Readonly<Record<string, unknown>>;
  /** d3 format of the markers' value labels. */
  readonly labelFormat: string;
  /** Vega expression: where the label is written white (on dark cells). */
  readonly darkTest: string;
}

/**
 * The specification: cells (rect, each labelled with its CSV row like a marker), simulated
 * points as outlined symbols in the same colour scale (a point that matches the closed form
 * vanishes into its cell but for the outline), and the measured value written below each point (inside the plot even on the top row).
 */
export function heatmapSpec(
  title: string,
  subtitle: string,
  rows: readonly FigureRow[],
  look: HeatmapLook,
): Record<string, unknown> {
  const xTitle = "correlation ρ between x_A and x_B";
  const yTitle = "standard-deviation ratio σA/σB";
  const xDomain = [HEATMAP_RHOS[0]! - RHO_HALF_STEP, HEATMAP_RHOS.at(-1)! + RHO_HALF_STEP];
  const yDomain = [
    HEATMAP_SIGMA_RATIOS[0]! - SIGMA_RATIO_HALF_STEP,
    HEATMAP_SIGMA_RATIOS.at(-1)! + SIGMA_RATIO_HALF_STEP,
  ];
  const color = {
    field: look.field,
    type: "quantitative",
    title: look.legendTitle,
    scale: look.scale,
    legend: { gradientLength: 280 },
  };
  // No grid: its lines would cross the cells.
  const noGrid = (channel: Record<string, unknown>) => ({ ...channel, axis: { grid: false } });
  const x = noGrid(axis("rho", xTitle, { domain: xDomain }));
  const y = noGrid(axis("sigmaRatio", yTitle, { domain: yDomain }));
  const simulated = [where("source", "simulation"), finite(look.field)];
  return figureSpec(title, subtitle, rows, {
    width: 470,
    height: 340,
    // The cells' stroke shares the colour scale but has no legend of its own.
    resolve: { legend: { stroke: "independent" } },
    layer: [
      {
        transform: [where("source", "theory")],
        mark: { type: "rect", strokeWidth: 0.6 },
        encoding: {
          x: noGrid(axis("rhoLow", xTitle, { domain: xDomain })),
          x2: { field: "rhoHigh" },
          y: noGrid(axis("sigmaRatioLow", yTitle, { domain: yDomain })),
          y2: { field: "sigmaRatioHigh" },
          color,
          // Stroked in its own colour: no hairline seams between adjacent cells when rasterised.
          stroke: { ...color, legend: null },
          ...markerDescription,
        },
      },
      {
        transform: simulated,
        mark: { type: "point", filled: true, size: 90, stroke: "black", strokeWidth: 1.2 },
        encoding: { x, y, color, ...markerDescription },
      },
      {
        transform: simulated,
        mark: { type: "text", dy: 15, fontSize: 10, fontWeight: "bold" },
        encoding: {
          x,
          y,
          text: { field: look.field, type: "quantitative", format: look.labelFormat },
          color: { condition: { test: look.darkTest, value: "white" }, value: "black" },
        },
      },
    ],
  });
}
