// T10.unimodal-stall on generated cases (properties/T10.ts): measured stall slope against
// 2(1 − k̂), and whether B's threshold was crossed. Run: npx tsx scripts/measure/t10StallGenerated.ts [cases]
import fc from "fast-check";
import { T10UnimodalStall } from "../../properties/T10.ts";
import { t10Samples } from "../../src/claims/arbitraries/t10Samples.ts";

const n = Number(process.argv[2] ?? 40);
const cases = fc.sample(t10Samples({ regime: "stall", minU0: 1e-10, maxU0: 1e-8 }), {
  numRuns: n,
  seed: 11,
});
for (const c of cases) {
  const v = T10UnimodalStall.check(c);
  const d = v.details as Record<string, number>;
  const err = v.kind === "measured" ? v.error.toFixed(4) : v.kind;
  console.log(
    `dA=${c.dA} dB=${c.dB} P=${c.samples} h=${c.width} u0=${c.u0.toExponential(1)} k̂=${d.rateRatio!.toFixed(3)} slope ${d.measuredSlope?.toFixed(4)} pred ${d.predictedSlope!.toFixed(4)} ‖W_B‖ ${d.normBLarge?.toExponential(2)} thr ${d.thresholdB?.toFixed(3)} error ${err}`,
  );
}
