/**
 * How many draws of the paper's random family each rule of T2's domain excludes
 * (lateFusionDomain, properties/T2.ts), at D = 10 and 20, Gaussian init width 8 (the issue's
 * setting) and balanced init, u0 = 1e-6 and 1e-9.
 *   npx tsx scripts/measure/paperFamilyDomain.ts [draws]
 */
import { buildPaperRandomFamily } from "../../properties/arbitraries/paperRandomFamily.js";
import { lateFusionDomain, twoLayerLate } from "../../properties/T2.js";

const DRAWS = Number(process.argv[2] ?? 400);
for (const dimension of [10, 20]) {
  for (const u0 of [1e-6, 1e-9]) {
    for (const kind of ["gaussian", "balanced"] as const) {
      const counts: Record<string, number> = {};
      for (let seed = 1; seed <= DRAWS; seed++) {
        const stats = buildPaperRandomFamily({ dimension, seed });
        const net = twoLayerLate(u0, { kind, width: kind === "gaussian" ? 8 : 1, seed });
        const domain = lateFusionDomain(stats, net);
        const key = domain.inDomain ? "in domain" : domain.reason;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      console.log(`D = ${dimension}, u0 = ${u0}, ${kind}: ${JSON.stringify(counts)}`);
    }
  }
}
