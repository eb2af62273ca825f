// T10.over-late on generated cases (properties/T10.ts): how often late fusion's interpolator
// has the larger ‖W_A‖ and the larger E_g than early fusion's (dA < P < D).
// Run: npx tsx scripts/measure/t10OverLate.ts [cases] [over|over-wide]
import fc from "fast-check";
import { T10OverLate } from "../../properties/T10.ts";
import { t10Samples } from "../../src/claims/arbitraries/t10Samples.ts";

const n = Number(process.argv[2] ?? 60);
const regime = (process.argv[3] ?? "over") as "over" | "over-wide";
const cases = fc.sample(t10Samples({ regime }), { numRuns: n, seed: 7 });
let weight = 0;
let eg = 0;
let both = 0;
let measured = 0;
for (const c of cases) {
  const t0 = performance.now();
  const v = T10OverLate.check(c);
  if (v.kind !== "measured") continue;
  measured++;
  const d = v.details as Record<string, number>;
  const w = d.normALate! >= d.normAEarly!;
  const e = d.egLate! >= d.egEarly!;
  weight += w ? 1 : 0;
  eg += e ? 1 : 0;
  both += w && e ? 1 : 0;
  console.log(
    `dA=${c.dA} dB=${c.dB} P=${c.samples} u0=${c.u0.toExponential(1)} ‖W_A‖ ${d.normAEarly!.toFixed(3)}→${d.normALate!.toFixed(3)} E_g ${d.egEarly!.toFixed(4)}→${d.egLate!.toFixed(4)} ${((performance.now() - t0) / 1000).toFixed(2)} s`,
  );
}
console.log(`measured ${measured}: larger ‖W_A‖ ${weight}, larger E_g ${eg}, both ${both}`);
