// Measurement behind C_ETA (properties/X2.ts): the law of X2's error in discrete time. For
// each gradient-descent run, c_η = |R_gd/X2 − 1|·(1 − k_η) ln(1/u0²) (k_η = r_B/r_A) is
// compared with the law's known terms |ln κ_A| + |ln κ_B| + |ln g| + |ln b|; the excess
// δ = c_η − known must be ≤ C_T2 + C_ETA·ηs_A. Printed: max δ, max (δ − C_T2)/(ηs_A) (the
// constant C_ETA must bound) and max δ/(ηs_A), by ηs_A bucket, with the worst cases.
// Cases: X2's own generator (fast-check sample of X2.arbitrary, seeds 1..S: toy family with
// teacher (1, 1) or random, u0 ∈ [1e-6, 1e-3], balanced/Gaussian width 1-8,
// η λ_stab ∈ [0.1, 1]) plus a corner grid (σA/σB ∈ {1.1, 1.5, 3}, ρ ∈ {−0.9, 0, 0.9},
// u0 ∈ {1e-3, 1e-6}, η λ_stab ∈ {0.1, 1}, balanced width 1, Gaussian width 1 and 8).
// `--authors` adds the authors' configuration of docs/theory.md §6 (σA/σB = 2, ρ = 0.5, lr 0.04,
// width 100, their default init std 1e-9): gd ratio against T2 (5.0), X2 and their 4.39.
// Run: npx tsx scripts/measure/x2Residual.ts [samples per seed, default 100] [--authors]
import fc from "fast-check";
import { checkDiscreteTime, stabilityRate, X2, x2LawTerms } from "../../properties/X2.ts";
import type { CaseVerdict } from "../../src/claims/claim.ts";
import { C_T2 } from "../../src/claims/t2Law.ts";
import { modeSeeds, twoLayerLate } from "../../src/claims/twoLayerCase.ts";
import { phaseTimes } from "../../src/measurement/phaseTimes.ts";
import { simulate } from "../../src/measurement/simulation.ts";
import { orient } from "../../src/statistics/derived.ts";
import type { Statistics } from "../../src/statistics/statistics.ts";
import { fromToy } from "../../src/statistics/toy.ts";
import { discreteTimeLateFusionRatio } from "../../src/theory/discreteTimeLateFusion.ts";

const SAMPLES = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 100);
interface Row {
  excess: number;
  etaSA: number;
  error: number;
  tolerance: number;
  label: string;
}
const rows: Row[] = [];
const reasons = new Map<string, number>();
function record(
  stats: Statistics,
  u0: number,
  init: Parameters<typeof twoLayerLate>[1],
  nu: number,
) {
  const net = twoLayerLate(u0, init);
  const verdict: CaseVerdict = checkDiscreteTime(stats, net, nu);
  if (verdict.kind !== "measured") {
    const key = verdict.kind === "out-of-domain" ? verdict.reason : verdict.kind;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
    return;
  }
  const eta = nu / stabilityRate(stats);
  const terms = x2LawTerms(stats, u0, eta, modeSeeds(stats, net));
  rows.push({
    excess: Math.abs(verdict.error) * terms.phase - terms.known,
    etaSA: terms.etaSA,
    error: verdict.error,
    tolerance: verdict.tolerance,
    label: `${stats.label} u0=${u0.toExponential(2)} ${init.kind} w${init.width} ηλ=${nu.toFixed(2)} ηs_A=${terms.etaSA.toFixed(3)}`,
  });
}

for (const seed of [1, 2, 3]) {
  for (const c of fc.sample(X2.arbitrary, { numRuns: SAMPLES, seed }))
    record(orient(fromToy(c.toy)).stats, c.u0, c.init, c.stabilityNumber);
}
const generated = rows.length;
for (const ratio of [1.1, 1.5, 3])
  for (const rho of [-0.9, 0, 0.9])
    for (const u0 of [1e-3, 1e-6])
      for (const nu of [0.1, 1])
        for (const init of [
          { kind: "balanced" as const, width: 1, seed: 0 },
          { kind: "gaussian" as const, width: 1, seed: 5 },
          { kind: "gaussian" as const, width: 8, seed: 5 },
        ])
          record(orient(fromToy({ sigmaA: ratio, sigmaB: 1, rho })).stats, u0, init, nu);

console.log(
  `${rows.length} measured runs (${generated} from X2's generator, ${rows.length - generated} corner grid); not measured: ${[...reasons].map(([r, n]) => `${r} ${n}`).join(", ")}`,
);
const max = (xs: number[]) => Math.max(...xs);
for (const [lo, hi] of [
  [0, 0.1],
  [0.1, 0.2],
  [0.2, 0.35],
  [0.35, 1],
] as const) {
  const b = rows.filter((r) => r.etaSA >= lo && r.etaSA < hi);
  if (!b.length) continue;
  console.log(
    `ηs_A ∈ [${lo}, ${hi}): ${b.length} runs, max δ ${max(b.map((r) => r.excess)).toFixed(3)}, max (δ − C_T2)/ηs_A ${max(b.map((r) => (r.excess - C_T2) / r.etaSA)).toFixed(3)}, max δ/ηs_A ${max(b.map((r) => r.excess / r.etaSA)).toFixed(3)}, max |err|/tol ${max(b.map((r) => Math.abs(r.error) / r.tolerance)).toFixed(3)}`,
  );
}
console.log(
  `max (δ − C_T2)/ηs_A (C_ETA must bound it): ${max(rows.map((r) => (r.excess - C_T2) / r.etaSA)).toFixed(3)}`,
);
console.log(
  `max δ/ηs_A (without C_T2's margin): ${max(rows.map((r) => r.excess / r.etaSA)).toFixed(3)}`,
);
const large = rows.filter((r) => r.etaSA >= 0.1);
console.log(
  `ηs_A ≥ 0.1 (the discretisation resolved above the flow's offsets): ${large.length} runs, max δ/ηs_A ${max(large.map((r) => r.excess / r.etaSA)).toFixed(3)}; largest ηs_A ${max(rows.map((r) => r.etaSA)).toFixed(3)}; max |err|/tol ${max(rows.map((r) => Math.abs(r.error) / r.tolerance)).toFixed(3)}`,
);
for (const r of [...rows].sort((x, y) => y.excess / y.etaSA - x.excess / x.etaSA).slice(0, 6))
  console.log(
    `  δ ${r.excess.toFixed(3)} δ/ηs_A ${(r.excess / r.etaSA).toFixed(3)} err ${(100 * r.error).toFixed(2)} % tol ${(100 * r.tolerance).toFixed(2)} %: ${r.label}`,
  );

if (process.argv.includes("--authors")) {
  const authors = orient(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 })).stats;
  console.log(
    `authors' configuration: T2 5, X2 ${discreteTimeLateFusionRatio(authors, 0.04).ratio.toFixed(4)}, authors measured 4.39`,
  );
  for (const seed of [1, 2, 3, 4, 5]) {
    const init = { kind: "gaussian" as const, u0: 1e-9, seed };
    const gd = simulate({
      stats: authors,
      depth: 2,
      fusionLayer: 2,
      width: 100,
      init,
      method: { kind: "gd", learningRate: 0.04 },
    });
    console.log(`  seed ${seed}: gd ${phaseTimes(gd).ratio.toFixed(4)}`);
  }
}
