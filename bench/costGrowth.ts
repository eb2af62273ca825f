/**
 * Issue 16 item 5: how the cost of one simulation to t_B grows with the number of samples P,
 * the width h, the input dimension D, the depth L and the init scale u0, for the three
 * training paths a sweep can take:
 * - "flow": gradient flow of the linear network on the sufficient statistics (Σ, Σ_yx, σ_y²)
 *   (src/measurement/simulation.ts → src/training/gradientFlow.ts, DOPRI5 / Rosenbrock);
 * - "gd": gradient descent (lr 0.04, the authors' rate) on the same statistics
 *   (src/training/gradientDescent.ts);
 * - "sampled": full-batch gradient descent of the ReLU network by back-propagation over all
 *   P samples (src/network/reluNetwork.ts), timed per step; its steps to t_B come from the
 *   scalar-sufficient model of the same samples where that applies (toy, L = Lf = 2: the same
 *   loss and gradient to round-off, bench/reluToy.ts), and the base at P = 1e3 and 1e4 is run to t_B for real.
 *
 * One variable moves at a time around a base point: the toy σA/σB = 2, ρ = 0.5, w = (1, 1)
 * embedded in D dimensions (embeddedToy), L = Lf = 2, width 100, Gaussian init u0 = 1e-6,
 * seed 1. Deep runs (L ≥ 3) cannot start at u0 = 1e-6 (t_B ~ u0^(2−L): 1e12 at L = 4), so
 * the depth rows use balanced init at u0 = 0.1 (the paper's deep figure, bench/run.ts), at
 * width 1 and width 100, and a deep u0 sweep is run at L = 4, width 1.
 *
 * Each timed cell runs once to warm the JIT, then 3-15 times (timed, within 1.5 s of work; the
 * sampled step 5-25 times within 1 s), and the whole sweep is passed over PASSES = 3 times;
 * a cell reports the median over passes of its per-pass medians (ms, in process). One pass
 * took 42-75 s, the three 141 s at load 5.5-6 on the 2-core machine, so the sweep is NOT
 * part of the default `npm run bench`: it runs only when selected by its exact id,
 * `npm run bench -- cost` (bench/run.ts). Results go to bench/cost-growth.json and the
 * markdown tables of docs/cost.md to stdout.
 *
 * Capped cells (not run here, see docs/cost.md): L = 6 at width 100 (flow 213 s, gd 26 s
 * measured once), the sampled path run to t_B beyond P = 1e4 (≈ 55 s at P = 1e5: estimated
 * as ms/step × steps) and the sampled deep / D > 2 runs to t_B (per step only: no cheap step
 * count exists for them).
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { buildPaperRandomFamily } from "../src/claims/arbitraries/paperRandomFamily.js";
import { sampledMoments } from "../src/data/moments.js";
import { sampleFromStatistics } from "../src/data/sampleFromStatistics.js";
import type { SampleSet } from "../src/data/sampleSet.js";
import { simulateRelu } from "../src/measurement/reluSimulation.js";
import type { TrainingMethod } from "../src/measurement/simulation.js";
import { simulate } from "../src/measurement/simulation.js";
import { fusionArchitecture } from "../src/network/architecture.js";
import type { InitialisationSpec } from "../src/network/initialisation.js";
import { initialise } from "../src/network/initialisation.js";
import { parameterLayout } from "../src/network/layout.js";
import { reluNetworkModel } from "../src/network/reluNetwork.js";
import type { Statistics } from "../src/statistics/statistics.js";
import { fromTeacher } from "../src/statistics/teacher.js";
import type { TrainingRun } from "../src/training/run.js";

/** Timed repeats after the warm-up run: at least 3, at most 15, stopping after 1.5 s of work. */
const MIN_REPEATS = 3;
const MAX_REPEATS = 15;
const BUDGET_MS = 1500;
/** The sampled path's per-step median: 5 to 25 steps timed one by one, within 1 s of work. */
const STEP_LIMITS = { min: 5, max: 25, budgetMs: 1000 };
/** Budget of the scalar-sufficient runs that count the sampled path's steps to t_B. */
const SCALAR_MAX_STEPS = 200_000;
const LEARNING_RATE = 0.04;
const GD: TrainingMethod = { kind: "gd", learningRate: LEARNING_RATE };
const FLOW: TrainingMethod = { kind: "flow" };
const SEED = 1;

/**
 * The toy σA/σB = 2, ρ = 0.5, w = (1, 1) spread over D = dA + dB inputs (dA = dB = D/2):
 * Σ_A = 4·I, Σ_B = I, Σ_AB = ρσAσB·u vᵀ with u = 1/√dA, v = 1/√dB (unit vectors), teacher
 * w* = (u, v). Along (u, v) the 2 × 2 problem is the toy's; the other directions have
 * Σ_yx = 0 and no coupling to it, so the dynamics (t_A, t_B, the steps) stay the toy's and
 * what grows with D is the cost of a step alone. D = 2 is the toy itself.
 */
export function embeddedToy(dimension: number): Statistics {
  const dA = dimension / 2;
  const dB = dimension - dA;
  const sigmaA = 2;
  const sigmaB = 1;
  const rho = 0.5;
  const u = 1 / Math.sqrt(dA);
  const v = 1 / Math.sqrt(dB);
  const sigma = Array.from({ length: dimension }, (_, i) =>
    Array.from({ length: dimension }, (_, j) => {
      const aI = i < dA;
      const aJ = j < dA;
      if (i === j) return aI ? sigmaA * sigmaA : sigmaB * sigmaB;
      if (aI !== aJ) return rho * sigmaA * sigmaB * u * v;
      return 0;
    }),
  );
  const wStar = Array.from({ length: dimension }, (_, i) => (i < dA ? u : v));
  return fromTeacher(sigma, wStar, 0, dA);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : 0.5 * (sorted[mid - 1]! + sorted[mid]!);
}

/**
 * Warm-up once, then timed runs until at least MIN_REPEATS and either MAX_REPEATS or
 * BUDGET_MS of timed work: the median ms and the last result. Cheap cells get more repeats,
 * which the load of the shared machine needs (single runs of the same 1-ms job vary 2-10×).
 */
function timed<T>(
  run: () => T,
  limits: { min: number; max: number; budgetMs: number } = {
    min: MIN_REPEATS,
    max: MAX_REPEATS,
    budgetMs: BUDGET_MS,
  },
): { ms: number; repeats: number; result: T } {
  let result = run();
  const times: number[] = [];
  let spent = 0;
  while (times.length < limits.min || (times.length < limits.max && spent < limits.budgetMs)) {
    const start = performance.now();
    result = run();
    const ms = performance.now() - start;
    times.push(ms);
    spent += ms;
  }
  return { ms: median(times), repeats: times.length, result };
}

interface NetPoint {
  readonly depth: number;
  readonly width: number;
  readonly init: InitialisationSpec;
}

const BASE: NetPoint = { depth: 2, width: 100, init: { kind: "gaussian", u0: 1e-6, seed: SEED } };
const DEEP_U0 = 0.1;
const deepInit: InitialisationSpec = { kind: "balanced", u0: DEEP_U0 };

/** One statistics-path cell: the training's median ms and its work. */
export interface StatisticsCell {
  readonly path: "flow" | "gd";
  readonly sweep: string;
  readonly value: number;
  readonly width: number;
  readonly dimension: number;
  readonly depth: number;
  readonly init: InitialisationSpec;
  /** P and D sweeps: Σ̂, Σ̂_yx, σ̂_y² from P samples (sampledMoments), median ms. */
  readonly samples?: number;
  readonly buildMs?: number;
  readonly parameters: number;
  readonly trainMs: number;
  readonly repeats: number;
  readonly status: string;
  readonly steps: number;
  readonly gradientEvaluations: number;
  readonly rosenbrockSteps?: number;
  readonly tB?: number;
  /** trainMs / gradientEvaluations, in µs. */
  readonly usPerEvaluation: number;
}

/** The parameter layout of the base network at these statistics (late fusion, Lf = L). */
function layoutAt(stats: Statistics, net: NetPoint, activation: "linear" | "relu") {
  return parameterLayout(
    fusionArchitecture({
      depth: net.depth,
      fusionLayer: net.depth,
      width: net.width,
      dA: stats.dA,
      dB: stats.dB,
      activation,
    }),
  );
}

function statisticsCell(
  path: "flow" | "gd",
  sweep: string,
  value: number,
  stats: Statistics,
  net: NetPoint,
  extra: { samples?: number; buildMs?: number } = {},
): StatisticsCell {
  const { ms, repeats, result } = timed(() =>
    simulate({
      stats,
      depth: net.depth,
      fusionLayer: net.depth,
      width: net.width,
      init: net.init,
      method: path === "flow" ? FLOW : GD,
      maxSteps: 5_000_000,
    }),
  );
  const run: TrainingRun = result;
  const layout = layoutAt(stats, net, "linear");
  const tB = run.crossings.B?.t;
  return {
    path,
    sweep,
    value,
    width: net.width,
    dimension: stats.dA + stats.dB,
    depth: net.depth,
    init: net.init,
    ...extra,
    parameters: layout.size,
    trainMs: ms,
    repeats,
    status: run.status,
    steps: run.steps,
    gradientEvaluations: run.gradientEvaluations,
    ...(run.integrators?.rosenbrock ? { rosenbrockSteps: run.integrators.rosenbrock.steps } : {}),
    ...(tB !== undefined ? { tB } : {}),
    usPerEvaluation: (1000 * ms) / run.gradientEvaluations,
  };
}

/** One sampled-path cell: the median ms of one full-batch step, and steps to t_B where known. */
export interface SampledCell {
  readonly path: "sampled";
  readonly sweep: string;
  readonly value: number;
  readonly samples: number;
  readonly width: number;
  readonly dimension: number;
  readonly depth: number;
  readonly init: InitialisationSpec;
  readonly parameters: number;
  readonly msPerStep: number;
  readonly timedSteps: number;
  /**
   * Steps to t_B of the scalar-sufficient model on the same samples (toy, L = 2, Gaussian
   * init only: the same loss and gradient to round-off as back-propagation, bench/reluToy.ts).
   */
  readonly stepsToTB?: number;
  /** msPerStep × stepsToTB. */
  readonly estimatedRunMs?: number;
  /** A real sampled run to t_B (P = 1e3 and 1e4 at the base): wall ms of one run, and steps. */
  readonly measuredRunMs?: number;
  readonly measuredSteps?: number;
}

function sampledCell(
  sweep: string,
  value: number,
  stats: Statistics,
  samples: number,
  net: NetPoint,
  runToTB = false,
): SampledCell {
  const set: SampleSet = sampleFromStatistics(stats, { samples, seed: SEED });
  const layout = layoutAt(stats, net, "relu");
  const model = reluNetworkModel(layout, set);
  const theta = initialise(layout, stats, net.init);
  const grad = new Float64Array(layout.size);
  // One step θ ← θ − η∇ℒ, as trainGradientDescent takes it (bench/sampledStep.ts).
  const step = () => {
    model.gradient(theta, grad);
    for (let i = 0; i < theta.length; i++) theta[i]! -= LEARNING_RATE * grad[i]!;
  };
  const { ms: msPerStep, repeats: timedSteps } = timed(step, STEP_LIMITS);
  const relu = (choice: "moments" | "sampled", maxSteps?: number) =>
    simulateRelu({
      data: { kind: "samples", samples: set, thresholdStats: stats },
      model: choice,
      depth: net.depth,
      fusionLayer: net.depth,
      width: net.width,
      init: net.init,
      method: GD,
      ...(maxSteps !== undefined ? { maxSteps } : {}),
    });
  const scalar =
    net.depth === 2 && stats.dA === 1 && stats.dB === 1 && net.init.kind === "gaussian";
  const counted = scalar ? relu("moments", SCALAR_MAX_STEPS).run : undefined;
  const stepsToTB = counted?.crossings.B !== undefined ? counted.steps : undefined;
  let measured: { measuredRunMs: number; measuredSteps: number } | undefined;
  if (runToTB) {
    const start = performance.now();
    const sim = relu("sampled");
    measured = { measuredRunMs: performance.now() - start, measuredSteps: sim.run.steps };
  }
  return {
    path: "sampled",
    sweep,
    value,
    samples,
    width: net.width,
    dimension: stats.dA + stats.dB,
    depth: net.depth,
    init: net.init,
    parameters: layout.size,
    msPerStep,
    timedSteps,
    ...(stepsToTB !== undefined ? { stepsToTB, estimatedRunMs: msPerStep * stepsToTB } : {}),
    ...(measured ?? {}),
  };
}

export interface CostGrowth {
  readonly statistics: readonly StatisticsCell[];
  readonly sampled: readonly SampledCell[];
}

/**
 * Passes over the whole sweep, a few seconds to a minute apart: the load of the shared
 * machine moves in bursts, which the repeats inside one cell do not average out (in one
 * pass the same base cell measured 4.3-8.4 ms/step on the sampled path and 21-45 ms on the
 * flow), so each cell reports the median over passes of its per-pass medians.
 */
export const PASSES = 3;

/** The per-pass values of a cell beside their median. */
type WithPasses<T> = T & { readonly passes: readonly number[] };

/** PASSES passes, merged cell by cell: times are medians over passes, the work is the same. */
export function costGrowth(log: (line: string) => void = console.log): {
  readonly statistics: WithPasses<StatisticsCell>[];
  readonly sampled: WithPasses<SampledCell>[];
} {
  const passes: CostGrowth[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    log(`pass ${pass + 1} of ${PASSES}`);
    passes.push(costGrowthPass(log, pass === 0));
  }
  const [first] = passes;
  const statistics = first!.statistics.map((cell, i) => {
    const times = passes.map((p) => p.statistics[i]!.trainMs);
    const builds = passes.map((p) => p.statistics[i]!.buildMs);
    const trainMs = median(times);
    return {
      ...cell,
      trainMs,
      usPerEvaluation: (1000 * trainMs) / cell.gradientEvaluations,
      ...(cell.buildMs !== undefined ? { buildMs: median(builds.map((b) => b!)) } : {}),
      passes: times,
    };
  });
  const sampled = first!.sampled.map((cell, i) => {
    const times = passes.map((p) => p.sampled[i]!.msPerStep);
    const msPerStep = median(times);
    return {
      ...cell,
      msPerStep,
      ...(cell.stepsToTB !== undefined ? { estimatedRunMs: msPerStep * cell.stepsToTB } : {}),
      passes: times,
    };
  });
  return { statistics, sampled };
}

/**
 * One pass of the sweep (~40 s); prints one line per cell. `runToTB`: also run the sampled
 * base to t_B for real at P = 1e3 and 1e4 (first pass only).
 */
export function costGrowthPass(
  log: (line: string) => void = console.log,
  runToTB = true,
): CostGrowth {
  const toy = embeddedToy(2);
  const statistics: StatisticsCell[] = [];
  const sampled: SampledCell[] = [];
  // Warm the JIT on the base cells before anything is timed (the first cells of a cold
  // process ran 2-10× slower than the same cells later in a first trial).
  for (let i = 0; i < 3; i++) {
    for (const method of [FLOW, GD]) {
      simulate({ stats: toy, depth: 2, fusionLayer: 2, width: 100, init: BASE.init, method });
    }
  }
  const pushStats = (cell: StatisticsCell) => {
    statistics.push(cell);
    const build = cell.buildMs !== undefined ? ` build Σ ${cell.buildMs.toFixed(2)} ms,` : "";
    log(
      `${cell.path.padEnd(5)} ${cell.sweep.padEnd(8)} ${String(cell.value).padEnd(7)}${build} train ${cell.trainMs.toFixed(2)} ms (n = ${cell.repeats}), ${cell.steps} steps (${cell.rosenbrockSteps ?? 0} Rosenbrock), ${cell.gradientEvaluations} gradients, ${cell.usPerEvaluation.toFixed(2)} µs/gradient, ${cell.parameters} weights, t_B = ${cell.tB?.toPrecision(4)}, ${cell.status}`,
    );
  };
  const pushSampled = (cell: SampledCell) => {
    sampled.push(cell);
    const est =
      cell.estimatedRunMs !== undefined
        ? `, ${cell.stepsToTB} steps to t_B → ${(cell.estimatedRunMs / 1000).toFixed(2)} s`
        : "";
    const real =
      cell.measuredRunMs !== undefined
        ? `; measured run ${(cell.measuredRunMs / 1000).toFixed(2)} s, ${cell.measuredSteps} steps`
        : "";
    log(
      `sampled ${cell.sweep.padEnd(8)} ${String(cell.value).padEnd(7)} P = ${cell.samples}: ${cell.msPerStep.toFixed(3)} ms/step (n = ${cell.timedSteps}), ${cell.parameters} weights${est}${real}`,
    );
  };

  for (const path of ["flow", "gd"] as const) {
    // P: only the statistics' construction sees it; the training runs on D × D moments.
    for (const samples of [1e3, 1e4, 1e5]) {
      const build = timed(() => sampledMoments(toy, { samples, seed: SEED }));
      pushStats(
        statisticsCell(path, "P", samples, build.result, BASE, { samples, buildMs: build.ms }),
      );
    }
    for (const width of [10, 100, 400]) {
      pushStats(statisticsCell(path, "width", width, toy, { ...BASE, width }));
    }
    for (const dimension of [2, 20, 80]) {
      const stats = embeddedToy(dimension);
      const build = timed(() => sampledMoments(stats, { samples: 1e4, seed: SEED }));
      pushStats(
        statisticsCell(path, "D", dimension, stats, BASE, { samples: 1e4, buildMs: build.ms }),
      );
    }
    for (const u0 of [1e-2, 1e-6, 1e-12]) {
      pushStats(statisticsCell(path, "u0", u0, toy, { ...BASE, init: { ...BASE.init, u0 } }));
    }
    for (const width of [1, 100]) {
      for (const depth of [2, 4, 6]) {
        // Capped: L = 6 at width 100 takes 213 s (flow) and 26 s (gd) a run (docs/cost.md).
        if (width === 100 && depth === 6) continue;
        pushStats(
          statisticsCell(path, `L w${width}`, depth, toy, { depth, width, init: deepInit }),
        );
      }
    }
    for (const u0 of [0.1, 0.03, 0.01]) {
      pushStats(
        statisticsCell(path, "u0 L4", u0, toy, {
          depth: 4,
          width: 1,
          init: { kind: "balanced", u0 },
        }),
      );
    }
  }

  for (const samples of [1e3, 1e4, 1e5]) {
    // Run to t_B for real at P = 1e3 and 1e4 (0.4 s and ~6 s); P = 1e5 would take ~1 min.
    pushSampled(sampledCell("P", samples, toy, samples, BASE, runToTB && samples <= 1e4));
  }
  for (const width of [10, 100, 400]) {
    pushSampled(sampledCell("width", width, toy, 1e4, { ...BASE, width }));
  }
  for (const dimension of [2, 20, 80]) {
    pushSampled(sampledCell("D", dimension, embeddedToy(dimension), 1e4, BASE));
  }
  for (const u0 of [1e-2, 1e-6, 1e-12]) {
    pushSampled(sampledCell("u0", u0, toy, 1e4, { ...BASE, init: { ...BASE.init, u0 } }));
  }
  for (const depth of [2, 4, 6]) {
    pushSampled(sampledCell("L w100", depth, toy, 1e4, { depth, width: 100, init: deepInit }));
  }
  return { statistics, sampled };
}

/** Least-squares slope of y on x. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxy / sxx;
}

/** Log-log slope of y against x (the exponent of a power law). */
function exponent(xs: readonly number[], ys: readonly number[]): number {
  return slope(xs.map(Math.log), ys.map(Math.log));
}

/** The least-squares exponent and the one between the two largest values. */
function exponents(
  xs: readonly number[],
  ys: readonly number[],
): { readonly value: number; readonly upper: number } {
  const n = xs.length;
  return { value: exponent(xs, ys), upper: exponent(xs.slice(n - 2), ys.slice(n - 2)) };
}

/** One fitted growth law: what grows, against what, and the fitted number. */
export interface GrowthFit {
  readonly path: string;
  readonly sweep: string;
  readonly quantity: string;
  /** "exponent": log-log slope; "per ln(1/u0)": slope of y against ln(1/u0). */
  readonly form: "exponent" | "per ln(1/u0)";
  /** Least squares over the sweep's values. */
  readonly value: number;
  /** Exponents only: the slope between the two largest values, where the leading term rules. */
  readonly upper?: number;
}

/**
 * The growth laws of the sweep: log-log exponents of time, per-gradient time and steps in
 * P, width and D; steps per unit of ln(1/u0) at L = 2; the exponent of steps in u0 at L = 4.
 */
export function growthFits(result: CostGrowth): GrowthFit[] {
  const fits: GrowthFit[] = [];
  const stats = (path: string, sweep: string) =>
    result.statistics.filter((c) => c.path === path && c.sweep === sweep);
  const sampled = (sweep: string) => result.sampled.filter((c) => c.sweep === sweep);
  for (const path of ["flow", "gd"]) {
    for (const sweep of ["P", "width", "D"]) {
      const cells = stats(path, sweep);
      const xs = cells.map((c) => c.value);
      fits.push({
        path,
        sweep,
        quantity: "train ms",
        form: "exponent",
        ...exponents(
          xs,
          cells.map((c) => c.trainMs),
        ),
      });
      fits.push({
        path,
        sweep,
        quantity: "µs/gradient",
        form: "exponent",
        ...exponents(
          xs,
          cells.map((c) => c.usPerEvaluation),
        ),
      });
      fits.push({
        path,
        sweep,
        quantity: "steps",
        form: "exponent",
        ...exponents(
          xs,
          cells.map((c) => c.steps),
        ),
      });
      if (sweep !== "width") {
        fits.push({
          path,
          sweep,
          quantity: "build Σ̂ ms",
          form: "exponent",
          ...exponents(
            xs,
            cells.map((c) => c.buildMs!),
          ),
        });
      }
    }
    const u0 = stats(path, "u0");
    fits.push({
      path,
      sweep: "u0",
      quantity: "steps",
      form: "per ln(1/u0)",
      value: slope(
        u0.map((c) => Math.log(1 / c.value)),
        u0.map((c) => c.steps),
      ),
    });
    const deep = stats(path, "u0 L4");
    fits.push({
      path,
      sweep: "u0 L4",
      quantity: "steps",
      form: "exponent",
      ...exponents(
        deep.map((c) => c.value),
        deep.map((c) => c.steps),
      ),
    });
  }
  for (const sweep of ["P", "width", "D"]) {
    const cells = sampled(sweep);
    fits.push({
      path: "sampled",
      sweep,
      quantity: "ms/step",
      form: "exponent",
      ...exponents(
        cells.map((c) => c.value),
        cells.map((c) => c.msPerStep),
      ),
    });
  }
  const u0 = sampled("u0");
  fits.push({
    path: "sampled",
    sweep: "u0",
    quantity: "steps",
    form: "per ln(1/u0)",
    value: slope(
      u0.map((c) => Math.log(1 / c.value)),
      u0.map((c) => c.stepsToTB!),
    ),
  });
  return fits;
}

/** 3 significant digits, without exponent notation for 1e-3 ≤ |v| < 1e6. */
function fmt(v: number | undefined): string {
  if (v === undefined) return "—";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) return v.toExponential(2);
  return a >= 100 ? v.toFixed(0) : v.toPrecision(3);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}

/** The markdown tables of docs/cost.md, from a result (bench/cost-growth.json). */
export function costGrowthMarkdown(result: CostGrowth): string[] {
  const find = (path: string, sweep: string, value: number) =>
    result.statistics.find((c) => c.path === path && c.sweep === sweep && c.value === value);
  const findSampled = (sweep: string, value: number) =>
    result.sampled.find((c) => c.sweep === sweep && c.value === value);
  const statCols = (path: string, sweep: string, value: number) => {
    const c = find(path, sweep, value);
    return [fmt(c?.trainMs), c ? String(c.steps) : "—", fmt(c?.usPerEvaluation)];
  };
  const sampledCols = (sweep: string, value: number) => {
    const c = findSampled(sweep, value);
    const run =
      c?.measuredRunMs !== undefined
        ? `${fmt(c.measuredRunMs / 1000)} (measured, ${c.measuredSteps} steps)`
        : fmt(c?.estimatedRunMs !== undefined ? c.estimatedRunMs / 1000 : undefined);
    return [fmt(c?.msPerStep), c?.stepsToTB !== undefined ? String(c.stepsToTB) : "—", run];
  };
  const header = (first: string, extra: readonly string[] = []) => [
    first,
    ...extra,
    "flow ms",
    "flow steps",
    "flow µs/grad",
    "gd ms",
    "gd steps",
    "gd µs/grad",
    "sampled ms/step",
    "sampled steps",
    "sampled run s",
  ];
  const lines: string[] = [];
  const sweepTable = (
    title: string,
    sweep: string,
    values: readonly number[],
    first: string,
    withBuild: boolean,
  ) => {
    lines.push(`#### ${title}`, "");
    lines.push(
      ...table(
        header(first, withBuild ? ["weights", "build Σ̂ ms"] : ["weights"]),
        values.map((v) => {
          const c = find("flow", sweep, v);
          const built = withBuild
            ? [fmt(median([c?.buildMs ?? 0, find("gd", sweep, v)?.buildMs ?? 0]))]
            : [];
          return [
            v < 1e-3 ? v.toExponential() : String(v),
            c ? String(c.parameters) : "—",
            ...built,
            ...statCols("flow", sweep, v),
            ...statCols("gd", sweep, v),
            ...sampledCols(sweep, v),
          ];
        }),
      ),
      "",
    );
  };
  sweepTable(
    "Samples P (toy, width 100, u0 = 1e-6; flow and gd train on the moments of P samples)",
    "P",
    [1e3, 1e4, 1e5],
    "P",
    true,
  );
  sweepTable("Width h (toy, u0 = 1e-6; sampled at P = 1e4)", "width", [10, 100, 400], "h", false);
  sweepTable(
    "Input dimension D (embedded toy, width 100, u0 = 1e-6; Σ̂ and sampled at P = 1e4)",
    "D",
    [2, 20, 80],
    "D",
    true,
  );
  sweepTable(
    "Init scale u0 (toy, width 100; sampled at P = 1e4)",
    "u0",
    [1e-2, 1e-6, 1e-12],
    "u0",
    false,
  );

  lines.push("#### Depth L = Lf (toy, balanced init u0 = 0.1)", "");
  lines.push(
    ...table(
      [
        "L",
        "weights w1 / w100",
        "flow w1 ms (steps, Rosenbrock)",
        "gd w1 ms (steps)",
        "flow w100 ms (steps)",
        "gd w100 ms (steps)",
        "sampled w100 ms/step (P = 1e4)",
      ],
      [2, 4, 6].map((L) => {
        const f1 = find("flow", "L w1", L);
        const g1 = find("gd", "L w1", L);
        const f100 = find("flow", "L w100", L);
        const g100 = find("gd", "L w100", L);
        const s = findSampled("L w100", L);
        return [
          String(L),
          `${f1?.parameters ?? "—"} / ${s?.parameters ?? "—"}`,
          f1 ? `${fmt(f1.trainMs)} (${f1.steps}, ${f1.rosenbrockSteps ?? 0})` : "—",
          g1 ? `${fmt(g1.trainMs)} (${g1.steps})` : "—",
          f100 ? `${fmt(f100.trainMs)} (${f100.steps})` : "capped",
          g100 ? `${fmt(g100.trainMs)} (${g100.steps})` : "capped",
          fmt(s?.msPerStep),
        ];
      }),
    ),
    "",
  );
  lines.push("#### Deep init scale (L = Lf = 4, width 1, balanced)", "");
  lines.push(
    ...table(
      ["u0", "flow ms", "flow steps (Rosenbrock)", "gd ms", "gd steps", "t_B"],
      [0.1, 0.03, 0.01].map((u0) => {
        const f = find("flow", "u0 L4", u0);
        const g = find("gd", "u0 L4", u0);
        return [
          String(u0),
          fmt(f?.trainMs),
          f ? `${f.steps} (${f.rosenbrockSteps ?? 0})` : "—",
          fmt(g?.trainMs),
          g ? String(g.steps) : "—",
          fmt(f?.tB),
        ];
      }),
    ),
    "",
  );
  // The base point is a cell of every sweep: its spread is the noise of the tables.
  const baseCells: readonly [string, number][] = [
    ["width", 100],
    ["D", 2],
    ["u0", 1e-6],
  ];
  lines.push("#### The base point in each sweep (noise of the tables)", "");
  lines.push(
    ...table(
      ["path", "P sweep (P = 1e4, moments)", "width sweep", "D sweep", "u0 sweep"],
      [
        [
          "flow ms",
          ...[["P", 1e4] as [string, number], ...baseCells].map(([sw, v]) =>
            fmt(find("flow", sw, v)?.trainMs),
          ),
        ],
        [
          "gd ms",
          ...[["P", 1e4] as [string, number], ...baseCells].map(([sw, v]) =>
            fmt(find("gd", sw, v)?.trainMs),
          ),
        ],
        [
          "sampled ms/step",
          ...[["P", 1e4] as [string, number], ...baseCells].map(([sw, v]) =>
            fmt(findSampled(sw, v)?.msPerStep),
          ),
        ],
      ],
    ),
    "",
  );
  lines.push("#### Fitted growth", "");
  lines.push(
    ...table(
      ["path", "sweep", "quantity", "form", "fitted (all 3 values)", "between the 2 largest"],
      growthFits(result).map((f) => [
        f.path,
        f.sweep,
        f.quantity,
        f.form,
        f.value.toFixed(2),
        f.upper !== undefined ? f.upper.toFixed(2) : "",
      ]),
    ),
    "",
  );
  return lines;
}

/** Runs the sweep, writes bench/cost-growth.json and prints docs/cost.md's tables. */
export function benchCostGrowth(): void {
  const loadBefore = loadavg();
  const started = performance.now();
  const result = costGrowth();
  const loadAfter = loadavg();
  const totalSeconds = (performance.now() - started) / 1000;
  console.log(`cost growth: ${totalSeconds.toFixed(0)} s in all`);
  const fits = growthFits(result);
  writeFileSync(
    new URL("./cost-growth.json", import.meta.url),
    `${JSON.stringify(
      {
        node: process.version,
        date: new Date().toISOString(),
        /** os.loadavg() (1, 5, 15 min) before and after the sweep: the machine is shared. */
        loadBefore,
        loadAfter,
        totalSeconds,
        learningRate: LEARNING_RATE,
        repeats: { ...{ min: MIN_REPEATS, max: MAX_REPEATS, budgetMs: BUDGET_MS } },
        stepLimits: STEP_LIMITS,
        ...result,
        fits,
      },
      null,
      2,
    )}\n`,
  );
  for (const line of costGrowthMarkdown(result)) console.log(line);
}

/** One run of the paper's random family (paperFamilySpotCheck). */
export interface PaperFamilyRun {
  readonly dimension: number;
  readonly seed: number;
  readonly path: "flow" | "gd";
  readonly ms: number;
  readonly status: string;
  readonly steps: number;
  readonly tB?: number;
}

/**
 * How much the steps to t_B vary across draws of the paper's random family
 * (buildPaperRandomFamily; D ≤ 64) at the base network (L = 2, width 100, Gaussian u0 = 1e-6):
 * D ∈ {10, 20, 64}, seeds 1-5, flow and gd at lr 0.04, one untimed-warm-up run each (the
 * times are indicative, the steps exact). `npm run bench -- cost-paper` (about 1 minute);
 * writes bench/cost-paper-family.json.
 */
export function paperFamilySpotCheck(log: (line: string) => void = console.log): void {
  const runs: PaperFamilyRun[] = [];
  for (const dimension of [10, 20, 64]) {
    for (const seed of [1, 2, 3, 4, 5]) {
      const stats = buildPaperRandomFamily({ dimension, seed });
      for (const path of ["flow", "gd"] as const) {
        const start = performance.now();
        const run = simulate({
          stats,
          depth: 2,
          fusionLayer: 2,
          width: BASE.width,
          init: BASE.init,
          method: path === "flow" ? FLOW : GD,
          maxSteps: 5_000_000,
        });
        const ms = performance.now() - start;
        const tB = run.crossings.B?.t;
        runs.push({
          dimension,
          seed,
          path,
          ms,
          status: run.status,
          steps: run.steps,
          ...(tB !== undefined ? { tB } : {}),
        });
        log(
          `paper family D = ${dimension} seed ${seed} ${path}: ${ms.toFixed(0)} ms, ${run.steps} steps, t_B = ${tB?.toPrecision(3)}, ${run.status}`,
        );
      }
    }
  }
  writeFileSync(
    new URL("./cost-paper-family.json", import.meta.url),
    `${JSON.stringify({ node: process.version, date: new Date().toISOString(), load: loadavg(), runs }, null, 2)}\n`,
  );
}
