/**
 * T2.limit's tolerance, measured on the claim's own generator: `T2Limit.arbitrary` sampled
 * with fast-check (seeds 1..SEEDS), each case's three-point extrapolation R(∞) of the
 * next-order prediction (which gradient flow matches to ≤ 1e-4; `sim` runs the claim itself,
 * i.e. the flow, on the first cases instead) against T2's closed form, in the claim's domain.
 *   npx tsx scripts/measure/t2Limit.ts [cases] [sim]
 */
import fc from "fast-check";
import { LIMIT_U0S, T2Limit } from "../../properties/T2.limit.js";
import { buildPaperOrVectorStatistics } from "../../src/claims/arbitraries/paperOrVectorStatistics.js";
import { lateFusionDomain } from "../../src/claims/lateFusionDomain.js";
import { extrapolatedRatio } from "../../src/claims/smallInitLimit.js";
import { lateFusionWeights, twoLayerLate } from "../../src/claims/twoLayerCase.js";
import { derive } from "../../src/statistics/derived.js";
import { phaseTwoSign } from "../../src/theory/initAwareLateFusion.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";
import { nextOrderLateFusion } from "../../src/theory/nextOrderLateFusion.js";

const CASES = Number(process.argv[2] ?? 600);
const SIM = process.argv[3] === "sim";
const logs = LIMIT_U0S.map((u) => 2 * Math.log(1 / u));
const cases = fc.sample(T2Limit.arbitrary, { numRuns: CASES, seed: 1 });
const errors: number[] = [];
const reasons: Record<string, number> = {};
let worst = 0;
for (const c of cases) {
  if (SIM) {
    const verdict = T2Limit.check(c);
    const key = verdict.kind === "out-of-domain" ? verdict.reason : verdict.kind;
    reasons[key] = (reasons[key] ?? 0) + 1;
    if (verdict.kind === "measured") errors.push(Math.abs(verdict.error));
    continue;
  }
  const stats = buildPaperOrVectorStatistics(c.stats);
  const late = lateFusionRatio(stats);
  const q = derive(stats);
  const nets = LIMIT_U0S.map((u0) => twoLayerLate(u0, c.init));
  const out =
    late.outOfDomain ??
    ((1 - phaseTwoSign(stats) * (q.sB / q.sA)) * logs[0]! < 14 ? "power-corrections" : undefined) ??
    nets.map((net) => lateFusionDomain(stats, net)).find((d) => !d.inDomain)?.reason;
  if (out) {
    reasons[out] = (reasons[out] ?? 0) + 1;
    continue;
  }
  const next = nets.map((net) => nextOrderLateFusion(stats, lateFusionWeights(stats, net)));
  if (next.some((n) => n.status !== "reached")) {
    const key = `next order ${next.find((n) => n.status !== "reached")!.status}`;
    reasons[key] = (reasons[key] ?? 0) + 1;
    continue;
  }
  const error = Math.abs(
    extrapolatedRatio(
      logs,
      next.map((n) => n.ratio),
    ) /
      late.ratio -
      1,
  );
  errors.push(error);
  if (error > worst) {
    worst = error;
    console.log(`${error.toExponential(2)} ${stats.label} ${c.init.kind} width ${c.init.width}`);
  }
}
errors.sort((a, b) => a - b);
const at = (p: number) => errors[Math.min(errors.length - 1, Math.floor(p * errors.length))];
console.log(
  `${errors.length} extrapolations of ${CASES} cases: median ${at(0.5)?.toExponential(2)}, p99 ${at(0.99)?.toExponential(2)}, max ${errors.at(-1)?.toExponential(2)}; excluded ${JSON.stringify(reasons)}`,
);
