// Measurement behind C_ETA (properties/X2.ts): the extra residual of gradient descent over
// gradient flow, (|R_gd/R₁^η − 1| − |R_flow/R₁ − 1|)·(1 − σk)·ln(1/u0²)/(η s_A), two-layer
// late fusion, toy family w = (1, 1), width 8, balanced and Gaussian init, η s_A ≤ 0.6.
// Also the authors' configuration of THEORY.md §6 (σA/σB = 2, ρ = 0.5, lr 0.04, width 100,
// their default init std 1e-9): gd ratio against T2 (5.0), X2 and their measured 4.39.
// Run: npx tsx scripts/measure/x2Residual.ts
import { modeSeeds } from "../../src/claims/twoLayerCase.ts";
import { phaseTimes } from "../../src/measurement/phaseTimes.ts";
import { simulate } from "../../src/measurement/simulation.ts";
import { derive, orient } from "../../src/statistics/derived.ts";
import { fromToy } from "../../src/statistics/toy.ts";
import {
  discreteTimeInitAware,
  discreteTimeLateFusionRatio,
} from "../../src/theory/discreteTimeLateFusion.ts";
import { initAwareLateFusion, phaseTwoSign } from "../../src/theory/initAwareLateFusion.ts";

let worst = 0;
for (const r of [1.5, 2, 3])
  for (const rho of [-0.8, -0.5, 0, 0.5, 0.9])
    for (const u0 of [1e-4, 1e-9])
      for (const init of ["balanced", "gaussian"] as const) {
        const stats = orient(fromToy({ sigmaA: r, sigmaB: 1, rho })).stats;
        const sigma = phaseTwoSign(stats);
        if (init === "balanced" && sigma < 0) continue; // B never learned (T2's domain)
        const q = derive(stats);
        const net = { depth: 2, fusionLayer: 2, width: 8, init, seed: 3, u0 };
        const seeds = modeSeeds(stats, net);
        const spec = {
          stats,
          depth: 2,
          fusionLayer: 2,
          width: 8,
          init: { kind: init, u0, seed: 3 },
        };
        const flow = phaseTimes(simulate({ ...spec, method: { kind: "flow" } })).ratio;
        const flowError = Math.abs(flow / initAwareLateFusion(stats, u0, seeds).ratio - 1);
        const scale = ((1 - sigma * (q.sB / q.sA)) * 2 * Math.log(1 / u0)) / q.sA;
        for (const etaSA of [0.05, 0.2, 0.4, 0.6]) {
          const eta = etaSA / q.sA;
          const gd = phaseTimes(
            simulate({ ...spec, method: { kind: "gd", learningRate: eta }, maxSteps: 5e6 }),
          ).ratio;
          const gdError = Math.abs(gd / discreteTimeInitAware(stats, u0, eta, seeds).ratio - 1);
          const residual = ((gdError - flowError) * scale) / eta;
          worst = Math.max(worst, residual);
          console.log(
            `σA=${r} ρ=${rho} u0=${u0} ${init} ηs_A=${etaSA}: gd ${gd.toFixed(4)} flow ${flow.toFixed(4)} residual ${residual.toFixed(3)}`,
          );
        }
      }
console.log(`max residual (C_ETA measured): ${worst.toFixed(3)}`);

const authors = orient(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 })).stats;
console.log(
  `authors' configuration: T2 5, X2 ${discreteTimeLateFusionRatio(authors, 0.04).ratio.toFixed(4)}, authors measured 4.39`,
);
for (const seed of [1, 2, 3, 4, 5]) {
  const init = { kind: "gaussian" as const, u0: 1e-9, seed };
  const gd = simulate({
    stats: authors,
    depth: 2,
    fusionLayer: 2,
    width: 100,
    init,
    method: { kind: "gd", learningRate: 0.04 },
  });
  console.log(`  seed ${seed}: gd ${phaseTimes(gd).ratio.toFixed(4)}`);
}
