import { simulate } from "../../measurement/simulation.js";
import { derive } from "../../statistics/derived.js";
import { predictPhases } from "../../theory/predict.js";
import { axis, figureSpec, levelsTimesAndTrajectory } from "./chart.js";
import { DEEP_DEPTH, FUSION_LAYERS, fusionName } from "./deepSweep.js";
import type { FigureRow } from "./figure.js";
import { AUTHORS_RHO, defineFigure, toyRho } from "./figure.js";
import type { StatisticsSource } from "./simulationJob.js";
import { FIGURE_RTOL, statisticsOf } from "./simulationJob.js";

/**
 * The authors' depth_single sweep (README: `--mode deep_fusion --init 0.1 --sweep depth_single`):
 * toy σA = 2, σB = 1, w = (1, 1) at their default ρ = 0; `--rho` sets another ρ.
 */
function toy(rho: number): StatisticsSource {
  return { family: "toy", sigmaA: 2, sigmaB: 1, rho };
}
const U0 = 0.1;
/** Loss samples per decade of time (log-spaced, as the time axis). */
const SAMPLES_PER_DECADE = 100;
/**
 * First plotted time: before it every network is still at ℒ(0) (t_A ≥ 4.6 τ at ρ = 0.5 and
 * later at ρ = 0), so the axis starts where something happens.
 */
const T_MIN = 1;

type LossJob = { readonly fusionLayer: number; readonly rho: number };
type LossResult = { readonly t: readonly number[]; readonly loss: readonly number[] };

export const depthLossesFigure = defineFigure<LossJob, LossResult>({
  id: "depth-losses",
  title: "Loss curves of four-layer networks for each fusion layer",
  caption: `T3, T5, T6: the same data — the authors' depth sweep, toy σA = 2, σB = 1, w = (1, 1) at ρ = ${AUTHORS_RHO} (their default; \`ubias figure depth-losses --rho 0.5\` draws the ρ = 0.5 version this figure showed before, and the subtitle names the ρ drawn) — learned by four-layer linear networks fused at Lf = 1..4, balanced init u0 = ${U0}, gradient flow; time on a log axis. Early fusion drops from ℒ(0) to ℒ* in one step (T1); the deeper the fusion, the longer the loss rests on the unimodal plateau ℒ(M_A) = ½σB²w_B²(1 − ρ²) (T3; 0.5 at ρ = 0) before B is learned (T6). Markers: simulated loss; dashed lines: ℒ(0), ℒ(M_A) and ℒ*; dotted vertical lines: the predicted t_B of each network (T1/T5/T4), in its colour.`,
  settings: ["rho"],
  claims: ["T3", "T5", "T6"],
  jobs(options) {
    return FUSION_LAYERS.map((fusionLayer) => ({ fusionLayer, rho: toyRho(options) }));
  },
  runJob(job) {
    const run = simulate({
      stats: statisticsOf(toy(job.rho)),
      depth: DEEP_DEPTH,
      fusionLayer: job.fusionLayer,
      width: 1,
      init: { kind: "balanced", u0: U0 },
      method: { kind: "flow", rtol: FIGURE_RTOL },
      untilConverged: true,
      samplesPerDecade: SAMPLES_PER_DECADE,
    });
    const samples = run.samples.filter((s) => s.t >= T_MIN);
    const result: LossResult = { t: samples.map((s) => s.t), loss: samples.map((s) => s.loss) };
    return result;
  },
  assemble(options, results) {
    const rho = toyRho(options);
    const stats = statisticsOf(toy(rho));
    const q = derive(stats);
    const rows: FigureRow[] = [];
    FUSION_LAYERS.forEach((fusionLayer, i) => {
      const r = results[i]!;
      r.t.forEach((t, k) => {
        rows.push({ source: "simulation", series: fusionName(fusionLayer), t, loss: r.loss[k]! });
      });
    });
    FUSION_LAYERS.forEach((fusionLayer) => {
      const p = predictPhases(stats, { depth: DEEP_DEPTH, fusionLayer }, U0);
      rows.push({ source: "theory-time", series: fusionName(fusionLayer), t: p.tB, loss: null });
    });
    for (const [series, loss] of [
      ["ℒ(0) (start)", q.lossZero],
      ["ℒ(M_A) (plateau)", q.lossUniA],
      ["ℒ* (end)", q.lossFull],
    ] as const)
      rows.push({ source: "theory-level", series, t: null, loss });
    const tMax = Math.max(...rows.map((r) => (typeof r.t === "number" ? r.t : 0)));
    const x = axis("t", "time t (units of τ, log scale)", {
      log: true,
      domain: [T_MIN, 1.2 * tMax],
    });
    const y = axis("loss", "loss ℒ", { domain: [0, 1.06 * q.lossZero] });
    const sort = [...FUSION_LAYERS.map(fusionName), "ℒ(0) (start)", "ℒ(M_A) (plateau)", "ℒ* (end)"];
    const color = {
      field: "series",
      type: "nominal",
      title: `network (L = ${DEEP_DEPTH}) / level`,
      scale: {
        domain: sort,
        range: ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#999999", "#b279a2", "#333333"],
      },
    };
    const spec = figureSpec(
      this.title,
      `toy σA = 2, σB = 1, ρ = ${rho}${rho === AUTHORS_RHO ? " (the authors')" : ""} · balanced init u0 = ${U0} · markers: simulation · lines: theory`,
      rows,
      {
        width: 520,
        height: 320,
        layer: [...levelsTimesAndTrajectory({ x, y, color }, 16)],
      },
    );
    return { rows, spec };
  },
});
