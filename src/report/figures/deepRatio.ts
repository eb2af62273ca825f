import { linspace } from "./chart.js";
import { DEFAULT_GAUSSIAN_WIDTH, deepSweepFigure, GAUSSIAN_DRAWS } from "./deepSweep.js";
import { AUTHORS_RHO } from "./figure.js";

/** The authors' init scale of their ratio sweep (README: `--init 0.1 … --sweep ratio_sweep`). */
const U0 = 0.1;
/**
 * σA/σB from just above the tie (σA = σB: no faster modality, no prediction) to 3. The curve
 * starts at 1.02, where T2 = 1 + (r² − 1)/(1 − ρ²) = 1.0404 at ρ = 0.
 */
const RATIO_MIN = 1.02;
/** The authors' simulated σA/σB (sweep.py ratio_sweep: linspace(1.2, 2.8, 5)). */
const MARKERS = [1.2, 1.6, 2, 2.4, 2.8] as const;

export const deepRatioFigure = deepSweepFigure({
  id: "deep-ratio",
  title: "Deep fusion (L = 4): time ratio against σA/σB for each fusion layer",
  subtitle: (rho) =>
    `toy ρ = ${rho}${rho === AUTHORS_RHO ? " (authors')" : ""} · u0 = ${U0} · dots: balanced init · squares, bars: Gaussian mean, min-max`,
  caption: `T5, T6: four-layer linear networks fused at layer Lf = 1..4 on the toy family (σB = 1, w = (1, 1)) at ρ = ${AUTHORS_RHO}, the authors' setting (their ratio sweep leaves ρ at its default; \`ubias figure deep-ratio --rho 0.5\` draws the ρ = 0.5 version this figure showed before, and the subtitle names the ρ drawn), init scale u0 = ${U0}, gradient flow, against σA/σB ∈ [1, 3]. The faster modality's head start grows with σA/σB, and the deeper the fusion the longer B waits (T6): ratio 1 for early fusion (T1), the T2 value 1 + (σA² − σB²)/(σB²(1 − ρ²)) = σA²/σB² at ρ = 0 for late fusion (T4), the T5 integral in between. Lines: predictions; dots: measured t_B/t_A with balanced init (what T5 assumes); squares and bars: mean and min-max of ${GAUSSIAN_DRAWS} Gaussian-init draws per point in the authors' deep convention (std u0/√numel per branch layer, √2·u0/√numel from the fusion layer on), width ${DEFAULT_GAUSSIAN_WIDTH} (the authors': 100, \`--gaussian-width 100\`), at the authors' σA/σB = 1.2, 1.6, 2, 2.4, 2.8.`,
  claims: ["T5", "T6"],
  parameter: "sigmaRatio",
  axisTitle: "standard-deviation ratio σA/σB",
  logX: false,
  curve: linspace(RATIO_MIN, 3, 50),
  markers: MARKERS,
  fixedRho: true,
  at: (sigmaRatio, rho) => ({
    stats: { family: "toy", sigmaA: sigmaRatio, sigmaB: 1, rho },
    u0: U0,
  }),
});
