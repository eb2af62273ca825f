/**
 * T2.limit's tolerance: the three-point extrapolation R(∞) of the next-order prediction
 * (which the flow matches to ≤ 1e-4; `sim` re-runs a few draws through gradient flow itself)
 * against T2's closed form, over the paper's random family (D = 10, 20) and generic vector
 * statistics up to cond Σ = 3e4, balanced and Gaussian width 8, in T2.limit's domain.
 *   npx tsx scripts/measure/t2Limit.ts [draws] [sim]
 */
import { buildPaperRandomFamily } from "../../properties/arbitraries/paperRandomFamily.js";
import {
  buildVectorStatistics,
  PAPER_FAMILY_CONDITION,
} from "../../properties/arbitraries/vectorStatistics.js";
import { lateFusionDomain, twoLayerLate } from "../../properties/T2.js";
import { LIMIT_U0S } from "../../properties/T2.limit.js";
import { extrapolatedRatio } from "../../src/claims/smallInitLimit.js";
import { lateFusionWeights, simulateCase } from "../../src/claims/twoLayerCase.js";
import { derive, orient } from "../../src/statistics/derived.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";
import { nextOrderLateFusion } from "../../src/theory/nextOrderLateFusion.js";

const DRAWS = Number(process.argv[2] ?? 300);
const SIM = process.argv[3] === "sim";
const logs = LIMIT_U0S.map((u) => 2 * Math.log(1 / u));
let worst = 0;
let runs = 0;
for (let seed = 1; seed <= DRAWS; seed++) {
  const draws = [
    orient(
      buildVectorStatistics({
        dA: 1 + (seed % 8),
        dB: 1 + ((seed * 7) % 8),
        condition: Math.exp(((seed * 0.618) % 1) * Math.log(PAPER_FAMILY_CONDITION)),
        seed,
      }),
    ).stats,
    buildPaperRandomFamily({ dimension: seed % 2 ? 10 : 20, seed }),
  ];
  for (const stats of draws) {
    const late = lateFusionRatio(stats);
    const q = derive(stats);
    if (late.outOfDomain || (1 - q.sB / q.sA) * logs[0]! < 14) continue;
    for (const init of [
      { kind: "balanced" as const, width: 1, seed: 0 },
      { kind: "gaussian" as const, width: 8, seed },
    ]) {
      const nets = LIMIT_U0S.map((u0) => twoLayerLate(u0, init));
      if (nets.some((net) => !lateFusionDomain(stats, net).inDomain)) continue;
      const ratios = nets.map((net) =>
        SIM
          ? simulateCase(stats, net).times.ratio
          : nextOrderLateFusion(stats, lateFusionWeights(stats, net)).ratio,
      );
      const error = Math.abs(extrapolatedRatio(logs, ratios) / late.ratio - 1);
      if (!Number.isFinite(error)) continue;
      runs++;
      if (error > worst) {
        worst = error;
        console.log(`${error.toExponential(2)} ${stats.label} ${init.kind}`);
      }
    }
  }
  if (SIM && seed >= 8) break;
}
console.log(`extrapolations ${runs}, worst |R(∞)/T2 − 1| = ${worst.toExponential(3)}`);
