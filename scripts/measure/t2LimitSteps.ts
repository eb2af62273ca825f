/**
 * T2.limit's flow steps a case (its three runs at u0 = 1e-32, 1e-64, 1e-128) and the
 * extrapolated limit's error at several rtol (issue 16: CLAIM_FLOW_RTOL): the claim's own
 * generator sampled with fast-check (seed 20240527), the cases it measures.
 *   npx tsx scripts/measure/t2LimitSteps.ts [cases] [rtol …]   (default: 12 1e-10 1e-8)
 */
import fc from "fast-check";
import { LIMIT_U0S, T2Limit } from "../../properties/T2.limit.js";
import { buildPaperOrVectorStatistics } from "../../src/claims/arbitraries/paperOrVectorStatistics.js";
import { extrapolatedRatio } from "../../src/claims/smallInitLimit.js";
import { simulateCase, twoLayerLate } from "../../src/claims/twoLayerCase.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";

const CASES = Number(process.argv[2] ?? 12);
const given = process.argv.slice(3).map(Number);
const RTOLS = given.length > 0 ? given : [1e-10, 1e-8];
const logs = LIMIT_U0S.map((u) => 2 * Math.log(1 / u));
for (const c of fc.sample(T2Limit.arbitrary, { numRuns: CASES, seed: 20240527 })) {
  if (T2Limit.check(c).kind !== "measured") continue;
  const stats = buildPaperOrVectorStatistics(c.stats);
  const row = [stats.label.slice(0, 34), `width ${c.init.width} ${c.init.kind}`];
  for (const rtol of RTOLS) {
    let steps = 0;
    const ratios = LIMIT_U0S.map((u0) => {
      const { run, times } = simulateCase(stats, twoLayerLate(u0, c.init), false, undefined, rtol);
      steps += run.steps;
      return times.ratio;
    });
    const error = extrapolatedRatio(logs, ratios) / lateFusionRatio(stats).ratio - 1;
    row.push(`rtol ${rtol}: ${steps} steps, error ${error.toExponential(3)}`);
  }
  console.log(row.join(" | "));
}
