/**
 * Issue 10: T2, R₁ and the next-order prediction against gradient flow on the paper's random
 * family (rand_sweep: inverse-Wishart Σ, df = D + 2, factor 2 on A's block; teacher uniform
 * in [−1, 1]), two-layer late fusion, Gaussian init, width 8.
 *   npx tsx scripts/measure/nextOrderRandomFamily.ts [D] [draws] [seeds] [u0...]
 */

import { twoLayerLate } from "../../properties/T2.js";
import { lateFusionWeights, modeSeeds, simulateCase } from "../../src/claims/twoLayerCase.js";
import { derive, orient } from "../../src/statistics/derived.js";
import { randomFamily } from "../../src/statistics/randomFamily.js";
import { initAwareLateFusion } from "../../src/theory/initAwareLateFusion.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";
import { nextOrderLateFusion } from "../../src/theory/nextOrderLateFusion.js";

const D = Number(process.argv[2] ?? 10);
const DRAWS = Number(process.argv[3] ?? 12);
const SEEDS = Number(process.argv[4] ?? 4);
const U0S = process.argv.slice(5).map(Number);
const u0s = U0S.length ? U0S : [1e-6, 1e-9];
console.log("D draw u0 seed k T2 measured errT2 errR1 errNext steps ms");
for (let draw = 1; draw <= DRAWS; draw++) {
  const stats = orient(randomFamily(draw, { dimension: D })).stats;
  const late = lateFusionRatio(stats);
  const q = derive(stats);
  for (const u0 of u0s) {
    for (let seed = 0; seed < SEEDS; seed++) {
      const net = twoLayerLate(u0, { kind: "gaussian", width: 8, seed });
      const { times } = simulateCase(stats, net);
      const r1 = initAwareLateFusion(stats, u0, modeSeeds(stats, net)).ratio;
      const start = performance.now();
      const next = nextOrderLateFusion(stats, lateFusionWeights(stats, net));
      const ms = performance.now() - start;
      const err = (p: number) => (times.ratio / p - 1).toFixed(4);
      console.log(
        [
          D,
          draw,
          u0,
          seed,
          (q.sB / q.sA).toFixed(3),
          late.ratio.toFixed(3),
          times.ratio.toFixed(4),
          err(late.ratio),
          err(r1),
          err(next.ratio),
          next.steps,
          ms.toFixed(2),
          late.outOfDomain ?? "",
        ].join(" "),
      );
    }
  }
}
