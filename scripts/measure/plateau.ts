// Measurement behind the T3 plateau tolerance (properties/T3.ts): deviation of the
// plateau state from (W_A^uni, 0, ℒ(M_A)) scaled by the derived depth u0^α,
// α = 2(1 − σk)·s_A/(s_A + ‖e_B‖). Run: npx tsx scripts/measure/plateau.ts
import { modeSeeds, simulateCase } from "../../src/claims/twoLayerCase.ts";
import { derive } from "../../src/statistics/index.ts";
import { phaseTwoSign } from "../../src/theory/initAwareLateFusion.ts";
import { twoLayerToyGrid } from "./toyGrid.ts";

const scaled: number[] = [];
for (const { r, rho, w, u0, stats, net } of twoLayerToyGrid([1e-6, 1e-12])) {
  const { init, width } = net;
  const q = derive(stats);
  const sigma = phaseTwoSign(stats);
  if (init === "balanced" && sigma < 0) continue;
  const c = simulateCase(stats, net);
  if (!c.times.reached) {
    console.log("not reached", r, rho, w, u0, init);
    continue;
  }
  const p = c.run.plateau!;
  const g = Math.hypot(...q.wUniA);
  const b = Math.hypot(...q.wFull.slice(1));
  const dev = Math.max(
    Math.abs(p.totalMap[0]! - q.wUniA[0]!) / g,
    Math.abs(p.totalMap[1]!) / b,
    Math.abs(p.loss - q.lossUniA) / (q.lossZero - q.lossFull),
  );
  const e = Math.hypot(...q.eB);
  const k = q.sB / q.sA;
  const alpha = (2 * (1 - sigma * k) * q.sA) / (q.sA + e);
  const seeds = modeSeeds(stats, net);
  const s = dev / u0 ** alpha;
  scaled.push(s);
  if (process.env.ALL)
    console.log(
      r,
      rho,
      w.join(","),
      u0,
      init,
      width,
      "dev",
      dev.toExponential(2),
      "alpha",
      alpha.toFixed(3),
      "scaled",
      s.toFixed(2),
      "k",
      k.toFixed(3),
      seeds,
    );
}
scaled.sort((a, b) => a - b);
console.log(
  "dev/u0^alpha: median",
  scaled[scaled.length >> 1],
  "p90",
  scaled[Math.floor(scaled.length * 0.9)],
  "max",
  scaled[scaled.length - 1],
);
