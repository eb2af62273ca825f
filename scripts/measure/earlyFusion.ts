// Measurement behind C_T1 (properties/T1.ts): |t_B − t_A|·λ_min(Σ)·‖W^full‖ for two-layer
// early fusion, balanced init, u0 = 1e-9, toy family with three teachers.
// Run: npx tsx scripts/measure/earlyFusion.ts
import { simulateCase } from "../../src/claims/twoLayerCase.ts";
import { symmetricEigenvalues } from "../../src/linalg/eigen.ts";
import { derive, fromToy, orient } from "../../src/statistics/index.ts";

let worst = 0;
for (const r of [1.1, 1.5, 2, 3])
  for (const rho of [-0.9, -0.5, 0.5, 0.9])
    for (const w of [
      [1, 1],
      [0.5, 1.5],
      [-1, 2],
    ]) {
      const { stats } = orient(fromToy({ sigmaA: r, sigmaB: 1, rho, wA: w[0], wB: w[1] }));
      const c = simulateCase(stats, {
        depth: 2,
        fusionLayer: 1,
        width: 1,
        init: "balanced",
        seed: 0,
        u0: 1e-9,
      });
      const scaled =
        Math.abs(c.times.tB - c.times.tA) *
        symmetricEigenvalues(stats.sigma)[0]! *
        Math.hypot(...derive(stats).wFull);
      worst = Math.max(worst, scaled);
      console.log(
        `σA/σB=${r} ρ=${rho} w=(${w}): t_B/t_A = ${c.times.ratio.toFixed(3)}, |t_B − t_A|·λ_min·‖W^full‖ = ${scaled.toFixed(2)}`,
      );
    }
console.log(`max ${worst.toFixed(2)}`);
