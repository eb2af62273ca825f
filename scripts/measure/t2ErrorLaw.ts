/**
 * Issue 10: the law of T2's per-run error. For each generated case the next-order prediction
 * (src/theory/nextOrderLateFusion.ts; it equals gradient flow to ≤ 1e-4 relative on every run
 * of scripts/measure/nextOrderRandomFamily.ts) stands in for the measured ratio, so thousands
 * of cases cost seconds. Prints the distribution of c = err_T2 · (1 − k) · ln(1/u0²) per
 * family and per cond(Σ_A) bucket, where err_T2 = R/T2 − 1, and the residual of the law
 * |c| ≤ C_LAW·(1 + ln cond Σ) + |ln κ_A| + |ln κ_B| + |ln g| + |ln b| (its largest values, with their cases).
 *   npx tsx scripts/measure/t2ErrorLaw.ts [draws]
 */
import { buildVectorStatistics } from "../../properties/arbitraries/vectorStatistics.js";
import { twoLayerLate } from "../../properties/T2.js";
import { lateFusionWeights, modeSeeds } from "../../src/claims/twoLayerCase.js";
import { derive, orient } from "../../src/statistics/derived.js";
import { subMatrix } from "../../src/statistics/linearAlgebra.js";
import { randomFamily } from "../../src/statistics/randomFamily.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import { symmetricEigenvalues } from "../../src/statistics/statistics.js";
import { fromToy } from "../../src/statistics/toy.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";
import { nextOrderLateFusion } from "../../src/theory/nextOrderLateFusion.js";

const DRAWS = Number(process.argv[2] ?? 60);
const U0S = [1e-4, 1e-6, 1e-9, 1e-12];
const families: Record<string, (seed: number) => Statistics> = {
  // The T2 generator's toy range: σA/σB ∈ [1.1, 3], ρ ∈ [−0.9, 0.9], teacher (1, 1).
  toy: (seed) =>
    fromToy({
      sigmaA: 1.1 + 1.9 * ((seed * 0.618) % 1),
      sigmaB: 1,
      rho: -0.9 + 1.8 * ((seed * 0.382) % 1),
      wA: 1,
      wB: 1,
    }),
  "paper D=10": (seed) => randomFamily(seed, { dimension: 10 }),
  "paper D=20": (seed) => randomFamily(seed, { dimension: 20 }),
  "vector cond≤1e3": (seed) =>
    buildVectorStatistics({
      dA: 1 + (seed % 8),
      dB: 1 + ((seed * 7) % 8),
      condition: Math.exp(((seed * 0.618) % 1) * Math.log(1e3)),
      seed,
    }),
};
const quantile = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
};
for (const [name, make] of Object.entries(families)) {
  const rows: {
    c: number;
    condA: number;
    err: number;
    u0: number;
    residual: number;
    phase: number;
    label: string;
  }[] = [];
  for (let seed = 1; seed <= DRAWS; seed++) {
    const stats = orient(make(seed)).stats;
    const late = lateFusionRatio(stats);
    if (late.outOfDomain) continue;
    const q = derive(stats);
    const k = q.sB / q.sA;
    const ev = symmetricEigenvalues(subMatrix(stats.sigma, [0, stats.dA], [0, stats.dA]));
    const condA = Math.max(...ev) / Math.min(...ev);
    const evAll = symmetricEigenvalues(stats.sigma);
    const cond = Math.max(...evAll) / Math.min(...evAll);
    for (const u0 of U0S) {
      for (const init of [
        { kind: "balanced" as const, width: 1, seed: 0 },
        { kind: "gaussian" as const, width: 8, seed },
      ]) {
        const net = twoLayerLate(u0, init);
        const next = nextOrderLateFusion(stats, lateFusionWeights(stats, net));
        if (next.status !== "reached") continue;
        const err = next.ratio / late.ratio - 1;
        const lu = 2 * Math.log(1 / u0);
        const c = err * (1 - k) * lu;
        const seeds = modeSeeds(stats, net);
        const known =
          Math.abs(Math.log(seeds.kappaA)) +
          Math.abs(Math.log(seeds.kappaB)) +
          Math.abs(Math.log(Math.hypot(...q.wUniA))) +
          Math.abs(Math.log(Math.hypot(...q.wFull.slice(stats.dA)))) +
          (stats.dB > 1 ? 2 * Math.abs(Math.log((1 + q.cosSigmaBeB) / 2)) : 0);
        rows.push({
          c,
          condA,
          err,
          u0,
          residual: (Math.abs(c) - known) / (1 + Math.log(cond)),
          phase: (1 - k) * lu,
          label: `${stats.label} ${init.kind} u0=${u0}`,
        });
      }
    }
  }
  const abs = rows.map((r) => Math.abs(r.c));
  console.log(
    `${name}: ${rows.length} runs; |c| p50 ${quantile(abs, 0.5).toFixed(2)} p90 ${quantile(abs, 0.9).toFixed(2)} p99 ${quantile(abs, 0.99).toFixed(2)} max ${Math.max(...abs).toFixed(2)}`,
  );
  for (const [lo, hi] of [
    [1, 10],
    [10, 100],
    [100, 1000],
    [1000, Infinity],
  ] as const) {
    const bucket = rows.filter((r) => r.condA >= lo && r.condA < hi).map((r) => Math.abs(r.c));
    if (bucket.length)
      console.log(
        `  cond(Σ_A) in [${lo}, ${hi}): ${bucket.length} runs, |c| p50 ${quantile(bucket, 0.5).toFixed(2)} p90 ${quantile(bucket, 0.9).toFixed(2)} max ${Math.max(...bucket).toFixed(2)}`,
      );
  }
  const worst = [...rows].sort((x, y) => y.residual - x.residual).slice(0, 4);
  for (const w of worst)
    console.log(
      `  residual ${w.residual.toFixed(2)} c ${w.c.toFixed(2)} (1−k)L_u ${w.phase.toFixed(1)} cond ${w.condA.toFixed(0)}: ${w.label}`,
    );
  for (const u0 of U0S) {
    const e = rows.filter((r) => r.u0 === u0).map((r) => Math.abs(r.err));
    console.log(
      `  u0 = ${u0}: |err_T2| p50 ${quantile(e, 0.5).toFixed(3)} p90 ${quantile(e, 0.9).toFixed(3)} max ${Math.max(...e).toFixed(3)}`,
    );
  }
}
