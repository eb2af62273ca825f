// Measurement behind C_T9 (properties/T9.ts): residual |t_A − t_A⁽¹⁾|·s_A of the next-order
// absolute time t_A⁽¹⁾ = (ln(1/u0²) − ln κ_A + ln g)/(2 s_A), two-layer late fusion, flow.
// At the flow's default rtol 1e-10, as measured; T9 itself now runs at CLAIM_FLOW_RTOL = 1e-8
// (src/claims/twoLayerCase.ts), which moved its errors by ≤ 1.4e-6 of their tolerance.
// Run: npx tsx scripts/measure/t9Residual.ts
import { modeSeeds, simulateCase } from "../../src/claims/twoLayerCase.ts";
import { derive } from "../../src/statistics/index.ts";
import { twoLayerToyGrid } from "./toyGrid.ts";

const residuals: number[] = [];
const inDomain: number[] = [];
for (const { r, rho, w, u0, stats, net } of twoLayerToyGrid([1e-3, 1e-9])) {
  const { init, width } = net;
  const q = derive(stats);
  const c = simulateCase(stats, net);
  if (!Number.isFinite(c.times.tA)) continue;
  const kappa = modeSeeds(stats, net).kappaA;
  const next =
    (2 * Math.log(1 / u0) - Math.log(kappa) + Math.log(Math.hypot(...q.wUniA))) / (2 * q.sA);
  const res = Math.abs(c.times.tA - next) * q.sA;
  residuals.push(res);
  // T9's domain: B negligible during A's rise, (1 − k)·ln(1/u0²) ≥ 3.
  if ((1 - q.sB / q.sA) * 2 * Math.log(1 / u0) >= 3) inDomain.push(res);
  if (res > 0.5)
    console.log(
      r,
      rho,
      w.join(","),
      u0,
      init,
      width,
      "k",
      (q.sB / q.sA).toFixed(3),
      "residual",
      res.toFixed(3),
    );
}
residuals.sort((a, b) => a - b);
console.log(
  `|t_A − t_A⁽¹⁾|·s_A over ${residuals.length} runs: median ${residuals[residuals.length >> 1]!.toFixed(3)}, p90 ${residuals[Math.floor(residuals.length * 0.9)]!.toFixed(3)}, max ${residuals[residuals.length - 1]!.toFixed(3)}`,
);
inDomain.sort((a, b) => a - b);
console.log(
  `in T9's domain ((1 − k) ln(1/u0²) ≥ 3), ${inDomain.length} runs: max ${inDomain[inDomain.length - 1]!.toFixed(3)}`,
);
