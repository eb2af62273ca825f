import { logspace } from "./chart.js";
import { deepSweepFigure } from "./deepSweep.js";

const SIGMA_A = 2;
const RHO = 0.5;

export const deepInitFigure = deepSweepFigure({
  id: "deep-init",
  title: "Deep fusion (L = 4): time ratio against the init scale u0",
  subtitle: `toy σA/σB = ${SIGMA_A}, ρ = ${RHO} · balanced init · lines: T1/T5/T4 theory · markers: simulation`,
  caption: `T5, T7: four-layer linear networks fused at layer Lf = 1..4 on the toy family (σA/σB = ${SIGMA_A}, ρ = ${RHO}, w = (1, 1)), balanced init of scale u0 ∈ [0.01, 0.2], gradient flow. For intermediate fusion (Lf = 2, 3) the ratio grows with u0 and tends to 1 as u0 → 0 (T7), while early (Lf = 1) and late (Lf = 4) fusion do not depend on u0 to leading order (T1, T4). Lines: predictions; markers: measured t_B/t_A; both axes logarithmic. The leading-order T5 drifts above the simulation as u0 grows (−1 % at 0.01 to −10 % at 0.1, README).`,
  claims: ["T5", "T7"],
  parameter: "u0",
  axisTitle: "init scale u0 (log scale)",
  logX: true,
  curve: logspace(0.01, 0.2, 40),
  markers: [0.01, 0.02, 0.05, 0.1, 0.2],
  at: (u0) => ({ stats: { family: "toy", sigmaA: SIGMA_A, sigmaB: 1, rho: RHO }, u0 }),
});
