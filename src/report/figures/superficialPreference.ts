import { phaseTimes } from "../../measurement/phaseTimes.js";
import { simulate } from "../../measurement/simulation.js";
import { derive } from "../../statistics/derived.js";
import type { Statistics } from "../../statistics/statistics.js";
import { fromToy } from "../../statistics/toy.js";
import { axis, figureSpec, finiteOrNull, linspace, markerDescription, where } from "./chart.js";
import type { FigureRow } from "./figure.js";
import { defineFigure } from "./figure.js";
import { FIGURE_RTOL } from "./simulationJob.js";

/**
 * T8's superficial preference for independent modalities (ρ = 0, σB = 1, teacher (w_A, w_B)):
 * late fusion learns A first when s_A = w_Aσ_A² > s_B = w_Bσ_B², i.e. w_A/w_B > σB²/σA²
 * ("prioritisation"), while A's share of the target is the larger only when w_Aσ_A > w_Bσ_B,
 * i.e. w_A/w_B > σB/σA ("contribution"); between the two curves the modality learned first is
 * the one that matters less. The authors' axes (vis_theo.ipynb): σA/σB and w_A/w_B on [0, 3].
 */

/** The authors' axes, both [0, 3]. */
const AXIS_MAX = 3;
/** Points of each boundary curve; from 0.25, where both curves are above the plot (4 and 16). */
const CURVE = linspace(0.25, AXIS_MAX, 111);
/** Simulated grid: σA/σB = 0.25, 0.5, …, 3 and w_A/w_B = 0.125, 0.375, …, 2.875 (off the tie 1, 1). */
const GRID_SIGMA_RATIOS = linspace(0.25, 3, 12);
const GRID_WEIGHT_RATIOS = linspace(0.125, 2.875, 12);
/**
 * The loss-curve example, inside the region: s_A = 0.3·2.5² = 1.875 > s_B = 1, so A goes first,
 * but w_Aσ_A = 0.75 < w_Bσ_B = 1: learning A lowers the loss by 0.28, learning B by 0.5.
 */
const EXAMPLE = { sigmaRatio: 2.5, weightRatio: 0.3 } as const;
/**
 * Two-layer late fusion, width 1, balanced init u0 = 1e-6, gradient flow: at ρ = 0 each branch
 * is its own logistic from W_m(0) = u0², crossing ½w_m at t_m = ln(w_m/u0² − 1)/(2s_m); the
 * order of the crossings is the leading-order one (s_A against s_B) but where ln w_m, against
 * ln(1/u0²) = 27.6, tips it (one grid point here, just below the prioritisation curve).
 */
const NETWORK = { depth: 2, fusionLayer: 2, width: 1, u0: 1e-6 } as const;
const U0_TEXT = "1e-6";
/** Loss samples per decade of time (log-spaced by the trainer; ≥ 15 per τ on t ≤ 20). */
const SAMPLES_PER_DECADE = 300;

const PANEL_MAP = "where A is learned first";
const PANEL_LOSS = "loss-curve example";

/** Legend entries, in order, and their colours. */
const SERIES: readonly (readonly [string, string])[] = [
  ["prioritisation σB²/σA² (A first above)", "#333333"],
  ["contribution σB/σA (A the larger share above)", "#888888"],
  ["superficial: first but smaller share", "#e45756"],
  ["A learned first (simulation)", "#b2182b"],
  ["B learned first (simulation)", "#2166ac"],
  ["the loss-curve example", "#ff9d00"],
  ["loss ℒ (simulation)", "#54a24b"],
  ["ℒ(0) (start)", "#999999"],
  ["ℒ(M_A): A learned, B not", "#b2182b"],
  ["ℒ(M_B): what B alone would give", "#2166ac"],
];
const [PRIORITISATION, CONTRIBUTION, REGION, A_FIRST, B_FIRST, EXAMPLE_SERIES, LOSS] = SERIES.map(
  ([name]) => name,
) as [string, string, string, string, string, string, string];

type PreferenceJob =
  | { readonly kind: "grid"; readonly sigmaRatio: number; readonly weightRatio: number }
  | { readonly kind: "example" };
type PreferenceResult =
  | {
      readonly kind: "grid";
      readonly tA: number | null;
      readonly tB: number | null;
      readonly first: string | null;
      readonly status: string;
    }
  | { readonly kind: "example"; readonly t: readonly number[]; readonly loss: readonly number[] };

/** Independent toy statistics, not reoriented: x_A stays the first block whichever is faster. */
function independentToy(sigmaRatio: number, weightRatio: number): Statistics {
  return fromToy({ sigmaA: sigmaRatio, sigmaB: 1, rho: 0, wA: weightRatio, wB: 1 });
}

function train(stats: Statistics, samplesPerDecade?: number) {
  return simulate({
    stats,
    depth: NETWORK.depth,
    fusionLayer: NETWORK.fusionLayer,
    width: NETWORK.width,
    init: { kind: "balanced", u0: NETWORK.u0 },
    method: { kind: "flow", rtol: FIGURE_RTOL },
    untilConverged: true,
    ...(samplesPerDecade !== undefined ? { samplesPerDecade } : {}),
  });
}

function gridJobs(): PreferenceJob[] {
  return GRID_SIGMA_RATIOS.flatMap((sigmaRatio) =>
    GRID_WEIGHT_RATIOS.map((weightRatio) => ({ kind: "grid", sigmaRatio, weightRatio }) as const),
  );
}

export const superficialPreferenceFigure = defineFigure<PreferenceJob, PreferenceResult>({
  id: "superficial-preference",
  title: "Superficial modality preference (independent modalities)",
  caption: `T8 for independent modalities (toy family, ρ = 0, σB = 1, teacher y = w_A x_A + w_B x_B; the authors' axes σA/σB and w_A/w_B on [0, 3], vis_theo.ipynb). Late fusion learns A first when s_A = w_Aσ_A² > s_B = w_Bσ_B², i.e. above the solid curve w_A/w_B = σB²/σA² (prioritisation); A carries the larger part of the target only above the dashed curve w_A/w_B = σB/σA (contribution). In the red region between them the modality learned first is the one that matters less: for σA > σB (right) a high-variance A with a small weight is learned first; for σA < σB (left) B is learned first although A contributes more. Dots: the modality whose threshold (§3) a two-layer late-fusion linear network (width 1, balanced init u0 = ${U0_TEXT}, gradient flow) crosses first, on a 12 × 12 grid: A-first (red) above the solid curve and B-first (blue) below it, whatever the dashed curve says, but for one dot: σA/σB = 2.75, w_A/w_B = 0.125, just below the curve (0.132), is A-first, because at finite u0 a smaller target is reached sooner — these decoupled branches cross at t_m = ln(w_m/u0² − 1)/(2s_m) exactly (13.51 for A against 13.82 for B there; the leading-order boundary s_A = s_B ignores the ln w_m). Right: the loss of the network at the orange star (σA/σB = ${EXAMPLE.sigmaRatio}, w_A/w_B = ${EXAMPLE.weightRatio}, in the region): it first drops only from ℒ(0) to ℒ(M_A) (learning A removes ½w_A²σ_A² = 0.28) and rests there, above ℒ(M_B) — the loss B alone would reach (learning B removes ½w_B²σ_B² = 0.5) — before B is learned and the loss reaches ℒ* = 0.`,
  claims: ["T8"],
  jobs() {
    return [...gridJobs(), { kind: "example" }];
  },
  runJob(job) {
    if (job.kind === "example") {
      const run = train(
        independentToy(EXAMPLE.sigmaRatio, EXAMPLE.weightRatio),
        SAMPLES_PER_DECADE,
      );
      const result: PreferenceResult = {
        kind: "example",
        t: run.samples.map((s) => s.t),
        loss: run.samples.map((s) => s.loss),
      };
      return result;
    }
    const run = train(independentToy(job.sigmaRatio, job.weightRatio));
    const times = phaseTimes(run);
    const result: PreferenceResult = {
      kind: "grid",
      tA: finiteOrNull(times.tA),
      tB: finiteOrNull(times.tB),
      first: times.firstModality ?? null,
      status: run.status,
    };
    return result;
  },
  assemble(_options, results) {
    const rows: FigureRow[] = [];
    for (const sigmaRatio of CURVE) {
      const prioritisation = 1 / (sigmaRatio * sigmaRatio);
      const contribution = 1 / sigmaRatio;
      rows.push(
        {
          panel: PANEL_MAP,
          source: "theory",
          series: PRIORITISATION,
          sigmaRatio,
          weightRatio: prioritisation,
        },
        {
          panel: PANEL_MAP,
          source: "theory",
          series: CONTRIBUTION,
          sigmaRatio,
          weightRatio: contribution,
        },
        {
          panel: PANEL_MAP,
          source: "region",
          series: REGION,
          sigmaRatio,
          weightRatioLow: Math.min(prioritisation, contribution),
          weightRatioHigh: Math.max(prioritisation, contribution),
        },
      );
    }
    gridJobs().forEach((job, i) => {
      const result = results[i]!;
      if (job.kind !== "grid" || result.kind !== "grid") return;
      rows.push({
        panel: PANEL_MAP,
        source: "simulation",
        series: result.first === "A" ? A_FIRST : result.first === "B" ? B_FIRST : "neither",
        sigmaRatio: job.sigmaRatio,
        weightRatio: job.weightRatio,
        first: result.first,
        tA: result.tA,
        tB: result.tB,
        status: result.status,
      });
    });
    rows.push({
      panel: PANEL_MAP,
      source: "example",
      series: EXAMPLE_SERIES,
      sigmaRatio: EXAMPLE.sigmaRatio,
      weightRatio: EXAMPLE.weightRatio,
    });
    const example = results.at(-1)!;
    if (example.kind === "example") {
      example.t.forEach((t, k) => {
        rows.push({ panel: PANEL_LOSS, source: "loss", series: LOSS, t, loss: example.loss[k]! });
      });
    }
    const q = derive(independentToy(EXAMPLE.sigmaRatio, EXAMPLE.weightRatio));
    const levels: [string, number][] = [
      [SERIES[7]![0], q.lossZero],
      [SERIES[8]![0], q.lossUniA],
      [SERIES[9]![0], q.lossUniB],
    ];
    for (const [series, loss] of levels)
      rows.push({ panel: PANEL_LOSS, source: "theory-level", series, loss });

    const color = {
      field: "series",
      type: "nominal",
      title: null,
      scale: { domain: SERIES.map(([name]) => name), range: SERIES.map(([, c]) => c) },
      legend: { orient: "bottom", columns: 2, labelLimit: 480, symbolOpacity: 1 },
    };
    const sx = axis("sigmaRatio", "standard-deviation ratio σA/σB", { domain: [0, AXIS_MAX] });
    const wy = axis("weightRatio", "teacher weight ratio w_A/w_B", { domain: [0, AXIS_MAX] });
    const tMax = Math.max(...rows.map((r) => (typeof r.t === "number" ? r.t : 0)));
    const tx = axis("t", "time t (units of τ)", { domain: [0, tMax] });
    const ly = axis("loss", "loss ℒ", { domain: [0, 1.06 * q.lossZero] });
    const spec = figureSpec(
      this.title,
      `toy ρ = 0, σB = 1 · two-layer late fusion, balanced init u0 = ${U0_TEXT} · dots: simulation · lines: theory`,
      rows,
      {
        hconcat: [
          {
            title: PANEL_MAP,
            width: 360,
            height: 340,
            transform: [where("panel", PANEL_MAP)],
            layer: [
              {
                transform: [where("source", "region")],
                mark: { type: "area", opacity: 0.3, clip: true },
                encoding: {
                  x: sx,
                  y: axis("weightRatioLow", "teacher weight ratio w_A/w_B", {
                    domain: [0, AXIS_MAX],
                  }),
                  y2: { field: "weightRatioHigh" },
                  color,
                },
              },
              {
                transform: [where("source", "theory")],
                mark: { type: "line", strokeWidth: 2, clip: true },
                encoding: {
                  x: sx,
                  y: wy,
                  color,
                  detail: { field: "series" },
                  strokeDash: {
                    field: "series",
                    type: "nominal",
                    scale: {
                      domain: [PRIORITISATION, CONTRIBUTION],
                      range: [
                        [1, 0],
                        [6, 4],
                      ],
                    },
                    legend: null,
                  },
                },
              },
              {
                transform: [where("source", "simulation")],
                mark: { type: "point", filled: true, size: 40, opacity: 0.85 },
                encoding: { x: sx, y: wy, color, ...markerDescription },
              },
              {
                transform: [where("source", "example")],
                mark: {
                  type: "point",
                  shape: "diamond",
                  filled: true,
                  size: 220,
                  stroke: "black",
                  strokeWidth: 1,
                },
                encoding: { x: sx, y: wy, color, ...markerDescription },
              },
            ],
          },
          {
            title: PANEL_LOSS,
            width: 300,
            height: 340,
            transform: [where("panel", PANEL_LOSS)],
            layer: [
              {
                transform: [where("source", "theory-level")],
                mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 1.5 },
                encoding: { y: ly, color },
              },
              {
                transform: [where("source", "loss")],
                mark: { type: "line", strokeWidth: 2.5 },
                encoding: { x: tx, y: ly, color },
              },
            ],
          },
        ],
        resolve: { scale: { x: "independent", y: "independent" } },
      },
    );
    return { rows, spec };
  },
});
