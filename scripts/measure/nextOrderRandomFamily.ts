/**
 * Issue 10's per-run table: T2, R₁ and the next-order prediction against gradient flow on the
 * paper's random family (rand_sweep: inverse-Wishart Σ, df = D + 2, factor 2 on A's block;
 * teacher uniform in [−1, 1]), two-layer late fusion, Gaussian init, width 8. Prints median,
 * p90 and max of |R/prediction − 1| per (D, u0), over the runs that reach both thresholds in
 * T2's stated domain (Σ_yxB·e_B ≥ 0), and the next-order prediction alone over every run.
 *   npx tsx scripts/measure/nextOrderRandomFamily.ts [draws] [seeds] [firstDraw]
 */
import {
  lateFusionWeights,
  modeSeeds,
  simulateCase,
  twoLayerLate,
} from "../../src/claims/twoLayerCase.js";
import { orient } from "../../src/statistics/derived.js";
import { randomFamily } from "../../src/statistics/randomFamily.js";
import { initAwareLateFusion } from "../../src/theory/initAwareLateFusion.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";
import { nextOrderLateFusion } from "../../src/theory/nextOrderLateFusion.js";

const DRAWS = Number(process.argv[2] ?? 20);
const SEEDS = Number(process.argv[3] ?? 5);
const FIRST = Number(process.argv[4] ?? 1);
const quantile = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
};
const p3 = (x: number) => (100 * x).toPrecision(3);
const pct = (a: number[]) =>
  `${p3(quantile(a, 0.5))} / ${p3(quantile(a, 0.9))} / ${p3(Math.max(...a))}`;
console.log(
  "| D | u0 | runs | T2 % (median / p90 / max) | R₁ % | next order % | next order, all runs % |",
);
console.log("|---|---|---|---|---|---|---|");
for (const D of [10, 20]) {
  for (const u0 of [1e-6, 1e-9]) {
    const t2: number[] = [];
    const r1: number[] = [];
    const next: number[] = [];
    const nextAll: number[] = [];
    let unreached = 0;
    for (let draw = FIRST; draw < FIRST + DRAWS; draw++) {
      const stats = orient(randomFamily(draw, { dimension: D })).stats;
      const late = lateFusionRatio(stats);
      for (let seed = 0; seed < SEEDS; seed++) {
        const net = twoLayerLate(u0, { kind: "gaussian", width: 8, seed });
        const { times } = simulateCase(stats, net);
        if (!times.reached) {
          unreached++;
          continue;
        }
        const n = nextOrderLateFusion(stats, lateFusionWeights(stats, net)).ratio;
        nextAll.push(Math.abs(times.ratio / n - 1));
        if (late.outOfDomain) continue;
        const r = initAwareLateFusion(stats, u0, modeSeeds(stats, net)).ratio;
        t2.push(Math.abs(times.ratio / late.ratio - 1));
        r1.push(Math.abs(times.ratio / r - 1));
        next.push(Math.abs(times.ratio / n - 1));
      }
    }
    console.log(
      `| ${D} | ${u0} | ${t2.length} (${nextAll.length} all; ${unreached} without t_B) | ${pct(t2)} | ${pct(r1)} | ${pct(next)} | ${pct(nextAll)} |`,
    );
  }
}
