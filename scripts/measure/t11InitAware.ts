// Measurement behind C_T11 (properties/T11.ts): for two-layer late-fusion ReLU networks on the
// exact Gaussian population loss, the remainder of the init-aware ratio R₁
// (src/theory/initAwareReluLateFusion.ts: T2 with ln g, ln ‖W_B^full‖ and each branch's side
// seeds ln √(E₊E₋)/u0²),
//   r = |measured/R₁ − 1|·(1 − k)·ln(1/u0²),
// next to the fixed-constant form's |measured/T2 − 1|·(1 − k)·ln(1/u0²), over
// (a) the toy grid σA/σB ∈ {1.1, 1.5, 2, 3} × ρ ∈ {−0.9, −0.5, 0, 0.5, 0.9}, w = (1, 1),
//     u0 ∈ {1e-4, 1e-6, 1e-9, 1e-12}, width ∈ {2, 4, 8}, init seeds 1-3 (r per u0: flat?), and
// (b) seeded samples of the T11 generator itself (random teachers, weak sides).
// Only T11's in-domain measured cases count (checkReluLateFusion decides the domain).
// Run: npx tsx scripts/measure/t11InitAware.ts [n generated per seed] [seeds, comma-separated]
import fc from "fast-check";
import {
  alignedSides,
  checkReluLateFusion,
  reluNextOrder,
  t11Arbitrary,
} from "../../properties/T11.ts";
import { fusionArchitecture } from "../../src/network/architecture.ts";
import { gaussianInit } from "../../src/network/initialisation.ts";
import { parameterLayout } from "../../src/network/layout.ts";
import { orient } from "../../src/statistics/derived.ts";
import type { Statistics } from "../../src/statistics/statistics.ts";
import { fromToy } from "../../src/statistics/toy.ts";

const n = Number(process.argv[2] ?? 200);
const seeds = (process.argv[3] ?? "20240527,1,2").split(",").map(Number);
const gridU0 = (process.argv[4] ?? "1e-4,1e-6,1e-9,1e-12").split(",").map(Number);

interface Row {
  readonly label: string;
  readonly u0: number;
  /** |measured/R₁ − 1|·(1 − k)·ln(1/u0²). */
  readonly initAware: number;
  /** |measured/T2 − 1|·(1 − k)·ln(1/u0²) (the fixed-constant form's remainder). */
  readonly leading: number;
  /** The weaker side seed over both branches, min_m ln(√(E₊E₋)_m/u0²). */
  readonly delta: number;
}

function measure(stats: Statistics, u0: number, width: number, seed: number, label: string) {
  const verdict = checkReluLateFusion({ stats, u0, width, seed });
  if (verdict.kind !== "measured") {
    if (verdict.kind === "unmeasurable") console.log(`UNMEASURABLE ${label}: ${verdict.reason}`);
    return undefined;
  }
  const d = verdict.details as { measured: number; predicted: number; k: number };
  const layout = parameterLayout(
    fusionArchitecture({ depth: 2, fusionLayer: 2, width, dA: 1, dB: 1, activation: "relu" }),
  );
  const theta0 = gaussianInit(layout, u0, seed);
  const r1 = reluNextOrder(stats, u0, theta0, layout);
  const scale = (1 - d.k) * 2 * Math.log(1 / u0);
  const delta = Math.min(
    ...(["A", "B"] as const).map((m) => {
      const s = alignedSides(theta0, layout, stats, m);
      return Math.log(Math.sqrt(s.positive * s.negative) / u0 ** 2);
    }),
  );
  return {
    label,
    u0,
    initAware: Math.abs(d.measured / r1 - 1) * scale,
    leading: Math.abs(d.measured / d.predicted - 1) * scale,
    delta,
  };
}

function summary(name: string, rows: Row[]): void {
  if (rows.length === 0) return;
  const quantiles = (key: "initAware" | "leading") => {
    const sorted = [...rows].sort((a, b) => a[key] - b[key]);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { median: at(0.5)[key], p90: at(0.9)[key], max: at(1)[key], worst: at(1).label };
  };
  const r = quantiles("initAware");
  const l = quantiles("leading");
  console.log(
    `${name}: ${rows.length} cases; init-aware r median ${r.median.toFixed(3)}, p90 ${r.p90.toFixed(3)}, max ${r.max.toFixed(3)} (${r.worst}); fixed-form median ${l.median.toFixed(3)}, max ${l.max.toFixed(3)}`,
  );
}

const grid: Row[] = [];
for (const ratio of [1.1, 1.5, 2, 3])
  for (const rho of [-0.9, -0.5, 0, 0.5, 0.9])
    for (const u0 of gridU0)
      for (const width of [2, 4, 8])
        for (const initSeed of [1, 2, 3]) {
          const stats = orient(fromToy({ sigmaA: ratio, sigmaB: 1, rho })).stats;
          const label = `σA/σB=${ratio} ρ=${rho} u0=${u0} h=${width} seed=${initSeed}`;
          const row = measure(stats, u0, width, initSeed, label);
          if (row) grid.push(row);
        }
summary("grid", grid);
for (const u0 of gridU0)
  summary(
    `grid u0 = ${u0}`,
    grid.filter((r) => r.u0 === u0),
  );

const generated: Row[] = [];
for (const seed of seeds) {
  const rows: Row[] = [];
  for (const c of fc.sample(t11Arbitrary, { seed, numRuns: n })) {
    const stats = orient(fromToy(c.toy)).stats;
    const row = measure(stats, c.u0, c.init.width, c.init.seed, JSON.stringify(c));
    if (row) rows.push(row);
  }
  summary(`generated (seed ${seed})`, rows);
  generated.push(...rows);
}
summary("generated (all seeds)", generated);
const weakest = [...generated].sort((a, b) => a.delta - b.delta).slice(0, 5);
console.log("weakest side seeds δ among generated (δ, init-aware r, fixed-form):");
for (const r of weakest)
  console.log(
    `  δ = ${r.delta.toFixed(2)}  ${r.initAware.toFixed(3)}  ${r.leading.toFixed(3)}  ${r.label}`,
  );
