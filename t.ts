import fc from "fast-check";
import { T2 } from "./properties/T2.ts";

const samples = fc.sample(T2.arbitrary, { seed: 1, numRuns: 500 });
samples.forEach((c, i) => {
  const v = T2.check(c);
  if (v.kind === "unmeasurable" || (v.kind === "measured" && Math.abs(v.error) > v.tolerance))
    console.log(i, JSON.stringify(c), JSON.stringify(v));
});
