import { linspace } from "./chart.js";
import { DEFAULT_GAUSSIAN_WIDTH, deepSweepFigure, GAUSSIAN_DRAWS } from "./deepSweep.js";

/** σA/σB of the sweep (σB = 1) and the init scale: the paper's deep experiments (u0 = 0.1). */
const SIGMA_A = 2;
const U0 = 0.1;
/**
 * ρ from just inside T5's domain ρ > −σB/σA = −0.5 (beyond it B's chain first shrinks and
 * balanced late fusion never learns B) to 0.9.
 */
const RHO_MIN = -0.45;

export const deepRhoFigure = deepSweepFigure({
  id: "deep-rho",
  title: "Deep fusion (L = 4): time ratio against ρ for each fusion layer",
  subtitle: () =>
    `toy σA/σB = ${SIGMA_A} · u0 = ${U0} · dots: balanced init · squares, bars: Gaussian mean, min-max`,
  caption: `T5, T6: four-layer linear networks fused at layer Lf = 1..4 on the toy family (σA/σB = ${SIGMA_A}, w = (1, 1)), balanced init u0 = ${U0}, gradient flow. The unimodal phase lengthens as fusion moves deeper: t_B/t_A is 1 for early fusion (T1), grows with Lf (T6) and reaches the late-fusion T2 value at Lf = L (T4). Lines: the T5 prediction (T1 at Lf = 1, T4 at Lf = 4); dots: measured t_B/t_A with balanced init; squares and bars: mean and min-max of ${GAUSSIAN_DRAWS} Gaussian-init draws per point in the authors' deep convention (std u0/√numel per branch layer, √2·u0/√numel from the fusion layer on), width ${DEFAULT_GAUSSIAN_WIDTH} (the authors': 100, \`--gaussian-width 100\`). At u0 = 0.1 the leading-order T5 is 6-10 % above the simulation for Lf = 2, 3 (README, validity map). ρ ≤ −σB/σA = −0.5 is outside T5's domain and not plotted. The Gaussian draws spread widely at this width (each Lf = 4 bar spans a factor 2.5-5 for ρ ≤ 0.4 and up to 140 at ρ = 0.9), and from ρ = 0.6 on some draws learn B first (a ratio below 1, down to 0.33 at ρ = 0.9 with the default seed): balanced init is what the theory assumes, random init is the authors' experiment.`,
  claims: ["T5", "T6"],
  parameter: "rho",
  axisTitle: "correlation ρ between x_A and x_B",
  logX: false,
  curve: linspace(RHO_MIN, 0.9, 55),
  markers: [-0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 0.9],
  fixedRho: false,
  at: (rho) => ({ stats: { family: "toy", sigmaA: SIGMA_A, sigmaB: 1, rho }, u0: U0 }),
});
