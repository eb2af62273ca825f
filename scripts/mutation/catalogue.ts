import type { Mutant } from "./mutant.js";

/**
 * The mutation catalogue (issue 11): plausible one-line numerics bugs, one area each —
 * gradient terms per branch and layer, init scales, thresholds, event location, tableau
 * weights, step control, clocks, statistics transposes, theory formulas per claim, ReLU
 * kernels, moments, Jacobian refresh. Every row of issue 11's table is here (`issueTable`).
 * `npm run mutation` applies each to a scratch copy (docs/mutation.md); a search string that
 * is not found exactly once fails the run before anything is mutated.
 */
export const MUTANTS: readonly Mutant[] = [
  // --- Gradients, per branch and layer (src/network/linearNetwork.ts) ---
  {
    id: "grad-B-x1.05",
    bug: "B's gradient ×1.05 (every layer B's chain reaches)",
    owner: "T2, T3, T4, T5",
    issueTable: true,
    edits: [
      {
        file: "src/network/linearNetwork.ts",
        search: "for (let i = 0; i < v1.length; i++) v1[i] = g[offset + i]!;",
        replace:
          "for (let i = 0; i < v1.length; i++) v1[i] = (c === 1 ? 1.05 : 1) * g[offset + i]!;",
      },
    ],
  },
  {
    id: "grad-A-x0.95",
    bug: "A's gradient ×0.95",
    owner: "T9, T2",
    edits: [
      {
        file: "src/network/linearNetwork.ts",
        search: "for (let i = 0; i < v1.length; i++) v1[i] = g[offset + i]!;",
        replace:
          "for (let i = 0; i < v1.length; i++) v1[i] = (c === 0 ? 0.95 : 1) * g[offset + i]!;",
      },
    ],
  },
  {
    id: "grad-first-layer-x1.05",
    bug: "input-layer gradient of both chains ×1.05 (the other layers exact)",
    owner: "T9, T1",
    edits: [
      {
        file: "src/network/linearNetwork.ts",
        search: "addOuter(out, block, r[j]!, v[j]!);",
        replace: "addOuter(out, block, r[j]!, j === 1 ? v[j]!.map((x) => 1.05 * x) : v[j]!);",
      },
    ],
  },
  {
    id: "grad-target-term-x1.02",
    bug: "∂ℒ/∂W^tot = WΣ − 1.02·Σ_yx (target term scaled)",
    owner: "T3.final, T10.under",
    edits: [
      {
        file: "src/network/linearNetwork.ts",
        search: "g[i] = row - sigmaYX[i]!;",
        replace: "g[i] = row - 1.02 * sigmaYX[i]!;",
      },
    ],
  },
  {
    id: "loss-quadratic-0.51",
    bug: "loss ½σ_y² − Σ_yxWᵀ + 0.51·WΣWᵀ (loss value only, gradient exact)",
    owner: "T3 (plateau loss)",
    edits: [
      {
        file: "src/network/linearNetwork.ts",
        search: "return 0.5 * sigmaY2 - linear + 0.5 * quadratic;",
        replace: "return 0.5 * sigmaY2 - linear + 0.51 * quadratic;",
      },
    ],
  },
  // --- Initialisation scales (src/network/initialisation.ts) ---
  {
    id: "balanced-post-fusion-u0",
    bug: "balanced init: post-fusion layers at u0 instead of √2·u0",
    owner: "T9.init-scale, T5",
    issueTable: true,
    edits: [
      {
        file: "src/network/initialisation.ts",
        search: 'const scale = block.owner === "shared" ? Math.SQRT2 * u0 : u0;',
        replace: 'const scale = block.owner === "shared" ? u0 : u0;',
      },
    ],
  },
  {
    id: "gaussian-std-1.5u0",
    bug: "Gaussian init std 1.5·u0 (two layers)",
    owner: "T9.init-scale",
    issueTable: true,
    edits: [
      {
        file: "src/network/initialisation.ts",
        search: "if (!deep) return u0;",
        replace: "if (!deep) return 1.5 * u0;",
      },
    ],
  },
  {
    id: "gaussian-deep-fusion-numel-A",
    bug: "deep Gaussian init: fusion-layer numel counts A's block only",
    owner: "T9.init-scale",
    edits: [
      {
        file: "src/network/initialisation.ts",
        search: '.filter((b) => b.layer === fusionLayer && b.owner !== "shared")',
        replace: '.filter((b) => b.layer === fusionLayer && b.owner === "A")',
      },
    ],
  },
  // --- Thresholds and event location ---
  {
    id: "threshold-B-0.45",
    bug: "t_B threshold at 0.45·‖W_B^full‖",
    owner: "every timed claim (crossing state), T2.small-init",
    issueTable: true,
    edits: [
      {
        file: "src/measurement/simulation.ts",
        search: "level: 0.5 * wFullB });",
        replace: "level: 0.45 * wFullB });",
      },
    ],
  },
  {
    id: "threshold-A-0.55",
    bug: "t_A threshold at 0.55·‖W_A^uni‖",
    owner: "every timed claim (crossing state), T9",
    edits: [
      {
        file: "src/measurement/simulation.ts",
        search: "level: 0.5 * Math.hypot(...q.wUniA) },",
        replace: "level: 0.55 * Math.hypot(...q.wUniA) },",
      },
    ],
  },
  {
    id: "event-left-end",
    bug: "event time = left end of the step (root not located)",
    owner: "every timed claim (crossing state)",
    issueTable: true,
    edits: [
      {
        file: "src/training/ode/events.ts",
        search: "const tEvent = brentRoot(g, t, tNew, before, after);",
        replace: "const tEvent = t + 0 * brentRoot(g, t, tNew, before, after);",
      },
    ],
  },
  {
    id: "event-direction-down",
    bug: "threshold events watch downward crossings",
    owner: "every timed claim",
    edits: [
      {
        file: "src/training/gradientFlow.ts",
        search: "direction: 1 as const,",
        replace: "direction: -1 as const,",
      },
    ],
  },
  {
    id: "plateau-fastest-point",
    bug: "T3's plateau state = the fastest point between t_A and t_B, not the slowest",
    owner: "T3",
    edits: [
      {
        file: "src/training/gradientFlow.ts",
        search: "if (plateau === undefined || speed < plateau.speed) {",
        replace: "if (plateau === undefined || speed > plateau.speed) {",
      },
    ],
  },
  // --- Integrators: tableau weights, dense output, step control, Jacobian ---
  {
    id: "dopri5-weight-a74",
    bug: "one DOPRI5 weight (a74 = b4) off by 1e-3",
    owner: "T4, T9.deep",
    issueTable: true,
    edits: [
      {
        file: "src/training/ode/dormandPrince.ts",
        search: "const A74 = 125 / 192;",
        replace: "const A74 = 125 / 192 + 1e-3;",
      },
    ],
  },
  {
    id: "dopri5-dense-d3",
    bug: "DOPRI5 dense-output coefficient d3 off by 1e-3 (relative)",
    owner: "T9.logistic (t_A to 1e-8 against the exact logistic)",
    edits: [
      {
        file: "src/training/ode/dormandPrince.ts",
        search: "const D3 = 87487479700 / 32700410799;",
        replace: "const D3 = (87487479700 / 32700410799) * 1.001;",
      },
    ],
  },
  {
    id: "dopri5-accept-err-1e6",
    bug: "step control accepts steps with error norm up to 1e6 (instead of 1)",
    owner: "none in principle (near-equivalent); the DOPRI5 step-control unit test",
    expectedSurvivor:
      "near-equivalent for the claims: the step-size factor 0.9·err^(−1/5) keeps err ≤ 1 on almost every trial, so the rare accepted step with err ∈ (1, 1e6] moves no timed quantity (T9.logistic: 2.5e-10 against 1.4e-10 unmutated); test/training/ode/dormandPrince.test.ts forces such a trial and catches it",
    edits: [
      {
        file: "src/training/ode/driver.ts",
        search: "    if (!Number.isFinite(err) || err > 1) {",
        replace: "    if (!Number.isFinite(err) || err > 1e6) {",
      },
    ],
  },
  {
    id: "dopri5-error-estimate-1e-3",
    bug: "DOPRI5 error estimate ×1e-3 (the controller believes steps 1000× more accurate)",
    owner: "T9.logistic, T9.deep",
    edits: [
      {
        file: "src/training/ode/dormandPrince.ts",
        search: "(E1 * k1[i]! + E3",
        replace: "1e-3 * (E1 * k1[i]! + E3",
      },
    ],
  },
  {
    id: "flow-rtol-ignored",
    bug: "gradient flow ignores its rtol and integrates at 1e-5",
    owner: "T3.final, T6, T10",
    edits: [
      {
        file: "src/training/gradientFlow.ts",
        search: "  const rtol = options.rtol ?? DEFAULT_FLOW_RTOL;",
        replace: "  const rtol = 1e-5;",
      },
    ],
  },
  {
    id: "rodas5p-gamma",
    bug: "Rodas5P γ off by 1e-3",
    owner: "T4, T5, T9.deep (deep plateaus run on Rosenbrock)",
    edits: [
      {
        file: "src/training/ode/rosenbrockTableaus.ts",
        search: "gamma: 0.21193756319429014,",
        replace: "gamma: 0.21193756319429014 + 1e-3,",
      },
    ],
  },
  {
    id: "rosenbrock-stale-jacobian",
    bug: "stale Rosenbrock Jacobian (computed once, never refreshed)",
    owner: "T4, T9.deep",
    issueTable: true,
    edits: [
      {
        file: "src/training/ode/rosenbrock.ts",
        search: "jacobianFresh = false; // the next step",
        replace: "jacobianFresh = true; // the next step",
      },
    ],
  },
  {
    id: "flow-jacobian-1pct",
    bug: "flow Jacobian 1 % off (central-difference quotient ×1.01)",
    owner: "none measured; the flowJacobian unit test (analytic Hessian)",
    expectedSurvivor:
      "Rodas5P with a 1 % Jacobian error loses order but its step control still holds the local error near rtol: no deep claim moved beyond its tolerance (T9.deep's ≥ 1e-9, T4's ≥ 1e-6); test/training/flowJacobian.test.ts compares the Jacobian with the analytic Hessian",
    edits: [
      {
        file: "src/training/flowJacobian.ts",
        search: "const inverse = -1 / (up - down);",
        replace: "const inverse = -1.01 / (up - down);",
      },
    ],
  },
  // --- Gradient descent's clock and update (src/training/gradientDescent.ts) ---
  {
    id: "gd-clock-plus-eta",
    bug: "gradient-descent time η·steps + η",
    owner: "T9.gd-clock",
    issueTable: true,
    edits: [
      {
        file: "src/training/gradientDescent.ts",
        search: "const t = step * eta;",
        replace: "const t = step * eta + eta;",
      },
    ],
  },
  {
    id: "gd-half-step",
    bug: "gradient descent steps by η/2 while its clock advances by η",
    owner: "T9.gd-clock (X2)",
    edits: [
      {
        file: "src/training/gradientDescent.ts",
        search: "theta[i]! -= eta * grad[i]!;",
        replace: "theta[i]! -= 0.5 * eta * grad[i]!;",
      },
    ],
  },
  // --- Statistics: transposes and reference solutions (src/statistics) ---
  {
    id: "eB-sigmaBA",
    bug: "Σ_BA for Σ_AB in e_B",
    owner: "T2.vector, T3, X-series",
    issueTable: true,
    edits: [
      {
        file: "src/statistics/derived.ts",
        search: "const sigmaAB = subMatrix(sigma, [0, dA], [dA, d]);",
        replace: "const sigmaAB = subMatrix(sigma, [dA, d], [0, dA]);",
      },
    ],
  },
  {
    id: "misattribution-sign",
    bug: "misattribution sign flipped (W_A^full − W_A^uni)",
    owner: "T3",
    issueTable: true,
    edits: [
      {
        file: "src/statistics/derived.ts",
        search: "misattribution: wUniA.map((v, i) => v - wFull[i]!),",
        replace: "misattribution: wUniA.map((v, i) => wFull[i]! - v),",
      },
    ],
  },
  {
    id: "wUniA-sigmaB",
    bug: "W_A^uni = Σ_yxA Σ_B⁻¹ (wrong block inverted)",
    owner: "T3, T9 (threshold ½‖W_A^uni‖)",
    edits: [
      {
        file: "src/statistics/derived.ts",
        search: "const wUniA = rowTimesMatrix(yxA, inverse(sigmaA));",
        replace: "const wUniA = rowTimesMatrix(yxA, inverse(sigmaB));",
      },
    ],
  },
  {
    id: "lossUniA-0.99",
    bug: "ℒ(M_A) = ½(σ_y² − 0.99·Σ_yxA Σ_A⁻¹ Σ_yxAᵀ)",
    owner: "T3 (plateau loss)",
    edits: [
      {
        file: "src/statistics/derived.ts",
        search: "lossUniA: 0.5 * (sigmaY2 - dot(wUniA, yxA)),",
        replace: "lossUniA: 0.5 * (sigmaY2 - 0.99 * dot(wUniA, yxA)),",
      },
    ],
  },
  {
    id: "toy-covariance-sigmaA2",
    bug: "toy family: Cov(x_A, x_B) = ρσ_A² instead of ρσ_Aσ_B",
    owner: "T3 (toy closed form ρw_Bσ_B/σ_A of the misattribution)",
    edits: [
      {
        file: "src/statistics/toy.ts",
        search: "const covariance = rho * sigmaA * sigmaB;",
        replace: "const covariance = rho * sigmaA * sigmaA;",
      },
    ],
  },
  {
    id: "sampling-cholesky-transposed",
    bug: "samples drawn as x = Lᵀz (Cholesky factor transposed: covariance LᵀL ≠ Σ)",
    owner: "T10.moments",
    edits: [
      {
        file: "src/data/sampleFromStatistics.ts",
        search: "for (let k = 0; k <= i; k++) xi += lower[i * d + k]! * z[k]!;",
        replace: "for (let k = 0; k <= i; k++) xi += lower[k * d + i]! * z[k]!;",
      },
    ],
  },
  {
    id: "moments-P-minus-1",
    bug: "sample moments divided by P − 1",
    owner: "T10.under",
    issueTable: true,
    edits: [
      {
        file: "src/data/moments.ts",
        search: "const v = xx[i * d + j]! / count;",
        replace: "const v = xx[i * d + j]! / (count - 1);",
      },
      {
        file: "src/data/moments.ts",
        search: "sigmaYX: Array.from(yx, (v) => v / count),",
        replace: "sigmaYX: Array.from(yx, (v) => v / (count - 1)),",
      },
      {
        file: "src/data/moments.ts",
        search: "sigmaY2: this.yy / count,",
        replace: "sigmaY2: this.yy / (count - 1),",
      },
    ],
  },
  // --- Theory formulas, per claim (src/theory) ---
  {
    id: "T2-vector-eB-squared",
    bug: "T2 for vector B with ‖e_B‖²",
    owner: "T2.vector",
    issueTable: true,
    edits: [
      {
        file: "src/theory/lateFusionRatio.ts",
        search: "const ratio = 1 + (q.sA - q.sB) / eNorm;",
        replace: "const ratio = 1 + (q.sA - q.sB) / eNorm ** 2;",
      },
    ],
  },
  {
    id: "T2-scalar-unsigned",
    bug: "T2 (scalar B) without the sign σ: 1 + (s_A − |Σ_yxB|)/|e_B|",
    owner: "T2 (Gaussian init, Σ_yxB·e_B < 0)",
    edits: [
      {
        file: "src/theory/lateFusionRatio.ts",
        search: "const ratio = 1 + (q.sA - yxB[0]! * sign) / eNorm;",
        replace: "const ratio = 1 + (q.sA - Math.abs(yxB[0]!)) / eNorm;",
      },
    ],
  },
  {
    id: "T4-excess-over-1.05e",
    bug: "T2/T4 late-fusion excess (1 − k)s_A/(1.05·e)",
    owner: "T4",
    edits: [
      {
        file: "src/theory/intermediateFusion.ts",
        search: "return ((1 - rates.k) * rates.sA) / rates.e;",
        replace: "return ((1 - rates.k) * rates.sA) / (1.05 * rates.e);",
      },
    ],
  },
  {
    id: "T5-exponent-plus-0.05",
    bug: "T5 exponent of g + 0.05 (g^{Lf/L − 1 + 0.05})",
    owner: "T5",
    issueTable: true,
    edits: [
      {
        file: "src/theory/intermediateFusion.ts",
        search: "rates.g ** (Lf / L - 1)",
        replace: "rates.g ** (Lf / L - 1 + 0.05)",
      },
    ],
  },
  {
    id: "T5-integrand-exponent",
    bug: "T5 integrand (1 + r²)^{−(L − Lf)/2} with exponent −(L − Lf)/2.2",
    owner: "T5",
    expectedSurvivor:
      "T5 compares t_B/t_A only, and this bug moves t_A (the integral) and the ratio's denominator together; comparing t_A itself at intermediate fusion needs a tolerance measured on the deep grid (not done in issue 11); the T5 unit test catches it",
    edits: [
      {
        file: "src/theory/intermediateFusion.ts",
        search: "return Math.exp((2 - L) * sigma) * (1 + r * r) ** (-(L - Lf) / 2);",
        replace: "return Math.exp((2 - L) * sigma) * (1 + r * r) ** (-(L - Lf) / 2.2);",
      },
    ],
  },
  {
    id: "T8-order-swapped",
    bug: "T8 predicts the modality with the smaller ‖Σ_yxm‖ first",
    owner: "T8",
    edits: [
      {
        file: "src/theory/modalityOrder.ts",
        search: 'const first = faster === "tie" ? undefined : faster;',
        replace: 'const first = faster === "tie" ? undefined : faster === "A" ? "B" : "A";',
      },
    ],
  },
  // --- ReLU networks (src/network) ---
  {
    id: "arccos-kernel-2.1pi",
    bug: "arc-cosine kernel factor 1/(2.1π)",
    owner: "T11",
    issueTable: true,
    edits: [
      {
        file: "src/network/reluPopulation.ts",
        search: "const kij = ((li * lj) / (2 * Math.PI)) * (sin + rest * cos);",
        replace: "const kij = ((li * lj) / (2.1 * Math.PI)) * (sin + rest * cos);",
      },
    ],
  },
  {
    id: "relu-linear-part-0.55",
    bug: "ReLU branch's linear part 0.55·Σa_i w_i instead of ½",
    owner: "T11",
    edits: [
      {
        file: "src/network/reluLinearPart.ts",
        search: "const half = 0.5 * theta[outputOffset + i]!;",
        replace: "const half = 0.55 * theta[outputOffset + i]!;",
      },
    ],
  },
];
