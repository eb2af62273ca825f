import { sampleFromStatistics } from "../../data/sampleFromStatistics.js";
import { t10Statistics } from "../../data/t10Family.js";
import { simulateOnSamples } from "../../measurement/finiteData.js";
import { axis, figureSpec, jobSeed, markerDescription, where } from "./chart.js";
import type { FigureOptions, FigureRow } from "./figure.js";
import { defineFigure } from "./figure.js";
import { FIGURE_RTOL } from "./simulationJob.js";

/**
 * docs/theory.md §6's finite-data experiment: D = 100 (dA = dB = 50), Var x_A = 3, Var x_B = 1,
 * w* = 0.1·1, σ_ε = 0.5; P = 70 < D (over-parameterised) and P = 700 > D.
 */
const SAMPLE_SIZES = [70, 700] as const;
const FUSIONS = [
  { name: "early fusion (Lf = 1)", fusionLayer: 1 },
  { name: "late fusion (Lf = 2)", fusionLayer: 2 },
] as const;
/**
 * Two-layer linear networks, width 4, Gaussian init u0 = 1e-3 (T10 needs small init: with
 * P < D the weights orthogonal to the data never move), gradient flow on the sample moments.
 * Width 8 gives the same end points to 1 % (E_g 0.616 vs 0.616 early, 0.918 vs 0.929 late).
 */
const NETWORK = { width: 4, u0: 1e-3 } as const;
const SAMPLES_PER_DECADE = 20;
/** Data-set seed indices start here, above every init seed's index (distinct seeds). */
const DATA_SEED_OFFSET = 50_000;

type GeneralisationJob = {
  readonly samples: number;
  readonly dataSeed: number;
  readonly fusionLayer: number;
  readonly initSeed: number;
};
type GeneralisationResult = {
  readonly t: readonly number[];
  readonly eg: readonly number[];
  readonly solution: string;
  readonly solutionEg: number;
  readonly status: string;
};

interface Curve {
  readonly samples: number;
  readonly fusion: (typeof FUSIONS)[number];
  readonly repeat: number;
}

function curves(options: FigureOptions): Curve[] {
  const list: Curve[] = [];
  for (const samples of SAMPLE_SIZES)
    for (const fusion of FUSIONS)
      for (let repeat = 0; repeat < options.repeats; repeat++)
        list.push({ samples, fusion, repeat });
  return list;
}

function panel(samples: number): string {
  return samples < 100 ? `P = ${samples} < D = 100` : `P = ${samples} > D = 100`;
}

export const generalisationFigure = defineFigure<GeneralisationJob, GeneralisationResult>({
  id: "generalisation",
  title: "Finite data: generalisation error of early and late fusion",
  caption:
    "T10 on docs/theory.md §6's data (D = 100, dA = dB = 50, Var x_A = 3, Var x_B = 1, w* = 0.1·1, σ_ε = 0.5): two-layer linear networks (width 4, Gaussian init u0 = 1e-3, gradient flow on the empirical loss of one sample set per P and repeat, the same for both fusions). Markers: E_g(t) = ½(W^tot − w*)Σ(W^tot − w*)ᵀ on the population; dashed line: E_g of the minimum-norm minimiser of the empirical loss (the least-squares solution when P > D, the minimum-norm interpolator when P < D). With P = 700 > D both fusions end at the least-squares solution, late fusion only later, with a transient excess E_g during its unimodal phase. With P = 70 < D early fusion ends at the minimum-norm interpolator while late fusion ends at another interpolator, with more weight on A and a higher E_g: a permanent unimodal bias.",
  claims: ["T10"],
  jobs(options) {
    return curves(options).map((c, index) => {
      const input: GeneralisationJob = {
        samples: c.samples,
        // One sample set per (P, repeat), shared by early and late fusion.
        dataSeed: jobSeed(options.seed, DATA_SEED_OFFSET + 1000 * c.repeat + c.samples),
        fusionLayer: c.fusion.fusionLayer,
        initSeed: jobSeed(options.seed, index),
      };
      return input;
    });
  },
  runJob(job) {
    const population = t10Statistics();
    const run = simulateOnSamples({
      samples: sampleFromStatistics(population, { samples: job.samples, seed: job.dataSeed }),
      population,
      depth: 2,
      fusionLayer: job.fusionLayer,
      width: NETWORK.width,
      init: { kind: "gaussian", u0: NETWORK.u0, seed: job.initSeed },
      method: { kind: "flow", rtol: FIGURE_RTOL },
      samplesPerDecade: SAMPLES_PER_DECADE,
    });
    // t = 0 has no place on the log time axis; the first sample after it is at t = 1e-2.
    const series = (run.eg ?? []).filter((s) => s.t > 0);
    const result: GeneralisationResult = {
      t: series.map((s) => s.t),
      eg: series.map((s) => s.eg),
      solution: run.solution.kind,
      solutionEg: run.solutionEg ?? Number.NaN,
      status: run.run.status,
    };
    return result;
  },
  assemble(options, results) {
    const rows: FigureRow[] = [];
    const solutions = new Map<number, GeneralisationResult>();
    curves(options).forEach((c, i) => {
      const r = results[i]!;
      solutions.set(c.samples, r);
      r.t.forEach((t, k) => {
        rows.push({
          source: "simulation",
          panel: panel(c.samples),
          samples: c.samples,
          series: c.fusion.name,
          repeat: c.repeat,
          t,
          eg: r.eg[k]!,
        });
      });
    });
    for (const [samples, r] of solutions) {
      rows.push({
        source: "theory-level",
        panel: panel(samples),
        samples,
        series: r.solution === "least-squares" ? "least-squares solution" : "min-norm interpolator",
        repeat: null,
        t: null,
        eg: r.solutionEg,
      });
    }
    const x = axis("t", "time t (units of τ, log scale)", { log: true });
    const y = axis("eg", "generalisation error E_g (log scale)", { log: true });
    const color = {
      field: "series",
      type: "nominal",
      title: "network / reference",
      scale: {
        domain: [...FUSIONS.map((f) => f.name), "least-squares solution", "min-norm interpolator"],
        range: ["#4c78a8", "#e45756", "#333333", "#333333"],
      },
    };
    const spec = figureSpec(
      this.title,
      "D = 100 · two layers, width 4, Gaussian init u0 = 1e-3, gradient flow · markers: simulation · dashed: theory",
      rows,
      {
        facet: {
          column: {
            field: "panel",
            type: "nominal",
            title: null,
            sort: SAMPLE_SIZES.map(panel),
          },
        },
        spec: {
          width: 360,
          height: 280,
          layer: [
            {
              transform: [where("source", "theory-level")],
              mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 1.5 },
              encoding: { y, color },
            },
            {
              transform: [where("source", "simulation")],
              mark: { type: "point", filled: true, size: 18, opacity: 0.85 },
              encoding: { x, y, color, detail: { field: "repeat" }, ...markerDescription },
            },
          ],
        },
      },
    );
    return { rows, spec };
  },
});
