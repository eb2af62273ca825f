// Measurement behind C_X4 (properties/X4.ts): the remainder of X4's ratio with target clocks
// (src/theory/unequalDepths.ts, endpoint "target") against balanced-init gradient flow, in
// units of the derived error scale ε = x4ErrorScale(...) (absolute O(1/rate) corrections of
// each crossing over the clock gap). Also prints the leading-order (unit-clock) error.
// Prints the worst |remainder|/ε per u0 and overall on u0 ∈ [1e-4, 1e-2].
// Run: npx tsx scripts/measure/x4Residual.ts
import { x4ErrorScale } from "../../properties/X4.ts";
import { relativeError } from "../../src/claims/twoLayerCase.ts";
import {
  hasZeroRate,
  simulateUnequalDepths,
  unequalDepthSetup,
} from "../../src/claims/unequalDepthCase.ts";
import { fromToy } from "../../src/statistics/toy.ts";

const PAIRS = [
  [2, 3],
  [3, 2],
  [2, 4],
  [4, 2],
  [3, 4],
  [4, 3],
  [2, 2],
  [3, 3],
] as const;
const worstByU0 = new Map<number, number>();
let worst = { value: 0, line: "" };
let count = 0;
for (const ratio of [1.5, 2, 3])
  for (const rho of [-0.5, 0, 0.5, 0.9])
    for (const [wA, wB] of [
      [1, 1],
      [0.5, 1.5],
      [1, -1],
    ])
      for (const [nA, nB] of PAIRS)
        for (const u0 of [1e-1, 1e-2, 1e-3, 1e-4]) {
          const stats = fromToy({ sigmaA: ratio, sigmaB: 1, rho, wA, wB });
          if (hasZeroRate(stats)) continue;
          const setup = unequalDepthSetup(stats, { A: nA, B: nB }, u0);
          if (setup.outOfDomain) continue;
          if (setup.targetPrediction.first !== setup.prediction.first) continue;
          const { times } = simulateUnequalDepths(setup.stats, setup.chainLengths, u0);
          const p = setup.prediction;
          const error = relativeError(times.ratio, p.ratio);
          const remainder = relativeError(times.ratio, setup.targetPrediction.ratio);
          const scale = x4ErrorScale(setup);
          const scaled = Math.abs(remainder) / scale;
          const line = `σA/σB=${ratio} ρ=${rho} w=(${wA},${wB}) n=(${nA},${nB}) u0=${u0} first=${setup.swapped ? "B" : "A"} predicted=${p.ratio.toPrecision(5)} measured=${times.ratio.toPrecision(5)} error=${(100 * error).toFixed(3)}% target=${setup.targetPrediction.ratio.toPrecision(5)} remainder=${(100 * remainder).toFixed(3)}% ε=${scale.toPrecision(3)} |remainder|/ε=${scaled.toFixed(3)} gap=${p.gap.toFixed(3)}`;
          if (!times.reached || times.firstModality !== "A") console.log("ORDER/REACH", line);
          worstByU0.set(u0, Math.max(worstByU0.get(u0) ?? 0, scaled));
          if (u0 <= 1e-2 && scaled > worst.value) worst = { value: scaled, line };
          count++;
        }
console.log(`${count} in-domain runs`);
for (const [u0, w] of worstByU0) console.log(`u0=${u0}: max |remainder|/ε = ${w.toFixed(3)}`);
console.log(`worst on u0 ≤ 1e-2: ${worst.line}`);
