import fc from "fast-check";
import * as T2 from "./properties/T2.ts";
const samples = fc.sample(T2.T2.arbitrary, { seed: 20240527, numRuns: 60 });
samples.forEach((c, i) => {
  const t0 = performance.now();
  const v = T2.T2.check(c);
  const ms = performance.now() - t0;
  if (ms > 500 || v.kind !== "measured" || Math.abs(v.error) > v.tolerance) console.log(i, ms.toFixed(0), JSON.stringify(c), v.kind, (v as any).error, (v as any).tolerance, (v as any).reason, JSON.stringify(v.details).slice(0, 300));
});
