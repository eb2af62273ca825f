/**
 * `npm run bench`: median wall times of the project's reference workloads, compared with the
 * targets of the issues and the reference times of docs/theory.md §6 (the authors' PyTorch code
 * on this kind of machine). Benchmarks measure; they never fail the build.
 *
 * Each workload runs once to warm the JIT, then `repeats` times; the median is reported.
 * Results are printed as a table and written to bench/results.json. The `startup` and
 * `report` rows spawn the package's bin, which runs the compiled CLI: `npm run build` first.
 */
import { writeFileSync } from "node:fs";
import { T2 } from "../properties/T2.js";
import { buildPaperRandomFamily } from "../src/claims/arbitraries/paperRandomFamily.js";
import { checkClaim } from "../src/claims/runner.js";
import { lateFusionWeights, simulateCase, twoLayerLate } from "../src/claims/twoLayerCase.js";
import { derive } from "../src/statistics/derived.js";
import { fromToy } from "../src/statistics/toy.js";
import { nextOrderLateFusion } from "../src/theory/nextOrderLateFusion.js";
import { predictPhases } from "../src/theory/predict.js";
import { benchCostGrowth, paperFamilySpotCheck } from "./costGrowth.js";
import type { PeakKernel } from "./peak.js";
import { bestPeak, measurePeaks } from "./peak.js";
import { reluToyWorkloads } from "./reluToy.js";
import { benchReport, reportLines } from "./report.js";
import type { SampledStepRow } from "./sampledStep.js";
import {
  findTorchPython,
  measureSampledStep,
  SAMPLED_STEP_CONFIGS,
  sampledStepLine,
  TorchPeer,
} from "./sampledStep.js";
import { benchStartup, startupLines } from "./startup.js";

interface Workload {
  readonly id: string;
  readonly description: string;
  readonly repeats: number;
  /** Target median in ms from the issue, if any. */
  readonly targetMs?: number;
  /** Reference time in ms of the authors' code for the same job (docs/theory.md §6), if any. */
  readonly referenceMs?: number;
  readonly run: () => void;
}

const toy = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
const paperDraw = buildPaperRandomFamily({ dimension: 20, seed: 3 });
const paperWeights = lateFusionWeights(
  paperDraw,
  twoLayerLate(1e-6, { kind: "gaussian", width: 8, seed: 1 }),
);

/** The deep ρ sweep of the paper's figure: L = 4, Lf = 1..4, 9 ρ in [−0.9, 0.9] where T5 applies. */
function deepRhoSweep(): void {
  const rhos = Array.from({ length: 9 }, (_, i) => -0.9 + 0.225 * i);
  for (let lf = 1; lf <= 4; lf++) {
    // Theory curve: 100 points per Lf.
    for (let i = 0; i < 100; i++) {
      const rho = -0.9 + (1.8 * i) / 99;
      const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho });
      if (derive(stats).cosSigmaBeB <= 0) continue; // outside T5's domain (Σ_yxB, e_B of opposite sign)
      predictPhases(stats, { depth: 4, fusionLayer: lf }, 0.1);
    }
    // Balanced-init simulations at the 9 values of ρ.
    for (const rho of rhos) {
      const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho });
      if (derive(stats).cosSigmaBeB <= 0) continue;
      simulateCase(stats, {
        depth: 4,
        fusionLayer: lf,
        width: 1,
        init: "balanced",
        seed: 0,
        u0: 0.1,
      });
    }
  }
}

const workloads: Workload[] = [
  {
    id: "T2 prediction",
    description: "one T2 prediction, toy σA/σB = 2, ρ = 0.5 (predictPhases, L = Lf = 2)",
    repeats: 2000,
    run: () => predictPhases(toy, { depth: 2, fusionLayer: 2 }, 1e-6),
  },
  {
    id: "next-order prediction",
    description:
      "next-order t_B/t_A for one run (paper's random family D = 20, Gaussian width 8, u0 = 1e-6; docs/next-order.md)",
    repeats: 50,
    run: () => nextOrderLateFusion(paperDraw, paperWeights),
  },
  {
    id: "two-layer flow",
    description: "two-layer late fusion, toy, width 100, Gaussian u0 = 1e-6, gradient flow to t_B",
    repeats: 30,
    targetMs: 50,
    referenceMs: 6400,
    run: () =>
      simulateCase(toy, {
        depth: 2,
        fusionLayer: 2,
        width: 100,
        init: "gaussian",
        seed: 1,
        u0: 1e-6,
      }),
  },
  {
    id: "T2 property ×100",
    description: "the T2 claim at 100 generated cases (seed 20240527)",
    repeats: 5,
    targetMs: 5000,
    run: () => checkClaim(T2, { seed: 20240527, runs: 100 }),
  },
  {
    id: "deep flow",
    description: "L = 4, Lf = 3, balanced u0 = 0.01, toy σA/σB = 2, ρ = 0.5, gradient flow to t_B",
    repeats: 30,
    targetMs: 10,
    referenceMs: 23000,
    run: () =>
      simulateCase(toy, {
        depth: 4,
        fusionLayer: 3,
        width: 1,
        init: "balanced",
        seed: 0,
        u0: 0.01,
      }),
  },
  {
    id: "deep ρ sweep",
    description:
      "paper's deep figure: L = 4, Lf = 1..4 × 9 ρ, 100-point theory curves + balanced simulations, u0 = 0.1",
    repeats: 5,
    targetMs: 3000,
    referenceMs: 4 * 9 * 23000,
    run: deepRhoSweep,
  },
  ...reluToyWorkloads,
];

/** "205× faster than" or "6.6× slower than". */
function speedRatio(referenceMs: number, medianMs: number): string {
  return referenceMs >= medianMs
    ? `${(referenceMs / medianMs).toFixed(0)}× faster than`
    : `${(medianMs / referenceMs).toFixed(1)}× slower than`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : 0.5 * (sorted[mid - 1]! + sorted[mid]!);
}

const only = process.argv.slice(2);
const results = [];
for (const w of workloads.filter(
  (w) => only.length === 0 || only.some((id) => w.id.includes(id)),
)) {
  w.run();
  const times: number[] = [];
  for (let i = 0; i < w.repeats; i++) {
    const start = performance.now();
    w.run();
    times.push(performance.now() - start);
  }
  const medianMs = median(times);
  results.push({
    id: w.id,
    description: w.description,
    repeats: w.repeats,
    medianMs,
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    ...(w.targetMs !== undefined
      ? { targetMs: w.targetMs, meetsTarget: medianMs <= w.targetMs }
      : {}),
    ...(w.referenceMs !== undefined
      ? { referenceMs: w.referenceMs, speedup: w.referenceMs / medianMs }
      : {}),
  });
  const last = results[results.length - 1]!;
  const target =
    w.targetMs !== undefined
      ? ` target ≤ ${w.targetMs} ms: ${last.meetsTarget ? "met" : "MISSED"}`
      : "";
  const ref =
    w.referenceMs !== undefined
      ? `, ${speedRatio(w.referenceMs, medianMs)} the reference ${w.referenceMs / 1000} s`
      : "";
  console.log(
    `${w.id.padEnd(18)} median ${medianMs.toFixed(3).padStart(10)} ms (n = ${w.repeats})${target}${ref}`,
  );
}
/** Pairs per sampled-step row (issue 16: at least 5 alternating pairs). */
const SAMPLED_STEP_PAIRS = 5;
const sampledConfigs = SAMPLED_STEP_CONFIGS.filter(
  (c) => only.length === 0 || only.some((id) => `sampled step ${c.id}`.includes(id)),
);
if (sampledConfigs.length > 0) {
  // Issue 16 items 1, 3, 6: each full-batch step paired with PyTorch's, against the peak: the
  // best dense kernel of bench/peak.ts, measured before the rows and again after them (the
  // machine's load moves during a run; the peak is the best seen), so the rows' lines, with
  // their percent of it, are printed at the end.
  const peaksBefore = measurePeaks();
  const { python, reason } = findTorchPython();
  const peer = python === undefined ? undefined : TorchPeer.start(python);
  const torchPeakGflops = peer ? await peer.matmulGflops(128) : undefined;
  const measured: SampledStepRow[] = [];
  try {
    for (const config of sampledConfigs) {
      measured.push(await measureSampledStep(config, peer, SAMPLED_STEP_PAIRS, reason));
      console.error(`sampled step ${config.id}: measured`);
    }
  } finally {
    peer?.close();
  }
  const peaksAfter = measurePeaks();
  const peaks: PeakKernel[] = peaksBefore.map((k, i) => ({
    kernel: k.kernel,
    gflops: Math.max(k.gflops, peaksAfter[i]?.gflops ?? 0),
  }));
  const peak = bestPeak(peaks);
  for (const k of peaks) {
    console.log(`peak kernel        ${k.gflops.toFixed(2)} GFLOP/s: ${k.kernel} (bench/peak.ts)`);
  }
  console.log(
    `peak               ${peak.gflops.toFixed(2)} GFLOP/s: the best kernel, ${peak.kernel}`,
  );
  if (torchPeakGflops !== undefined) {
    console.log(
      `peak (PyTorch)     ${torchPeakGflops.toFixed(2)} GFLOP/s: torch.mm 128 × 128 float32, one thread (${python})`,
    );
  } else {
    console.log(`PyTorch rows skipped: ${reason}`);
  }
  const rows = measured.map((row) => ({
    ...row,
    percentOfPeak: (100 * row.ubiasGflops) / peak.gflops,
  }));
  for (const row of rows) {
    console.log(`sampled step ${sampledStepLine(row)}; ${row.percentOfPeak.toFixed(0)} % of peak`);
  }
  results.push({
    id: "sampled step",
    description:
      "one full-batch gd step of the sampled ReLU network (P = 8192, width 100) paired with PyTorch's (bench/sampledStep.ts)",
    peakKernel: peak.kernel,
    peakGflops: peak.gflops,
    peakKernels: peaks,
    ...(torchPeakGflops !== undefined ? { torchPeakGflops } : {}),
    rows,
  });
}
if (only.length === 0 || only.some((id) => "startup".includes(id))) {
  const startup = benchStartup();
  results.push(startup);
  for (const line of startupLines(startup)) console.log(line);
}
if (only.length === 0 || only.some((id) => "report".includes(id))) {
  const report = benchReport();
  results.push(report);
  for (const line of reportLines(report)) console.log(line);
}
// Issue 16 item 5 (bench/costGrowth.ts): 141 s at load 5.5-6 (3 passes of 42-75 s), so
// opt-in by its exact id only (`npm run bench -- cost`), never part of the default run; it
// writes bench/cost-growth.json. `-- cost-paper`: the spread of steps over draws of the
// paper's random family (~1 minute, bench/cost-paper-family.json).
if (only.includes("cost")) benchCostGrowth();
if (only.includes("cost-paper")) paperFamilySpotCheck();
// A run that selected no row of results.json (e.g. `-- cost` alone) leaves it as it was.
if (results.length > 0)
  writeFileSync(
    new URL("./results.json", import.meta.url),
    `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2)}\n`,
  );
