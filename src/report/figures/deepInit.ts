import { logspace } from "./chart.js";
import { DEFAULT_GAUSSIAN_WIDTH, deepSweepFigure, GAUSSIAN_DRAWS } from "./deepSweep.js";
import { AUTHORS_RHO } from "./figure.js";

/** The authors' default σA/σB (config.py --ratio 2). */
const SIGMA_A = 2;
/** The authors' simulated init scales (sweep.py init_sweep: linspace(0.03, 0.18, 5)). */
const MARKERS = [0.03, 0.0675, 0.105, 0.1425, 0.18] as const;

export const deepInitFigure = deepSweepFigure({
  id: "deep-init",
  title: "Deep fusion (L = 4): time ratio against the init scale u0",
  subtitle: (rho) =>
    `toy σA/σB = ${SIGMA_A}, ρ = ${rho}${rho === AUTHORS_RHO ? " (authors')" : ""} · dots: balanced init · squares, bars: Gaussian mean, min-max`,
  caption: `T5, T7: four-layer linear networks fused at layer Lf = 1..4 on the toy family (σA/σB = ${SIGMA_A}, w = (1, 1)) at ρ = ${AUTHORS_RHO}, the authors' setting (their init sweep's Lf = L theory line, 4, is the ρ = 0 value of T2; \`ubias figure deep-init --rho 0.5\` draws the ρ = 0.5 version this figure showed before, where that line is 5, and the subtitle names the ρ drawn), init scale u0 ∈ [0.01, 0.2], gradient flow. For intermediate fusion (Lf = 2, 3) the ratio grows with u0 and tends to 1 as u0 → 0 (T7), while early (Lf = 1) and late (Lf = 4) fusion do not depend on u0 to leading order (T1, T4). Lines: predictions; dots: measured t_B/t_A with balanced init; squares and bars: mean and min-max of ${GAUSSIAN_DRAWS} Gaussian-init draws per point in the authors' deep convention (std u0/√numel per branch layer, √2·u0/√numel from the fusion layer on), width ${DEFAULT_GAUSSIAN_WIDTH} (the authors': 100, \`--gaussian-width 100\`), at the authors' u0 = 0.03, 0.0675, 0.105, 0.1425, 0.18; both axes logarithmic. The leading-order T5 lies above the balanced-init simulation as u0 grows.`,
  claims: ["T5", "T7"],
  parameter: "u0",
  axisTitle: "init scale u0 (log scale)",
  logX: true,
  curve: logspace(0.01, 0.2, 40),
  markers: MARKERS,
  fixedRho: true,
  at: (u0, rho) => ({ stats: { family: "toy", sigmaA: SIGMA_A, sigmaB: 1, rho }, u0 }),
});
