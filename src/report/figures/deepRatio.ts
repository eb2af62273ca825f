import { linspace } from "./chart.js";
import { deepSweepFigure } from "./deepSweep.js";

const RHO = 0.5;
const U0 = 0.1;
/**
 * σA/σB from just above the tie (σA = σB: no faster modality, no prediction) to 3. The curve
 * starts at 1.02, where T2 = 1 + (r² − 1)/(1 − ρ²) = 1.05.
 */
const RATIO_MIN = 1.02;

export const deepRatioFigure = deepSweepFigure({
  id: "deep-ratio",
  title: "Deep fusion (L = 4): time ratio against σA/σB for each fusion layer",
  subtitle: `toy ρ = ${RHO} · balanced init u0 = ${U0} · lines: T1/T5/T4 theory · markers: simulation`,
  caption: `T5, T6: four-layer linear networks fused at layer Lf = 1..4 on the toy family (ρ = ${RHO}, σB = 1, w = (1, 1)), balanced init u0 = ${U0}, gradient flow, against the standard-deviation ratio σA/σB ∈ [1, 3]. The faster modality's head start grows with σA/σB, and the deeper the fusion the longer B waits (T6): ratio 1 for early fusion (T1), the T2 value 1 + (σA² − σB²)/(σB²(1 − ρ²)) for late fusion (T4), the T5 integral in between. Lines: predictions; markers: measured t_B/t_A.`,
  claims: ["T5", "T6"],
  parameter: "sigmaRatio",
  axisTitle: "standard-deviation ratio σA/σB",
  logX: false,
  curve: linspace(RATIO_MIN, 3, 50),
  markers: [1.25, 1.5, 1.75, 2, 2.5, 3],
  at: (sigmaRatio) => ({
    stats: { family: "toy", sigmaA: sigmaRatio, sigmaB: 1, rho: RHO },
    u0: U0,
  }),
});
