// Does the median t_B/t_A of deep networks with Gaussian init (the paper's deep convention,
// src/network/initialisation.ts) approach the balanced-init prediction (T5, T4 at Lf = L) as
// the width grows? Toy σA = 2, σB = 1, ρ = 0.5, w = (1, 1), L = 4, Lf ∈ {2, 3, 4}, u0 = 0.1,
// widths 1, 4, 16, 64; gradient flow with the claims' step budget; seeds 0 … n − 1.
// docs/theory.md §6 measured a 2-3x spread across seeds at width 10 (Lf = 4).
// Run: npx tsx scripts/measure/gaussianDeepWidth.ts [seeds = 20] [widths = 1,4,16,64]
// (each row is `ubias simulate --sigma-a 2 --sigma-b 1 --rho 0.5 --depth 4 --fusion Lf
//  --u0 0.1 --width h --repeats n` up to the step budget).
import { simulateCase } from "../../src/claims/twoLayerCase.ts";
import { summarise } from "../../src/report/summary.ts";
import { fromToy, orient } from "../../src/statistics/index.ts";
import { predictPhases } from "../../src/theory/predict.ts";

const seeds = Number(process.argv[2] ?? 20);
const widths = (process.argv[3] ?? "1,4,16,64").split(",").map(Number);
const depth = 4;
const u0 = 0.1;
const { stats } = orient(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }));

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "—");
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "—");
console.log(
  `toy σA=2 σB=1 ρ=0.5 w=(1,1), L=${depth}, u0=${u0}, Gaussian init, gradient flow, seeds 0…${seeds - 1}`,
);
console.log(
  [
    "Lf",
    "pred",
    "src",
    "width",
    "reached",
    "median",
    "med err",
    "q1",
    "q3",
    "IQR",
    "min",
    "max",
    "B first",
    "s",
  ]
    .map((h) => h.padStart(8))
    .join(""),
);
for (const fusionLayer of [2, 3, 4]) {
  const prediction = predictPhases(stats, { depth, fusionLayer }, u0);
  for (const width of widths) {
    const started = performance.now();
    const ratios: number[] = [];
    const statuses: string[] = [];
    let bFirst = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const { run, times } = simulateCase(stats, {
        depth,
        fusionLayer,
        width,
        init: "gaussian",
        seed,
        u0,
      });
      if (times.reached) {
        ratios.push(times.ratio);
        if (times.ratio < 1) bFirst++;
      } else statuses.push(run.status);
    }
    const s = summarise(ratios);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      [
        String(fusionLayer),
        f(prediction.ratio),
        prediction.source,
        String(width),
        `${s.count}/${seeds}`,
        f(s.median),
        pct(s.median / prediction.ratio - 1),
        f(s.q1),
        f(s.q3),
        f(s.iqr),
        f(s.min),
        f(s.max),
        String(bFirst),
        seconds.toFixed(1),
      ]
        .map((c) => c.padStart(8))
        .join("") + (statuses.length > 0 ? `  not reached: ${statuses.join(", ")}` : ""),
    );
  }
}
