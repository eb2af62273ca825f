// Measurement behind T4_RTOL and T5_SLOPE (properties/T4.ts, T5.ts): relative error of
// predictPhases against balanced-init gradient flow over a deep toy grid, worst per u0, and
// the step counts. Run: npx tsx scripts/measure/deep.ts
import { simulateCase } from "../../src/claims/twoLayerCase.ts";
import { derive, fromToy } from "../../src/statistics/index.ts";
import { predictPhases } from "../../src/theory/predict.ts";

const u0s = [0.1, 0.03, 0.01, 0.003, 0.001];
const worst: Record<string, { error: number; at: string }> = {};
let maxSteps = 0;
const started = performance.now();
for (const r of [1.5, 2, 3])
  for (const rho of [-0.3, 0, 0.5, 0.9])
    for (let L = 3; L <= 6; L++)
      for (let lf = 2; lf <= L; lf++)
        for (const u0 of u0s) {
          const stats = fromToy({ sigmaA: r, sigmaB: 1, rho });
          if (!(derive(stats).cosSigmaBeB > 0)) continue;
          const p = predictPhases(stats, { depth: L, fusionLayer: lf }, u0);
          const c = simulateCase(stats, {
            depth: L,
            fusionLayer: lf,
            width: 1,
            init: "balanced",
            seed: 0,
            u0,
          });
          maxSteps = Math.max(maxSteps, c.run.steps);
          // T5 at Lf = 2 has a logarithmic duration (corrections O(1/ln(1/u0)), as T2); Lf > 2 power laws.
          const kind = lf === L ? "T4" : lf === 2 ? "T5 Lf=2" : "T5 Lf>2";
          const key = `${kind} u0=${u0}`;
          const error = c.times.reached
            ? Math.abs(c.times.ratio / p.ratio - 1)
            : Number.POSITIVE_INFINITY;
          if (!(error <= (worst[key]?.error ?? -1)))
            worst[key] = {
              error,
              at: `σA/σB=${r} ρ=${rho} L=${L} Lf=${lf} (${c.run.status}, ${c.run.steps} steps)`,
            };
        }
for (const [key, w] of Object.entries(worst)) {
  const u0 = Number(key.split("u0=")[1]);
  console.log(
    `${key.padEnd(20)} worst |error| ${(w.error * 100).toFixed(3)}% (·ln(1/u0) = ${(w.error * Math.log(1 / u0)).toFixed(3)}) at ${w.at}`,
  );
}
console.log(
  `largest step count ${maxSteps}; ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
