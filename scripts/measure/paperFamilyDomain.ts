/**
 * How many draws of the paper's random family each rule of T2's domain excludes
 * (lateFusionDomain, properties/T2.ts), at D = 10 and 20, Gaussian init width 8 (the issue's
 * setting) and balanced init, u0 = 1e-4 (T2.vector's largest), 1e-6 and 1e-9; and the spread of
 * cond Σ_A and cond Σ the family draws.
 *   npx tsx scripts/measure/paperFamilyDomain.ts [draws]
 */

import { buildPaperRandomFamily } from "../../src/claims/arbitraries/paperRandomFamily.js";
import { lateFusionDomain } from "../../src/claims/lateFusionDomain.js";
import { twoLayerLate } from "../../src/claims/twoLayerCase.js";
import { symmetricEigenvalues } from "../../src/linalg/eigen.js";
import { subMatrix } from "../../src/linalg/matrix.js";

const DRAWS = Number(process.argv[2] ?? 400);
const condition = (m: readonly (readonly number[])[]) => {
  const ev = symmetricEigenvalues(m);
  return Math.max(...ev) / Math.min(...ev);
};
const quantiles = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(0);
  return `median ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}, max ${s.at(-1)!.toFixed(0)}`;
};
for (const dimension of [10, 20]) {
  const draws = Array.from({ length: DRAWS }, (_, i) =>
    buildPaperRandomFamily({ dimension, seed: i + 1 }),
  );
  const condA = draws.map((st) => condition(subMatrix(st.sigma, [0, st.dA], [0, st.dA])));
  console.log(
    `D = ${dimension}: cond Σ_A ${quantiles(condA)}; cond Σ ${quantiles(draws.map((st) => condition(st.sigma)))}`,
  );
}
for (const dimension of [10, 20]) {
  for (const u0 of [1e-4, 1e-6, 1e-9]) {
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
