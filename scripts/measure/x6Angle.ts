// Measurement behind X6 (properties/X6.ts, src/theory/directionAwareLateFusion.ts): how the
// error of T2's norm form 1 + (s_A − s_B)/‖e_B‖ depends on the angle θ = ∠(Σ_yxB, e_B) and
// on u0, against the projection form 1 + (s_A − Σ_yxB·ê_B)/‖e_B‖, X6's direction-aware
// leading order and its init-aware next order R₁θ. Statistics from the angled generator
// (src/claims/arbitraries/angledVectorStatistics.ts, dA = 3, dB = 2, k = 0.5, ‖e_B‖/s_B = 0.5,
// seeds 1-3), two-layer late fusion, gradient flow; balanced and Gaussian (width 8, seed 1).
// Run: npx tsx scripts/measure/x6Angle.ts [out.md]  (prints a markdown table)
import { writeFileSync } from "node:fs";
import { directionSeeds } from "../../properties/X6.ts";
import { buildAngledVectorStatistics } from "../../src/claims/arbitraries/angledVectorStatistics.ts";
import { simulateCase, twoLayerLate } from "../../src/claims/twoLayerCase.ts";
import { derive, orient } from "../../src/statistics/derived.ts";
import {
  directionAwareInitAware,
  directionAwareLateFusionRatio,
} from "../../src/theory/directionAwareLateFusion.ts";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const lines = [
  "| seed | 1 + cos θ | u0 | init | measured | norm form err | projection form err | X6 err | R₁θ err |",
  "|---|---|---|---|---:|---:|---:|---:|---:|",
];
for (const seed of [1, 2, 3]) {
  for (const onePlusCos of [2, 1, 0.3, 0.1, 1e-2, 1e-3, 1e-4]) {
    const stats = orient(
      buildAngledVectorStatistics({ dA: 3, dB: 2, onePlusCos, k: 0.5, eOverSB: 0.5, seed }),
    ).stats;
    const q = derive(stats);
    const e = Math.hypot(...q.eB);
    const norm = 1 + (q.sA - q.sB) / e;
    const projection = 1 + (q.sA - q.sB * q.cosSigmaBeB) / e;
    for (const u0 of [1e-3, 1e-6, 1e-12]) {
      for (const kind of ["balanced", "gaussian"] as const) {
        const net = twoLayerLate(u0, { kind, width: kind === "balanced" ? 1 : 8, seed: 1 });
        const lead = directionAwareLateFusionRatio(stats, u0, kind === "gaussian").ratio;
        const next = directionAwareInitAware(stats, u0, directionSeeds(stats, net)).ratio;
        const { times } = simulateCase(stats, net);
        const r = times.ratio;
        lines.push(
          `| ${seed} | ${onePlusCos} | ${u0} | ${kind} | ${r.toFixed(3)} | ${pct(r / norm - 1)} | ${pct(r / projection - 1)} | ${pct(r / lead - 1)} | ${pct(r / next - 1)} |`,
        );
      }
    }
  }
}
const table = lines.join("\n");
console.log(table);
if (process.argv[2]) writeFileSync(process.argv[2], `${table}\n`);
