// Measurement behind C_T2 (properties/T2.ts): the residual of the next-order prediction R₁
// (src/theory/initAwareLateFusion.ts), |R_measured/R₁ − 1|·(1 − σk)·ln(1/u0²), two-layer
// late fusion, toy family w = (1, 1), gradient flow. Also prints T2's own error for reference.
// Run: npx tsx scripts/measure/t2Residual.ts
import { modeSeeds, simulateCase } from "../../src/claims/twoLayerCase.ts";
import { derive, fromToy } from "../../src/statistics/index.ts";
import { initAwareLateFusion, phaseTwoSign } from "../../src/theory/initAwareLateFusion.ts";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.ts";

const residuals: number[] = [];
const inits = [
  ["balanced", 1, 0],
  ["gaussian", 1, 1],
  ["gaussian", 1, 2],
  ["gaussian", 4, 3],
  ["gaussian", 8, 4],
  ["gaussian", 32, 5],
] as const;
for (const r of [1.1, 1.5, 2, 3])
  for (const rho of [-0.9, -0.5, 0, 0.5, 0.9])
    for (const u0 of [1e-4, 1e-9])
      for (const [kind, width, seed] of inits) {
        const stats = fromToy({ sigmaA: r, sigmaB: 1, rho });
        const sigma = phaseTwoSign(stats);
        if (kind === "balanced" && sigma < 0) continue; // degenerate: B is never learned (T2's domain)
        const net = { depth: 2, fusionLayer: 2, width, init: kind, seed, u0 };
        const q = derive(stats);
        const t2 = lateFusionRatio(stats).ratio;
        const r1 = initAwareLateFusion(stats, u0, modeSeeds(stats, net)).ratio;
        const measured = simulateCase(stats, net).times.ratio;
        const residual =
          Math.abs(measured / r1 - 1) * (1 - sigma * (q.sB / q.sA)) * 2 * Math.log(1 / u0);
        residuals.push(residual);
        console.log(
          `σA/σB=${r} ρ=${rho} u0=${u0} ${kind}${width}: T2 err ${((measured / t2 - 1) * 100).toFixed(2)}%, R₁ err ${((measured / r1 - 1) * 100).toFixed(2)}%, residual ${residual.toFixed(3)}`,
        );
      }
residuals.sort((a, b) => a - b);
console.log(
  `residual over ${residuals.length} runs: median ${residuals[residuals.length >> 1]!.toFixed(3)}, max ${residuals[residuals.length - 1]!.toFixed(3)}`,
);
