import { fromToy, derive } from "./src/statistics/index.ts";
import { simulate } from "./src/measurement/simulation.ts";
import { phaseTimes } from "./src/measurement/phaseTimes.ts";
import { initProjection } from "./src/measurement/initProjection.ts";
import { lateFusionRatio } from "./src/theory/lateFusionRatio.ts";
import { parameterLayout, fusionArchitecture, initialise } from "./src/network/index.ts";
let worstRes = 0; const res: number[] = [];
for (const r of [1.1, 1.5, 2, 3]) for (const rho of [-0.9, -0.5, 0, 0.5, 0.9]) for (const u0 of [1e-4, 1e-9]) for (const [kind, width, seed] of [["balanced",1,0],["gaussian",1,1],["gaussian",1,2],["gaussian",4,3],["gaussian",8,4],["gaussian",32,5]] as const) {
  const s = fromToy({ sigmaA: r, sigmaB: 1, rho });
  const q = derive(s);
  const T2 = lateFusionRatio(s).ratio;
  const layout = parameterLayout(fusionArchitecture({ depth: 2, fusionLayer: 2, width, dA: 1, dB: 1 }));
  const th = initialise(layout, s, { kind, u0, seed });
  const kp = initProjection(layout, s, th, u0);
  const sign = Math.sign(q.cosSigmaBeB);
  if (kind === "balanced" && sign < 0) continue;
  const Lu = 2 * Math.log(1 / u0);
  const g = Math.hypot(...q.wUniA), b = Math.hypot(...q.wFull.slice(1)), e = Math.hypot(...q.eB);
  const tA = (Lu - Math.log(kp.kappaPlus.A) + Math.log(g)) / (2 * q.sA);
  const kB = sign > 0 ? kp.kappaPlus.B : kp.kappaMinus.B;
  const dur = (Lu - Math.log(kB) + Math.log(b) - 2 * sign * q.sB * tA) / (2 * e);
  const R1 = 1 + dur / tA;
  const m = phaseTimes(simulate({ stats: s, depth: 2, fusionLayer: 2, width, init: { kind, u0, seed }, method: { kind: "flow" } }));
  const k = q.sB / q.sA;
  const resid = Math.abs(m.ratio / R1 - 1) * (1 - k) * Lu;
  res.push(resid);
  console.log(`r=${r} rho=${rho} u0=${u0} ${kind}${width} T2err=${((m.ratio/T2-1)*100).toFixed(2)}% R1err=${((m.ratio/R1-1)*100).toFixed(2)}% resid=${resid.toFixed(3)} |R1/T2-1|=${(Math.abs(R1/T2-1)*100).toFixed(2)}%`);
}
res.sort((a,b)=>a-b); console.log("residual (1-k)Lu|err|: median", res[res.length>>1], "p90", res[Math.floor(res.length*.9)], "max", res[res.length-1]);
