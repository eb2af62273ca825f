import { xorSampleSet } from "../../data/xor.js";
import { simulateRelu } from "../../measurement/reluSimulation.js";
import { axis, figureSpec, jobSeed, markerDescription, where } from "./chart.js";
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
const FUSIONS = [
  { name: "early fusion (Lf = 1)", fusionLayer: 1 },
  { name: "late fusion (Lf = 2)", fusionLayer: 2 },
] as const;
/** Directions late fusion needs: 4 in x_B for −x_B1·x_B2, ±x_A for the linear part (T12). */
const NEEDED_DIRECTIONS = 6;
/** Loss with the XOR part unlearned: ½·E[(x_B1 x_B2)²] = ½ (x_A's part can be fitted). */
const XOR_UNLEARNED_LOSS = 0.5;

type XorJob = { readonly variance: number; readonly fusionLayer: number; readonly seed: number };
type XorResult = {
  readonly finalLoss: number;
  readonly directions: number;
  readonly significantNeurons: number;
  readonly status: string;
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

export const xorFigure = defineFigure<XorJob, XorResult>({
  id: "xor",
  title: "Heterogeneous modalities: XOR plus a linear modality",
  caption: `T12 (the authors' names, docs/theory.md T12): the linear scalar x_A ~ N(0, v), the XOR pair x_B uniform on {±1}², y = x_A − x_B1·x_B2; two-layer ReLU networks (width ${CONFIG.width}, Gaussian init u0 = ${CONFIG.u0}, full-batch gradient descent, η = ${CONFIG.learningRateScale}/max(1, v), to t = ${CONFIG.maxTime} τ, P = ${CONFIG.samples} stratified samples), early against late fusion, against the variance v of the linear modality. Left: final training loss (log scale); dashed: ½, the loss with the XOR part unlearned. Right: the number of distinct first-layer neuron directions (neurons within ${5}° merged, negligible ones ignored); dashed: the ${NEEDED_DIRECTIONS} directions the task needs (4 in x_B, ±x_A), which late fusion finds at every v while driving the loss to its floor. Early-fusion neurons mix the two modalities: their number of directions depends on v, and within the same budget their loss stays orders of magnitude above late fusion's (whether early fusion learns the XOR part at all depends on v and on the draw, T12). Rings: early fusion; dots: late fusion; one marker per init and data draw (--repeats), the same draw for both fusions.`,
  claims: ["T12"],
  jobs(options) {
    return markers(options).map((m) => {
      const input: XorJob = {
        variance: m.variance,
        fusionLayer: m.fusion.fusionLayer,
        // The same data and init draw for early and late fusion at each (v, repeat).
        seed: jobSeed(options.seed, VARIANCES.indexOf(m.variance as never) * 1000 + m.repeat),
      };
      return input;
    });
  },
  runJob(job) {
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
    };
    return result;
  },
  assemble(options, results) {
    const rows: FigureRow[] = [];
    markers(options).forEach((m, i) => {
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
    rows.push({
      source: "theory-level",
      series: "XOR unlearned (ℒ = ½)",
      panel: PANEL_LOSS,
      variance: null,
      repeat: null,
      value: XOR_UNLEARNED_LOSS,
      status: null,
    });
    rows.push({
      source: "theory-level",
      series: "directions needed (6)",
      panel: PANEL_DIRECTIONS,
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
    const spec = figureSpec(
      this.title,
      `two-layer ReLU, width ${CONFIG.width}, gradient descent to t = ${CONFIG.maxTime} · markers: simulation · dashed: references`,
      rows,
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
    );
    return { rows, spec };
  },
});
