import { xorSampleSet } from "../../data/xor.js";
import { simulateRelu } from "../../measurement/reluSimulation.js";
import { xorPointResiduals, xorPointsFitted } from "../../measurement/xorFit.js";
import { axis, figureSpec, jobSeed, linspace, markerDescription, where } from "./chart.js";
import type { FigureOptions, FigureRow } from "./figure.js";
import { defineFigure } from "./figure.js";

/**
 * docs/theory.md T12 with the configuration of the T12 claim and its recorded curve
 * (properties/T12.ts T12_CONFIG, fixtures/reference/t12-xor-curve.json): P = 256 stratified
 * samples, two-layer ReLU networks of width 16, Gaussian init u0 = 1e-3, full-batch gradient
 * descent at η = 0.05/max(1, v) to t = 100.
 */
const CONFIG = { samples: 256, width: 16, u0: 1e-3, maxTime: 100, learningRateScale: 0.05 };
const VARIANCES = [0.25, 0.5, 1, 2, 4] as const;

/**
 * The authors' xor_sweep (yedizhang/unimodal-bias sweep.py): one run per v at 30 values evenly
 * in [0.01, 2] and 10 in [2.1, 5], the number of distinct neuron directions plotted against v.
 * Their optimiser and stopping rule (SGD lr 0.04, stop once the loss is below 1e-4: main.py's
 * sweep branch), at the smallest size that shows the effect: P = 64 (theirs 8192), width 16
 * (theirs 100), Gaussian u0 = 1e-6 (theirs 1e-9; T12.early's init, where early fusion's
 * failure is seen), budget t ≤ 100 (2500 epochs; theirs 1000, t = 40, at which late fusion at
 * this size has not yet fitted every XOR point: measured 2-4 of 4). Cost: 80 runs, ≈ 10
 * CPU-seconds (`ubias figure xor --threads 1`: 17.3 s CPU against 7.7 s without the sweep,
 * 2-core VM at load average 8-10, 2026-12-03); at width 8 it was ≈ 40 % cheaper, with late
 * fusion short of its 6 directions at more v. The authors' size costs ≈ 65 s per run here. (Their published sweep.py stores train's weight array as the
 * count; the counting rule here is this repository's 5° clusters, src/measurement/neuronDirections.ts.)
 */
const SWEEP = {
  samples: 64,
  width: 16,
  u0: 1e-6,
  learningRate: 0.04,
  maxTime: 100,
  lossFloor: 1e-4,
};
const SWEEP_VARIANCES: readonly number[] = [...linspace(0.01, 2, 30), ...linspace(2.1, 5, 10)];
const FUSIONS = [
  { name: "early fusion (Lf = 1)", fusionLayer: 1 },
  { name: "late fusion (Lf = 2)", fusionLayer: 2 },
] as const;
/** Directions late fusion needs: 4 in x_B for −x_B1·x_B2, ±x_A for the linear part (T12). */
const NEEDED_DIRECTIONS = 6;
/** Loss with the XOR part unlearned: ½·E[(x_B1 x_B2)²] = ½ (x_A's part can be fitted). */
const XOR_UNLEARNED_LOSS = 0.5;

type XorJob = {
  /** "marker": the T12 configuration (left panels); "sweep": the authors' xor_sweep (SWEEP). */
  readonly kind: "marker" | "sweep";
  readonly variance: number;
  readonly fusionLayer: number;
  readonly seed: number;
};
type XorResult = {
  readonly finalLoss: number;
  readonly directions: number;
  readonly significantNeurons: number;
  readonly status: string;
  /** XOR points whose mean residual is below ½ (src/measurement/xorFit.ts); sweep runs only. */
  readonly xorPointsFitted: number | null;
};

interface Marker {
  readonly variance: number;
  readonly fusion: (typeof FUSIONS)[number];
  readonly repeat: number;
}

function markers(options: FigureOptions): Marker[] {
  const list: Marker[] = [];
  for (const fusion of FUSIONS)
    for (const variance of VARIANCES)
      for (let repeat = 0; repeat < options.repeats; repeat++)
        list.push({ variance, fusion, repeat });
  return list;
}

const PANEL_LOSS = "final loss";
const PANEL_DIRECTIONS = "distinct neuron directions";
const PANEL_SWEEP = "xor_sweep: distinct neuron directions";

interface SweepPoint {
  readonly variance: number;
  readonly index: number;
  readonly fusion: (typeof FUSIONS)[number];
  readonly repeat: number;
}

function sweepPoints(options: FigureOptions): SweepPoint[] {
  const list: SweepPoint[] = [];
  for (const fusion of FUSIONS)
    SWEEP_VARIANCES.forEach((variance, index) => {
      for (let repeat = 0; repeat < options.repeats; repeat++)
        list.push({ variance, index, fusion, repeat });
    });
  return list;
}

export const xorFigure = defineFigure<XorJob, XorResult>({
  id: "xor",
  title: "Heterogeneous modalities: XOR plus a linear modality",
  caption: `T12 (the authors' names, docs/theory.md T12): the linear scalar x_A ~ N(0, v), the XOR pair x_B uniform on {±1}², y = x_A − x_B1·x_B2; two-layer ReLU networks (width ${CONFIG.width}, Gaussian init u0 = ${CONFIG.u0}, full-batch gradient descent, η = ${CONFIG.learningRateScale}/max(1, v), to t = ${CONFIG.maxTime} τ, P = ${CONFIG.samples} stratified samples), early against late fusion, against the variance v of the linear modality. Left: final training loss (log scale); dashed: ½, the loss with the XOR part unlearned. Right: the number of distinct first-layer neuron directions (neurons within ${5}° merged, negligible ones ignored); dashed: the ${NEEDED_DIRECTIONS} directions the task needs (4 in x_B, ±x_A), which late fusion finds at every v while driving the loss to its floor. Early-fusion neurons mix the two modalities: their number of directions depends on v, and within the same budget their loss stays orders of magnitude above late fusion's (whether early fusion learns the XOR part at all depends on v and on the draw, T12). Rings: early fusion; dots: late fusion; one marker per init and data draw (--repeats), the same draw for both fusions. Bottom: the authors' xor_sweep — distinct neuron directions against v at their 40 values (30 evenly in [0.01, 2], 10 in [2.1, 5]; linear axis), one run per value and fusion (the same draw for both), with their optimiser and stopping rule (gradient descent at lr ${SWEEP.learningRate}, stopped once the loss is below ${SWEEP.lossFloor}) at the smallest size that shows the effect: P = ${SWEEP.samples}, width ${SWEEP.width}, u0 = ${SWEEP.u0.toExponential()}, t ≤ ${SWEEP.maxTime} τ (the authors: P = 8192, width 100, u0 = 1e-9, 1000 epochs — about a minute per run here). Late fusion finds the 6 directions at almost every v (at v ≤ 0.15 x_A's part, learned at a rate ∝ v, is not reached within the budget: 4 directions, the XOR ones); early fusion's count, 3-7 below v ≈ 1.3, falls to mostly 2 above v ≈ 1.5 — ±x_A alone with no XOR point fitted (CSV column xorPointsFitted): the XOR part unlearned, which T12.early asserts as a probability (1 in 100 draws at v = 1, 89 in 100 at v = 5).`,
  claims: ["T12", "T12.early"],
  jobs(options) {
    const markerJobs = markers(options).map((m) => {
      const input: XorJob = {
        kind: "marker",
        variance: m.variance,
        fusionLayer: m.fusion.fusionLayer,
        // The same data and init draw for early and late fusion at each (v, repeat).
        seed: jobSeed(options.seed, VARIANCES.indexOf(m.variance as never) * 1000 + m.repeat),
      };
      return input;
    });
    const sweepJobs = sweepPoints(options).map((p) => {
      const input: XorJob = {
        kind: "sweep",
        variance: p.variance,
        fusionLayer: p.fusion.fusionLayer,
        // Past the markers' seeds (index < 5·1000); shared by both fusions at (v, repeat).
        seed: jobSeed(options.seed, 10_000 + p.index * 1000 + p.repeat),
      };
      return input;
    });
    return [...markerJobs, ...sweepJobs];
  },
  runJob(job) {
    if (job.kind === "sweep") {
      const samples = xorSampleSet({
        variance: job.variance,
        samples: SWEEP.samples,
        seed: job.seed,
      });
      const sim = simulateRelu({
        data: { kind: "samples", samples },
        depth: 2,
        fusionLayer: job.fusionLayer,
        width: SWEEP.width,
        init: { kind: "gaussian", u0: SWEEP.u0, seed: job.seed },
        method: { kind: "gd", learningRate: SWEEP.learningRate },
        until: "budget",
        maxTime: SWEEP.maxTime,
        lossFloor: SWEEP.lossFloor,
      });
      const result: XorResult = {
        finalLoss: sim.finalLoss,
        directions: sim.directions.count,
        significantNeurons: sim.directions.significant,
        status: sim.run.status,
        xorPointsFitted: xorPointsFitted(
          xorPointResiduals(sim.layout, sim.run.final.theta, samples),
        ),
      };
      return result;
    }
    const sim = simulateRelu({
      data: {
        kind: "samples",
        samples: xorSampleSet({ variance: job.variance, samples: CONFIG.samples, seed: job.seed }),
      },
      depth: 2,
      fusionLayer: job.fusionLayer,
      width: CONFIG.width,
      init: { kind: "gaussian", u0: CONFIG.u0, seed: job.seed },
      method: { kind: "gd", learningRate: CONFIG.learningRateScale / Math.max(1, job.variance) },
      until: "budget",
      maxTime: CONFIG.maxTime,
    });
    const result: XorResult = {
      finalLoss: sim.finalLoss,
      directions: sim.directions.count,
      significantNeurons: sim.directions.significant,
      status: sim.run.status,
      xorPointsFitted: null,
    };
    return result;
  },
  assemble(options, results) {
    const rows: FigureRow[] = [];
    const markerList = markers(options);
    markerList.forEach((m, i) => {
      const r = results[i]!;
      const base = {
        source: "simulation",
        series: m.fusion.name,
        variance: m.variance,
        repeat: m.repeat,
      };
      rows.push({ ...base, panel: PANEL_LOSS, value: r.finalLoss, status: r.status });
      rows.push({ ...base, panel: PANEL_DIRECTIONS, value: r.directions, status: r.status });
    });
    sweepPoints(options).forEach((p, i) => {
      const r = results[markerList.length + i]!;
      rows.push({
        source: "simulation",
        series: p.fusion.name,
        panel: PANEL_SWEEP,
        variance: p.variance,
        repeat: p.repeat,
        value: r.directions,
        status: r.status,
        finalLoss: r.finalLoss,
        xorPointsFitted: r.xorPointsFitted,
      });
    });
    rows.push({
      source: "theory-level",
      series: "XOR unlearned (ℒ = ½)",
      panel: PANEL_LOSS,
      variance: null,
      repeat: null,
      value: XOR_UNLEARNED_LOSS,
      status: null,
    });
    for (const panel of [PANEL_DIRECTIONS, PANEL_SWEEP])
      rows.push({
        source: "theory-level",
        series: "directions needed (6)",
        panel,
        variance: null,
        repeat: null,
        value: NEEDED_DIRECTIONS,
        status: null,
      });
    const x = axis("variance", "variance v of the linear x_A (log scale)", {
      log: true,
      domain: [0.2, 5],
    });
    const color = {
      field: "series",
      type: "nominal",
      title: "network / reference",
      scale: {
        domain: [...FUSIONS.map((f) => f.name), "XOR unlearned (ℒ = ½)", "directions needed (6)"],
        range: ["#4c78a8", "#e45756", "#333333", "#888888"],
      },
    };
    const layers = (panel: string, y: Record<string, unknown>) => ({
      width: 300,
      height: 260,
      transform: [where("panel", panel)],
      layer: [
        {
          transform: [where("source", "theory-level")],
          mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 1.5 },
          encoding: { y, color },
        },
        // Early fusion as rings around late fusion's dots: coinciding markers stay visible.
        {
          transform: [where("source", "simulation"), where("series", FUSIONS[0].name)],
          mark: { type: "point", filled: false, size: 150, strokeWidth: 2 },
          encoding: { x, y, color, ...markerDescription },
        },
        {
          transform: [where("source", "simulation"), where("series", FUSIONS[1].name)],
          mark: { type: "point", filled: true, size: 50, opacity: 0.9 },
          encoding: { x, y, color, ...markerDescription },
        },
      ],
    });
    // The authors' xor_sweep: their 40 v values on a linear axis, early and late fusion.
    const sweepPanel = () => {
      const sweepX = axis(
        "variance",
        "variance v of the linear x_A (xor_sweep: the authors' 40 values)",
        {
          domain: [0, 5.1],
        },
      );
      const sweepY = {
        ...axis("value", "distinct neuron directions (xor_sweep)", { zero: true }),
        axis: { tickMinStep: 1, format: "d" },
      };
      return {
        width: 660,
        height: 220,
        transform: [where("panel", PANEL_SWEEP)],
        layer: [
          {
            transform: [where("source", "theory-level")],
            mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 1.5 },
            encoding: { y: { field: "value", type: "quantitative" }, color },
          },
          // A thin line through each fusion's runs (per repeat), then the markers.
          ...FUSIONS.map((f) => ({
            transform: [where("source", "simulation"), where("series", f.name)],
            mark: { type: "line", strokeWidth: 1, opacity: 0.5 },
            encoding: { x: sweepX, y: sweepY, color, detail: { field: "repeat" } },
          })),
          {
            transform: [where("source", "simulation"), where("series", FUSIONS[0].name)],
            mark: { type: "point", filled: false, size: 90, strokeWidth: 2 },
            encoding: { x: sweepX, y: sweepY, color, ...markerDescription },
          },
          {
            transform: [where("source", "simulation"), where("series", FUSIONS[1].name)],
            mark: { type: "point", filled: true, size: 35, opacity: 0.9 },
            encoding: { x: sweepX, y: sweepY, color, ...markerDescription },
          },
        ],
      };
    };
    const spec = figureSpec(
      this.title,
      `two-layer ReLU · top: width ${CONFIG.width}, u0 = ${CONFIG.u0}, to t = ${CONFIG.maxTime} · bottom: the authors' xor_sweep at P = ${SWEEP.samples}, width ${SWEEP.width}, u0 = ${SWEEP.u0.toExponential()} · dashed: references`,
      rows,
      {
        vconcat: [
          {
            hconcat: [
              layers(PANEL_LOSS, {
                ...axis("value", "final training loss (log scale)", { log: true }),
                axis: { format: ".0e" },
              }),
              layers(PANEL_DIRECTIONS, {
                ...axis("value", "distinct first-layer neuron directions", { zero: true }),
                axis: { tickMinStep: 1, format: "d" },
              }),
            ],
            resolve: { scale: { y: "independent" } },
          },
          sweepPanel(),
        ],
        resolve: { scale: { x: "independent", y: "independent" } },
      },
    );
    return { rows, spec };
  },
});
