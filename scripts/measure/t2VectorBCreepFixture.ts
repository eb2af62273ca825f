/**
 * Writes fixtures/counterexamples/T2-vector-B-creep.json: a generic vector-statistics draw
 * (cond Σ = 5.8e3) where B's threshold ½‖W_B^full‖ lies beyond its aligned saturation, so t_B
 * times B's slow creep along the Schur complement and T2's per-run error is c ≈ 344/((1−k)L_u),
 * far outside the log law; the next-order prediction still times it.
 *   npx tsx scripts/measure/t2VectorBCreepFixture.ts
 */
import { writeFileSync } from "node:fs";
import { buildVectorStatistics } from "../../src/claims/arbitraries/vectorStatistics.js";
import { t2LawTolerance } from "../../src/claims/t2Law.js";
import {
  lateFusionWeights,
  modeSeeds,
  simulateCase,
  twoLayerLate,
} from "../../src/claims/twoLayerCase.js";
import { orient } from "../../src/statistics/derived.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";
import { nextOrderLateFusion } from "../../src/theory/nextOrderLateFusion.js";

const vector = {
  dA: 5,
  dB: 5,
  condition: Math.exp(((380 * 0.618) % 1) * Math.log(3e4)),
  seed: 380,
};
const stats = orient(buildVectorStatistics(vector)).stats;
const net = twoLayerLate(1e-9, { kind: "balanced", width: 1, seed: 0 });
const { times } = simulateCase(stats, net);
const next = nextOrderLateFusion(stats, lateFusionWeights(stats, net));
const fixture = {
  claim: "T2.vector",
  finding:
    "Generic vector statistics with cond Σ = 5.8e3: B's aligned saturation ‖e_B‖/(ê S êᵀ) is 0.6 of its threshold ½‖W_B^full‖, so t_B is reached only during B's slow creep toward W_B^full along the Schur complement S's weak directions. That creep is O(1) in u0 (T2 is still the u0 → 0 limit) but its length grows like 1/λ_min(S), not like ln cond Σ, so T2's per-run error here is far outside the law that bounds the paper's family and cond Σ ≤ 1e3 (T2.vector's generic cap). The next-order prediction, which follows B exactly, times it.",
  case: { vector, u0: net.u0, init: { kind: net.init, width: net.width, seed: net.seed } },
  predictedRatio: lateFusionRatio(stats).ratio,
  lawTolerance: t2LawTolerance(stats, net.u0, modeSeeds(stats, net)),
  nextOrderRatio: next.ratio,
  measured: { tA: times.tA, tB: times.tB, ratio: times.ratio },
  command: "npx tsx scripts/measure/t2VectorBCreepFixture.ts",
};
writeFileSync(
  new URL("../../fixtures/counterexamples/T2-vector-B-creep.json", import.meta.url),
  `${JSON.stringify(fixture, null, 2)}\n`,
);
console.log(fixture);
