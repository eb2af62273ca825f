import { simulateCase } from "./src/claims/twoLayerCase.ts";
import { fromToy } from "./src/statistics/index.ts";
import { predictPhases } from "./src/theory/predict.ts";
const s = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
for (const L of [3, 5, 6]) for (const u0 of [0.1, 0.01, 0.001]) for (const Lf of [2, L - 1, L]) {
  const t0 = performance.now();
  const c = simulateCase(s, { depth: L, fusionLayer: Lf, width: 1, init: "balanced", seed: 0, u0 });
  const ms = performance.now() - t0;
  const p = predictPhases(s, { depth: L, fusionLayer: Lf }, u0);
  console.log(`L=${L} Lf=${Lf} u0=${u0} ${ms.toFixed(0)}ms steps=${c.run.steps} status=${c.run.status} ratio=${c.times.ratio.toFixed(4)} T5=${p.ratio.toFixed(4)} err=${((c.times.ratio / p.ratio - 1) * 100).toFixed(2)}% tA=${c.times.tA.toExponential(3)}`);
}
