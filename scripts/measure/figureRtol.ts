/**
 * Measures how much the figures' looser flow tolerance (FIGURE_RTOL = 1e-8, src/report/figures/
 * simulationJob.ts) moves a plotted t_B/t_A against the default 1e-10, on the extremes of the
 * toy-ratio figure (two-layer late fusion, width 8, Gaussian init u0 = 1e-6, seed 1).
 *
 * Run: npx tsx scripts/measure/figureRtol.ts
 * Recorded: σA/σB = 3, ρ = ±0.9 and σA/σB = 2, ρ = 0.5 agree to < 1e-6 relative
 * (44.702920 vs 44.702919, 44.840193 vs 44.840193, 5.178988 vs 5.178988) at about half the steps.
 */
import { phaseTimes } from "../../src/measurement/phaseTimes.js";
import { simulate } from "../../src/measurement/simulation.js";
import { orient } from "../../src/statistics/derived.js";
import { fromToy } from "../../src/statistics/toy.js";

const CASES = [
  [3, 0.9],
  [3, -0.9],
  [2, 0.5],
  [1, 0.3],
] as const;

for (const rtol of [1e-10, 1e-8, 1e-6]) {
  const cells = CASES.map(([sigmaA, rho]) => {
    const run = simulate({
      stats: orient(fromToy({ sigmaA, sigmaB: 1, rho })).stats,
      depth: 2,
      fusionLayer: 2,
      width: 8,
      init: { kind: "gaussian", u0: 1e-6, seed: 1 },
      method: { kind: "flow", rtol },
      maxSteps: 200_000,
    });
    return `σA/σB = ${sigmaA}, ρ = ${rho}: ${phaseTimes(run).ratio.toFixed(6)} (${run.steps} steps)`;
  });
  console.log(`rtol ${rtol}: ${cells.join(" | ")}`);
}
