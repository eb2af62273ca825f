/**
 * Issue 10: the law of T2's per-run error, measured on the claims' own generators.
 *
 * The law (docs/next-order.md §2): R/T2 − 1 = ((T2 − 1)/T2)·Λ/((1 − σk)(ln(1/u0²) + a)), with
 * Λ = ln(b/κ_B) − ln(g/κ_A) + δ. T2's and T2.vector's tolerance bounds |R/T2 − 1|·(1 − σk)L_u
 * by the known terms (|ln κ_A| + |ln κ_B| + |ln g| + |ln b| + 2|ln c₊|) plus C (scalars) or
 * C·(1 + ln cond Σ) (vectors). This script samples `T2.arbitrary` and `T2Vector.arbitrary`
 * with fast-check, keeps the cases in T2's domain, and prints the largest residual
 *   (|R/T2 − 1|·(1 − σk)·ln(1/u0²) − known) [/ (1 + ln cond Σ) for vectors],
 * the constant each claim needs, with the worst cases. The next-order prediction stands in
 * for the flow (they agree to ≤ 1e-4 relative, README table); `sim` uses the flow itself.
 *   npx tsx scripts/measure/t2ErrorLaw.ts [cases per claim] [sim]
 */
import fc from "fast-check";
import { T2, T2Vector } from "../../properties/T2.js";
import { buildPaperOrVectorStatistics } from "../../src/claims/arbitraries/paperOrVectorStatistics.js";
import { lateFusionDomain } from "../../src/claims/lateFusionDomain.js";
import { t2LawKnownTerms } from "../../src/claims/t2Law.js";
import {
  lateFusionWeights,
  modeSeeds,
  simulateCase,
  twoLayerLate,
} from "../../src/claims/twoLayerCase.js";
import { symmetricEigenvalues } from "../../src/linalg/eigen.js";
import { derive, orient } from "../../src/statistics/derived.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import { fromToy } from "../../src/statistics/toy.js";
import { phaseTwoSign } from "../../src/theory/initAwareLateFusion.js";
import { nextOrderLateFusion } from "../../src/theory/nextOrderLateFusion.js";

const CASES = Number(process.argv[2] ?? 1000);
const SIM = process.argv[3] === "sim";

interface Sampled {
  readonly stats: Statistics;
  readonly u0: number;
  readonly init: { kind: "balanced" | "gaussian"; width: number; seed: number };
}

const toyCases: Sampled[] = fc
  .sample(T2.arbitrary, { numRuns: CASES, seed: 1 })
  .map((c) => ({ stats: orient(fromToy(c.toy)).stats, u0: c.u0, init: c.init }));
const vectorCases: Sampled[] = fc
  .sample(T2Vector.arbitrary, { numRuns: CASES, seed: 1 })
  .map((c) => ({
    stats: buildPaperOrVectorStatistics(c.stats),
    u0: c.u0,
    init: c.init,
  }));

for (const [name, cases, perCondition] of [
  ["T2 (toy)", toyCases, false],
  ["T2.vector", vectorCases, true],
] as const) {
  const rows: { residual: number; lambda: number; label: string }[] = [];
  let skipped = 0;
  for (const { stats, u0, init } of cases) {
    const net = twoLayerLate(u0, init);
    const domain = lateFusionDomain(stats, net);
    if (!domain.inDomain) continue;
    const measured = SIM
      ? simulateCase(stats, net).times.ratio
      : nextOrderLateFusion(stats, lateFusionWeights(stats, net)).ratio;
    if (!Number.isFinite(measured)) {
      skipped++;
      continue;
    }
    const q = derive(stats);
    const share = 1 - phaseTwoSign(stats) * (q.sB / q.sA);
    const lambda = Math.abs(measured / domain.predicted - 1) * share * 2 * Math.log(1 / u0);
    const known = t2LawKnownTerms(stats, modeSeeds(stats, net));
    const ev = symmetricEigenvalues(stats.sigma);
    const scale = perCondition ? 1 + Math.log(Math.max(...ev) / Math.min(...ev)) : 1;
    rows.push({
      residual: (lambda - known) / scale,
      lambda,
      label: `${stats.label} ${init.kind} width ${init.width} u0=${u0.toExponential(1)}`,
    });
  }
  rows.sort((a, b) => b.residual - a.residual);
  const lambdas = rows.map((r) => r.lambda).sort((a, b) => a - b);
  const q = (p: number) => lambdas[Math.min(lambdas.length - 1, Math.floor(p * lambdas.length))];
  console.log(
    `${name}: ${rows.length} in-domain runs of ${cases.length} (${skipped} without a next-order t_B); |R/T2 − 1|(1 − σk)L_u median ${q(0.5)?.toFixed(2)}, p99 ${q(0.99)?.toFixed(2)}; largest residual ${rows[0]?.residual.toFixed(3)}`,
  );
  for (const r of rows.slice(0, 3)) console.log(`  ${r.residual.toFixed(3)}  ${r.label}`);
}
