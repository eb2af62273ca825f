import { checkClaim } from "./src/claims/runner.ts";
import * as T2 from "./properties/T2.ts";
for (const c of [T2.T2, T2.T2SmallInit, T2.T2Convergence, T2.T2Vector]) {
  const r = checkClaim(c as never, { seed: 20240527 });
  console.log(r.id, r.holds, r.casesRun, r.outOfDomain, r.outOfDomainReasons, r.failures, r.worst?.error, r.worst?.tolerance, r.seconds.toFixed(1));
  if (r.counterexample) console.log(JSON.stringify(r.counterexample, null, 1).slice(0, 1500));
}
