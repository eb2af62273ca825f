// Measurement behind X5.per-mode: error of the per-mode (clock) form of X5
// (src/theory/vectorTargets.ts perModeTimes, rates from src/claims/vectorTargetPerMode.ts)
// beside the operator form, at u0 = 1e-6 and 1e-12, on the X5 generator's multi-mode-A cases
// (Σ_yxA of rank ≥ 2) and the fixture fixtures/counterexamples/X5-multi-mode-A.json.
// The 1/ln(1/u0) law predicts err(1e-12)/err(1e-6) = 1/2.
// Run: npx tsx scripts/measure/x5PerMode.ts [seeds]
import {
  buildVectorTargetStatistics,
  type VectorTargetCase,
} from "../../src/claims/arbitraries/vectorTargetStatistics.ts";
import { relativeError } from "../../src/claims/twoLayerCase.ts";
import { simulateVectorTargetCase, vectorTargetSetup } from "../../src/claims/vectorTargetCase.ts";
import { perModeRates } from "../../src/claims/vectorTargetPerMode.ts";
import { perModeSeparation, perModeTimes } from "../../src/theory/vectorTargets.ts";

const seeds = Number(process.argv[2] ?? 24);
const cases: VectorTargetCase[] = [{ outputs: 2, dA: 2, dB: 1, condition: 3, seed: 10 }];
for (let seed = 0; seed < seeds; seed++)
  cases.push({
    outputs: 2 + (seed % 2),
    dA: 1 + (seed % 3),
    dB: 1 + (Math.floor(seed / 3) % 3),
    condition: 1 + (seed % 4),
    seed,
  });
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
let worstRatioPer = 0;
let worstRatioOp = 0;
for (const c of cases) {
  const setup = vectorTargetSetup(buildVectorTargetStatistics(c), 1e-6);
  if (setup.outOfDomain || !setup.multiModeA) continue;
  const pm = perModeRates(setup.stats);
  const pred = perModeTimes(pm.rates);
  const measured = [1e-6, 1e-12].map((u0) => simulateVectorTargetCase(setup.stats, u0).times);
  if (!measured.every((m) => m.reached)) {
    console.log(`k=${c.outputs} dA=${c.dA} dB=${c.dB} seed=${c.seed}: threshold not reached`);
    continue;
  }
  const [op6, op12] = measured.map((m) => relativeError(m.ratio, setup.ratio));
  const [pm6, pm12] = measured.map((m) => relativeError(m.ratio, pred.ratio));
  const shrinkPer = Math.abs(pm12!) / Math.abs(pm6!);
  const shrinkOp = Math.abs(op12!) / Math.abs(op6!);
  worstRatioPer = Math.max(worstRatioPer, Math.abs(pm12!) > 0.01 ? shrinkPer : 0);
  worstRatioOp = Math.max(worstRatioOp, Math.abs(op12!) > 0.01 ? shrinkOp : 0);
  console.log(
    `k=${c.outputs} dA=${c.dA} dB=${c.dB} κ=${c.condition} seed=${c.seed} gap=${perModeSeparation(pred).toFixed(3)} nA=${pm.rates.aRates.length} thrModes=${pm.rates.aThresholdModes} fractions=${pm.aNormFractions.map((f) => f.toFixed(3)).join(",")} ` +
      `measured=${measured.map((m) => m.ratio.toPrecision(5)).join(",")} operator=${setup.ratio.toPrecision(5)} (${pct(op6!)}, ${pct(op12!)}; ×${shrinkOp.toFixed(2)}) ` +
      `perMode=${pred.ratio.toPrecision(5)} (${pct(pm6!)}, ${pct(pm12!)}; ×${shrinkPer.toFixed(2)})`,
  );
}
console.log(
  `worst err(1e-12)/err(1e-6) where |err(1e-12)| > 1%: per-mode ${worstRatioPer.toFixed(2)}, operator ${worstRatioOp.toFixed(2)}`,
);
