import { phaseTimes } from "../../measurement/phaseTimes.js";
import { simulate } from "../../measurement/simulation.js";
import { derive, lossOf } from "../../statistics/derived.js";
import { predictPhases } from "../../theory/predict.js";
import {
  axis,
  figureSpec,
  finiteOrNull,
  levelsTimesAndTrajectory,
  markerDescription,
  where,
} from "./chart.js";
import type { FigureRow } from "./figure.js";
import { AUTHORS_RHO, defineFigure, toyRho } from "./figure.js";
import type { StatisticsSource } from "./simulationJob.js";
import { FIGURE_RTOL, statisticsOf } from "./simulationJob.js";

/**
 * The authors' minimal example (README: `main.py --mode early_fusion|late_fusion`, config.py
 * defaults): toy σA = 2, σB = 1, w = (1, 1) at ρ = 0 (T2 ratio 4); `--rho 0.5` draws the
 * ρ = 0.5 version (T2 ratio 5, misattribution 0.25) this figure showed before.
 */
function toy(rho: number): StatisticsSource {
  return { family: "toy", sigmaA: 2, sigmaB: 1, rho };
}
/** Balanced init at u0 = 1e-4: t_A ≈ ln(1/u0)/s_A ≈ 2.3 τ at ρ = 0 (1.8 at ρ = 0.5), B 4-5× later. */
const U0 = 1e-4;
/** Trajectory samples per decade of time: ≥ 10 per unit τ on the plotted range (t ≤ 14). */
const SAMPLES_PER_DECADE = 100;
/** Plotted time range: up to this multiple of late fusion's predicted t_B (end of learning). */
const TIME_SPAN = 1.5;

const FUSIONS = [
  { name: "early fusion (Lf = 1)", fusionLayer: 1 },
  { name: "late fusion (Lf = 2)", fusionLayer: 2 },
] as const;

type TrajectoryJob = { readonly fusionLayer: number; readonly rho: number };
type TrajectoryResult = {
  readonly t: readonly number[];
  readonly loss: readonly number[];
  readonly wA: readonly number[];
  readonly wB: readonly number[];
  readonly tA: number | null;
  readonly tB: number | null;
  /** ℒ at t_A and t_B: the loss of the total map at the crossing (linear networks). */
  readonly lossAtA: number | null;
  readonly lossAtB: number | null;
};

/**
 * Legend order and colours: each modality and its crossing share a hue (A red, B blue); the
 * plateau values (T3) purple, the end values (W^full, ℒ*) grey.
 */
const SERIES: readonly (readonly [string, string])[] = [
  ["loss ℒ", "#54a24b"],
  ["W_A^tot", "#e45756"],
  ["W_B^tot", "#4c78a8"],
  ["t_A", "#9d1f1f"],
  ["t_B", "#1d3f6e"],
  ["ℒ(M_A) (plateau)", "#b279a2"],
  ["W_A^uni (plateau)", "#b279a2"],
  ["ℒ* (end)", "#666666"],
  ["W^full (end)", "#666666"],
];

const PANEL_LOSS = "loss ℒ";
const PANEL_WEIGHTS = "total weights W^tot";

function endTime(rho: number): number {
  return TIME_SPAN * predictPhases(statisticsOf(toy(rho)), { depth: 2, fusionLayer: 2 }, U0).tB;
}

export const trajectoriesFigure = defineFigure<TrajectoryJob, TrajectoryResult>({
  id: "trajectories",
  title: "Training trajectories: early against late fusion",
  caption: `T1, T2, T3 on the authors' minimal example (their main.py defaults: toy σA = 2, σB = 1, w = (1, 1), ρ = ${AUTHORS_RHO}; \`ubias figure trajectories --rho 0.5\` draws the ρ = 0.5 version this figure showed before, and the subtitle names the ρ drawn), two-layer linear networks, balanced init u0 = ${U0}, gradient flow. Early fusion (Lf = 1) learns both modalities in one transition: t_A ≈ t_B (T1). Late fusion (Lf = 2) first learns A alone and rests on a plateau where W_A^tot = W_A^uni = 1 + ρσB/σA, W_B^tot ≈ 0 and ℒ = ℒ(M_A) (T3), until t_B ≈ (1 + 3/(1 − ρ²))·t_A, 4·t_A at ρ = 0 (T2); it then converges to W^full = (1, 1) with ℒ* = 0. At ρ = 0 the modalities are independent, W_A^uni = W_A^full = 1 and there is no misattribution (the plateau and end levels of W_A coincide); at ρ = 0.5, W_A^uni = 1.25. Markers: simulated trajectory and the measured crossings t_A, t_B (where ‖W_m^tot‖ reaches half its target, §3); dashed lines: plateau and end values of the theory; dotted vertical lines: predicted t_A and t_B, in the colour of the measured crossing (T9 and T2; T1 for early fusion).`,
  settings: ["rho"],
  claims: ["T1", "T2", "T3"],
  jobs(options) {
    return FUSIONS.map((f) => ({ fusionLayer: f.fusionLayer, rho: toyRho(options) }));
  },
  runJob(job) {
    const stats = statisticsOf(toy(job.rho));
    const run = simulate({
      stats,
      depth: 2,
      fusionLayer: job.fusionLayer,
      width: 1,
      init: { kind: "balanced", u0: U0 },
      method: { kind: "flow", rtol: FIGURE_RTOL },
      maxTime: endTime(job.rho),
      untilConverged: true,
      samplesPerDecade: SAMPLES_PER_DECADE,
    });
    const times = phaseTimes(run);
    const result: TrajectoryResult = {
      t: run.samples.map((s) => s.t),
      loss: run.samples.map((s) => s.loss),
      wA: run.samples.map((s) => s.totalMap[0]!),
      wB: run.samples.map((s) => s.totalMap[1]!),
      tA: finiteOrNull(times.tA),
      tB: finiteOrNull(times.tB),
      lossAtA: run.crossings.A ? lossOf(stats, run.crossings.A.totalMap) : null,
      lossAtB: run.crossings.B ? lossOf(stats, run.crossings.B.totalMap) : null,
    };
    return result;
  },
  assemble(options, results) {
    const rho = toyRho(options);
    const stats = statisticsOf(toy(rho));
    const q = derive(stats);
    const rows: FigureRow[] = [];
    const add = (row: Omit<FigureRow, never>) => rows.push(row);
    FUSIONS.forEach((fusion, i) => {
      const r = results[i]!;
      const base = { fusion: fusion.name };
      r.t.forEach((t, k) => {
        add({
          ...base,
          panel: PANEL_LOSS,
          source: "simulation",
          series: "loss ℒ",
          t,
          value: r.loss[k]!,
        });
        add({
          ...base,
          panel: PANEL_WEIGHTS,
          source: "simulation",
          series: "W_A^tot",
          t,
          value: r.wA[k]!,
        });
        add({
          ...base,
          panel: PANEL_WEIGHTS,
          source: "simulation",
          series: "W_B^tot",
          t,
          value: r.wB[k]!,
        });
      });
      // Measured crossings: on the weight curves at half the targets (docs/theory.md §3), and on
      // the loss curve.
      if (r.tA !== null && r.lossAtA !== null) {
        add({
          ...base,
          panel: PANEL_LOSS,
          source: "crossing",
          series: "t_A",
          t: r.tA,
          value: r.lossAtA,
        });
        add({
          ...base,
          panel: PANEL_WEIGHTS,
          source: "crossing",
          series: "t_A",
          t: r.tA,
          value: 0.5 * q.wUniA[0]!,
        });
      }
      if (r.tB !== null && r.lossAtB !== null) {
        add({
          ...base,
          panel: PANEL_LOSS,
          source: "crossing",
          series: "t_B",
          t: r.tB,
          value: r.lossAtB,
        });
        add({
          ...base,
          panel: PANEL_WEIGHTS,
          source: "crossing",
          series: "t_B",
          t: r.tB,
          value: 0.5 * q.wFull[1]!,
        });
      }
      const predicted = predictPhases(stats, { depth: 2, fusionLayer: fusion.fusionLayer }, U0);
      for (const panel of [PANEL_LOSS, PANEL_WEIGHTS]) {
        add({ ...base, panel, source: "theory-time", series: "t_A", t: predicted.tA, value: null });
        add({ ...base, panel, source: "theory-time", series: "t_B", t: predicted.tB, value: null });
      }
      const levels: [string, string, number][] = [
        [PANEL_LOSS, "ℒ* (end)", q.lossFull],
        [PANEL_WEIGHTS, "W^full (end)", q.wFull[0]!],
      ];
      if (fusion.fusionLayer === 2) {
        levels.push([PANEL_LOSS, "ℒ(M_A) (plateau)", q.lossUniA]);
        levels.push([PANEL_WEIGHTS, "W_A^uni (plateau)", q.wUniA[0]!]);
      }
      for (const [panel, series, value] of levels)
        add({ ...base, panel, source: "theory-level", series, t: null, value });
    });
    const x = axis("t", "time t (units of τ)", { domain: [0, endTime(rho)] });
    const y = axis("value", "");
    const color = {
      field: "series",
      type: "nominal",
      title: "quantity",
      scale: { domain: SERIES.map(([name]) => name), range: SERIES.map(([, c]) => c) },
    };
    const spec = figureSpec(
      this.title,
      `toy σA = 2, σB = 1, ρ = ${rho}${rho === AUTHORS_RHO ? " (the authors')" : ""} · two layers, balanced init u0 = ${U0} · markers: simulation · lines: theory`,
      rows,
      {
        facet: {
          row: { field: "panel", type: "nominal", title: null, sort: [PANEL_LOSS, PANEL_WEIGHTS] },
          column: {
            field: "fusion",
            type: "nominal",
            title: null,
            sort: FUSIONS.map((f) => f.name),
          },
        },
        resolve: { scale: { y: "independent" } },
        spec: {
          width: 380,
          height: 220,
          layer: [
            ...levelsTimesAndTrajectory({ x, y, color }, 10),
            {
              transform: [where("source", "crossing")],
              mark: {
                type: "point",
                shape: "diamond",
                filled: true,
                size: 120,
                stroke: "black",
                strokeWidth: 0.8,
              },
              encoding: { x, y, color, ...markerDescription },
            },
          ],
        },
      },
    );
    return { rows, spec };
  },
});
