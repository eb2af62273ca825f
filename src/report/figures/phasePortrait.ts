import { simulate } from "../../measurement/simulation.js";
import type { Statistics } from "../../statistics/statistics.js";
import { fromToy } from "../../statistics/toy.js";
import type { TwoLayerFusion } from "../../theory/fixedPoints.js";
import { fixedPointPredictions } from "../../theory/fixedPoints.js";
import type { ReducedSample } from "../../theory/reducedDynamics.js";
import { reducedTrajectory, reducedVelocity } from "../../theory/reducedDynamics.js";
import { axis, figureSpec, linspace, markerDescription, where } from "./chart.js";
import type { FigureRow } from "./figure.js";
import { defineFigure } from "./figure.js";
import { FIGURE_RTOL } from "./simulationJob.js";

/**
 * The authors' phase-portrait toy (vis_theo.ipynb): σA = 2, σB = 1, ρ = 0, w = (1, 1), so
 * Σ = diag(4, 1), Σ_yx = (4, 1), W_A^uni = W_B^uni = 1 and W^full = (1, 1). Not oriented:
 * A is already the faster modality.
 */
const TOY = { sigmaA: 2, sigmaB: 1, rho: 0 } as const;

/** The authors' grid: 13 × 13 points on [0, 1.2]². */
const GRID = linspace(0, 1.2, 13);
/** Arrows show the direction only, at this length in W units (the grid spacing is 0.1). */
const ARROW_LENGTH = 0.075;
/** A grid point where the field is this small relative to its largest value gets no arrow. */
const REST = 1e-12;

/**
 * Starting total maps on the diagonal: the authors' (0.01, 0.01) and a smaller one, whose
 * late-fusion path passes closer to the saddle M_A. Balanced init of scale u0 starts late
 * fusion at W_m = u0² and early fusion at W_m = √2·u0² (docs/theory.md §2.4).
 */
const STARTS = [1e-2, 1e-4] as const;
/** Plotted time: both fusions have converged to M* well before (late t_B ≈ 2.3 from 0.01). */
const T_END = 12;
/**
 * Spacing of the theory lines' vertices in W units (≈ 2.4 px): the chord of a turn of radius
 * r departs from the curve by spacing²/(8r), below half a pixel (0.002) for r ≥ 0.006.
 */
const LINE_SPACING = 0.01;
/** Samples per decade of the simulated trajectory. */
const SAMPLES_PER_DECADE = 40;

const FUSIONS: readonly { fusion: TwoLayerFusion; name: string; fusionLayer: number }[] = [
  { fusion: "early", name: "early fusion (Lf = 1)", fusionLayer: 1 },
  { fusion: "late", name: "late fusion (Lf = 2)", fusionLayer: 2 },
];

const POINT_STYLE: Record<string, { shape: string; color: string; filled: boolean }> = {
  M0: { shape: "circle", color: "#555555", filled: false },
  M_A: { shape: "cross", color: "#1f3fd6", filled: true },
  M_B: { shape: "cross", color: "#d620c8", filled: true },
  "M*": { shape: "circle", color: "#d62728", filled: true },
};

type PortraitJob = { readonly fusionLayer: number; readonly start: number };
type PortraitResult = {
  readonly t: readonly number[];
  readonly wA: readonly number[];
  readonly wB: readonly number[];
};

function toyStatistics(): Statistics {
  return fromToy(TOY);
}

/** u0 of balanced init whose W_A^tot(0) = W_B^tot(0) = `start` (docs/theory.md §2.4). */
function initScale(fusionLayer: number, start: number): number {
  return fusionLayer === 2 ? Math.sqrt(start) : Math.sqrt(start / Math.SQRT2);
}

function startLabel(start: number): string {
  return `(${start}, ${start})`;
}

export const phasePortraitFigure = defineFigure<PortraitJob, PortraitResult>({
  id: "phase-portrait",
  title: "Phase portraits of two-layer linear fusion: fixed points and trajectories",
  caption:
    "T13 on the authors' phase-portrait toy (σA = 2, σB = 1, ρ = 0, w = (1, 1)), two-layer linear networks, axes W_A^tot and W_B^tot. Arrows: the direction of the reduced balanced dynamics dW/dt = ‖W‖E + (E·W)W/‖W‖ per chain (E = Σ_yx − WΣ; one chain per modality for late fusion, one over both for early fusion) on the authors' 13 × 13 grid, normalised to one length, darker where the flow is faster (the CSV keeps dW_A/dt, dW_B/dt and the speed; the authors' notebook draws the same directions with speeds ×½ for late and ×‖W‖ for early fusion). Symbols: the fixed points of the theory — M0 (open grey circle), M_A = (1, 0) (blue cross), M_B = (0, 1) (magenta cross), M* = W^full = (1, 1) (red disc); early fusion has only M0 and M*, since E must vanish as a whole. Their Hessian indices at width 1 (CSV columns negativeEigenvalues, zeroEigenvalues, positiveEigenvalues, checked by T13): late M0 2, M_A and M_B 1 (descent along −‖e_B‖ = −1 and −‖e_A‖ = −4), M* 0; early M0 1, M* 0. Small dots: simulated gradient flow of the network (width 1, balanced init, from W^tot = (0.01, 0.01), the authors' start, and from (1e-4, 1e-4)); lines: the reduced dynamics integrated from the same starts. Late fusion runs along W_B ≈ 0 to the saddle M_A, rests there, and only then turns up to M*: the smaller the start, the closer it passes M_A and the longer it stays (the unimodal phase, T2, T3). Early fusion leaves M0 turning towards Σ_yx = (4, 1), the direction of its one unstable mode, and bends to M* in one sweep, never near (1, 0) (T1). The simulated dots lie on the reduced lines.",
  claims: ["T13", "T1", "T3"],
  jobs() {
    return FUSIONS.flatMap((f) => STARTS.map((start) => ({ fusionLayer: f.fusionLayer, start })));
  },
  runJob(job) {
    const run = simulate({
      stats: toyStatistics(),
      depth: 2,
      fusionLayer: job.fusionLayer,
      width: 1,
      init: { kind: "balanced", u0: initScale(job.fusionLayer, job.start) },
      method: { kind: "flow", rtol: FIGURE_RTOL },
      maxTime: T_END,
      untilConverged: true,
      samplesPerDecade: SAMPLES_PER_DECADE,
    });
    return {
      t: run.samples.map((s) => s.t),
      wA: run.samples.map((s) => s.totalMap[0]!),
      wB: run.samples.map((s) => s.totalMap[1]!),
    };
  },
  assemble(_options, results) {
    const stats = toyStatistics();
    const rows: FigureRow[] = [];
    FUSIONS.forEach((f, i) => {
      const panel = { fusion: f.name };
      rows.push(...fieldRows(stats, f.fusion, f.name));
      for (const p of fixedPointPredictions(stats, f.fusion, 1)) {
        if (!p.critical) continue;
        rows.push({
          ...panel,
          source: "fixed-point",
          series: p.name,
          t: null,
          x: p.totalMap[0]!,
          y: p.totalMap[1]!,
          negativeEigenvalues: p.inertia!.negative,
          zeroEigenvalues: p.inertia!.zero,
          positiveEigenvalues: p.inertia!.positive,
          loss: p.loss,
        });
      }
      STARTS.forEach((start, j) => {
        const run = results[i * STARTS.length + j]!;
        const series = `from ${startLabel(start)}`;
        run.t.forEach((t, k) => {
          rows.push({ ...panel, source: "simulation", series, t, x: run.wA[k]!, y: run.wB[k]! });
        });
        for (const s of thinned(reducedTrajectory(stats, f.fusion, [start, start], T_END))) {
          rows.push({ ...panel, source: "theory", series, t: s.t, x: s.w[0]!, y: s.w[1]! });
        }
      });
    });
    return { rows, spec: portraitSpec(this.title, rows) };
  },
});

/**
 * The solver's step ends closer than LINE_SPACING to the last kept one are dropped (the last
 * state always kept): the line's vertices, not its accuracy, set the rendering cost.
 */
function thinned(path: readonly ReducedSample[]): ReducedSample[] {
  const kept: ReducedSample[] = [path[0]!];
  for (const s of path.slice(1, -1)) {
    const last = kept[kept.length - 1]!;
    if (Math.hypot(s.w[0]! - last.w[0]!, s.w[1]! - last.w[1]!) >= LINE_SPACING) kept.push(s);
  }
  kept.push(path[path.length - 1]!);
  return kept;
}

/** One row per grid point: the reduced velocity, its speed and the drawn arrow (or none). */
function fieldRows(stats: Statistics, fusion: TwoLayerFusion, name: string): FigureRow[] {
  const cells = GRID.flatMap((y) =>
    GRID.map((x) => ({ x, y, v: reducedVelocity(stats, fusion, [x, y]) })),
  );
  const fastest = Math.max(...cells.map((c) => Math.hypot(c.v[0]!, c.v[1]!)));
  return cells.map(({ x, y, v }) => {
    const speed = Math.hypot(v[0]!, v[1]!);
    const drawn = speed > REST * fastest;
    return {
      fusion: name,
      source: "field",
      series: "dW/dt",
      t: null,
      x,
      y,
      dWA: v[0]!,
      dWB: v[1]!,
      speed,
      xTip: drawn ? x + (ARROW_LENGTH * v[0]!) / speed : null,
      yTip: drawn ? y + (ARROW_LENGTH * v[1]!) / speed : null,
      // Vega rotates a symbol clockwise from "up"; the axes have equal scales, so the data
      // direction (dW_A, dW_B) is the screen direction.
      angle: drawn ? (Math.atan2(v[0]!, v[1]!) * 180) / Math.PI : null,
    };
  });
}

function portraitSpec(title: string, rows: readonly FigureRow[]) {
  const domain = [-0.1, 1.3] as const;
  const x = axis("x", "W_A^tot", { domain });
  const y = axis("y", "W_B^tot", { domain });
  const tipX = { field: "xTip", type: "quantitative" };
  const tipY = { field: "yTip", type: "quantitative" };
  const shade = {
    field: "speed",
    type: "quantitative",
    title: "speed ‖dW/dt‖",
    scale: { type: "log", range: [0.25, 1] },
  };
  const names = Object.keys(POINT_STYLE);
  const trajectories = STARTS.map((s) => `from ${startLabel(s)}`);
  const trajectoryColors = ["#2ca02c", "#ff7f0e"];
  const color = {
    field: "series",
    type: "nominal",
    title: "fixed point / trajectory",
    scale: {
      domain: [...names, ...trajectories],
      range: [...names.map((n) => POINT_STYLE[n]!.color), ...trajectoryColors],
    },
  };
  const drawnArrow = { filter: "isValid(datum.xTip)" };
  return figureSpec(
    title,
    "toy σA = 2, σB = 1, ρ = 0 · arrows: reduced dynamics · symbols: fixed points · dots: simulation · lines: theory",
    rows,
    {
      facet: {
        column: { field: "fusion", type: "nominal", title: null, sort: FUSIONS.map((f) => f.name) },
      },
      spec: {
        width: 330,
        height: 330,
        layer: [
          {
            transform: [where("source", "field"), drawnArrow],
            mark: { type: "rule", color: "#333", strokeWidth: 1 },
            encoding: { x, y, x2: { field: "xTip" }, y2: { field: "yTip" }, opacity: shade },
          },
          {
            transform: [where("source", "field"), drawnArrow],
            mark: { type: "point", shape: "triangle", filled: true, color: "#333", size: 22 },
            encoding: {
              x: tipX,
              y: tipY,
              angle: { field: "angle", type: "quantitative", scale: null },
              opacity: shade,
            },
          },
          {
            transform: [where("source", "theory")],
            mark: { type: "line", strokeWidth: 2, opacity: 0.8 },
            encoding: {
              x,
              y,
              color,
              order: { field: "t", type: "quantitative" },
              detail: { field: "series" },
            },
          },
          {
            transform: [where("source", "simulation")],
            mark: {
              type: "point",
              filled: true,
              size: 14,
              opacity: 0.9,
              stroke: "black",
              strokeWidth: 0.3,
            },
            encoding: { x, y, color, ...markerDescription },
          },
          {
            transform: [where("source", "fixed-point")],
            mark: { type: "point", size: 160, strokeWidth: 2.5 },
            encoding: {
              x,
              y,
              color,
              shape: {
                field: "series",
                type: "nominal",
                scale: { domain: names, range: names.map((n) => POINT_STYLE[n]!.shape) },
                legend: null,
              },
              fill: {
                field: "series",
                type: "nominal",
                scale: {
                  domain: names,
                  range: names.map((n) =>
                    POINT_STYLE[n]!.filled ? POINT_STYLE[n]!.color : "transparent",
                  ),
                },
                legend: null,
              },
              ...markerDescription,
            },
          },
        ],
      },
    },
  );
}
