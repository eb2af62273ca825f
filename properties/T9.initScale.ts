/**
 * T9.init-scale — the initialisation has the scale u0 that T1-T9 and X1-X6 state
 * (docs/theory.md §2). Every prediction of those claims is written in u0 (t_A ≈ ln(1/u0)/s_A for
 * T9, u0^{2−L} for the deep ones), but a claim that reads the *drawn* initial weights back
 * (κ in T2's and T9's next-order terms) absorbs a wrong scale into κ: this claim checks the
 * scale itself, structurally, against docs/theory.md §2's statement (written out below, not taken from
 * src/network/initialisation.ts).
 *
 * - Gaussian, L ≤ 2: θ0/u0 entries i.i.d. N(0, 1). Deeper: N(0, 1/numel) on branch layers,
 *   N(0, 2/numel) on the fusion layer (numel of [W_A^Lf, W_B^Lf]) and after. Entries are
 *   pooled over consecutive seeds per layer kind (branch / fusion / post-fusion) until each
 *   kind has ≥ MIN_ENTRIES, standardised by docs/theory.md §2's std, and tested: the mean by
 *   √n·mean ~ N(0, 1), the variance by n·mean(z²) ~ χ²_n (Wilson-Hilferty: (χ²_n/n)^{1/3} is
 *   N(1 − 2/(9n), 2/(9n)) to ~1e-3 in z at n ≥ 1000). Tolerance Z_BOUND = 6 standard
 *   deviations (false alarm ≈ 2e-9 per statistic): derived, no measurement. A std off by
 *   ×1.5 gives z ≈ 60 and ×1/√2 (post-fusion at u0 instead of √2·u0) z ≈ −14 at n = 1000.
 * - Balanced: every block is rank one with singular value u0 (branch layers and both fusion
 *   blocks) or √2·u0 (post-fusion layers), chained so that ‖W_m^tot‖ = u0^{Lf}(√2·u0)^{L−Lf};
 *   relative tolerance 1e-12 (a product of ≤ 6 rounded factors and one norm: ~10 ε).
 */
import fc from "fast-check";
import { logUniform, uniform } from "../src/claims/arbitraries/index.js";
import { defineClaim } from "../src/claims/claim.js";
import { measured } from "../src/claims/verdict.js";
import { fusionArchitecture } from "../src/network/architecture.js";
import type { InitKind } from "../src/network/initialisation.js";
import { initialise } from "../src/network/initialisation.js";
import type { LayerBlock, ParameterLayout } from "../src/network/layout.js";
import { parameterLayout } from "../src/network/layout.js";
import { linearNetworkModel } from "../src/network/linearNetwork.js";
import type { Statistics } from "../src/statistics/statistics.js";

/** Standardised entries pooled per layer kind before testing (see the file comment). */
export const MIN_ENTRIES = 1000;
/** Seeds pooled at most per case (an output layer of width 1 holds one entry per seed). */
const MAX_SEEDS = 1000;
/** |z| bound of the mean and variance tests: 6σ, false alarm ≈ 2e-9 each (derived). */
export const Z_BOUND = 6;
/** Balanced init: relative error of the block and chain norms (round-off, ~10 ε). */
const BALANCED_RTOL = 1e-12;

type LayerKind = "branch" | "fusion" | "post-fusion";

/** docs/theory.md §2's standard deviation of an entry of `block`, divided by u0 (Gaussian init). */
function statedStd(layout: ParameterLayout, block: LayerBlock): number {
  const { depth, fusionLayer } = layout.architecture;
  if (depth <= 2) return 1;
  if (block.layer < fusionLayer) return 1 / Math.sqrt(block.rows * block.cols);
  if (block.layer > fusionLayer) return Math.SQRT2 / Math.sqrt(block.rows * block.cols);
  const fusionNumel = layout.blocks
    .filter((b) => b.layer === fusionLayer)
    .reduce((sum, b) => sum + b.rows * b.cols, 0);
  return Math.SQRT2 / Math.sqrt(fusionNumel);
}

function kindOf(layout: ParameterLayout, block: LayerBlock): LayerKind {
  const { fusionLayer } = layout.architecture;
  if (block.layer < fusionLayer) return "branch";
  return block.layer === fusionLayer ? "fusion" : "post-fusion";
}

/** Statistics with Σ = I and the given Σ_yx (only the input directions matter at init). */
function identityStatistics(sigmaYX: readonly number[], dA: number): Statistics {
  const d = sigmaYX.length;
  return {
    sigma: Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => +(i === j))),
    sigmaYX: [...sigmaYX],
    sigmaY2: 1 + sigmaYX.reduce((s, v) => s + v * v, 0),
    dA,
    dB: d - dA,
    label: "Σ = I",
  };
}

/** Wilson-Hilferty z of n·v ~ χ²_n (v = mean of squared standardised entries). */
export function chiSquareZ(v: number, n: number): number {
  const c = 2 / (9 * n);
  return (Math.cbrt(v) - (1 - c)) / Math.sqrt(c);
}

interface InitCase {
  readonly kind: InitKind;
  readonly depth: number;
  readonly fusionFraction: number;
  readonly width: number;
  readonly dA: number;
  readonly dB: number;
  readonly u0: number;
  readonly seed: number;
  readonly correlations: readonly number[];
}

const arbitrary: fc.Arbitrary<InitCase> = fc.record({
  kind: fc.constantFrom<InitKind>("gaussian", "balanced"),
  depth: fc.integer({ min: 1, max: 5 }),
  fusionFraction: uniform(0, 1),
  width: fc.integer({ min: 1, max: 32 }),
  dA: fc.integer({ min: 1, max: 4 }),
  dB: fc.integer({ min: 1, max: 4 }),
  u0: logUniform(1e-12, 1),
  seed: fc.nat({ max: 0x7fff0000 }),
  // Σ_yx entries (the balanced init's input directions): magnitudes in [0.1, 2], either sign.
  correlations: fc.array(uniform(-2, 2), { minLength: 8, maxLength: 8 }),
});

export const T9InitScale = defineClaim({
  id: "T9.init-scale",
  statement:
    "The init has docs/theory.md §2's scale: Gaussian θ0/u0 entries N(0, 1) (L ≤ 2) or N(0, 1/numel), N(0, 2/numel) (deep); balanced singular values u0 and √2·u0",
  domain:
    "L ∈ 1..5, Lf ∈ 1..L, width 1-32, dA, dB ∈ 1..4, u0 ∈ [1e-12, 1]; Gaussian pooled over ≥ 1000 entries per layer kind",
  tolerance:
    "Gaussian: |z| ≤ 6 for the mean (normal) and the variance (χ²_n, Wilson-Hilferty), derived; balanced: block and ‖W_m^tot‖ norms to 1e-12 relative",
  arbitrary,
  defaultRuns: 30,
  check: (c) => {
    const depth = c.depth;
    const fusionLayer = 1 + Math.min(depth - 1, Math.floor(c.fusionFraction * depth));
    const arch = fusionArchitecture({
      depth,
      fusionLayer,
      width: c.width,
      dA: c.dA,
      dB: c.dB,
    });
    const layout = parameterLayout(arch);
    const sigmaYX = c.correlations
      .slice(0, c.dA + c.dB)
      .map((v) => (Math.abs(v) < 0.1 ? Math.sign(v || 1) * 0.1 : v));
    const stats = identityStatistics(sigmaYX, c.dA);
    const base = { kind: c.kind, depth, fusionLayer, width: c.width, dA: c.dA, dB: c.dB, u0: c.u0 };
    return c.kind === "gaussian"
      ? checkGaussian(layout, stats, c, base)
      : checkBalanced(layout, stats, c.u0, base);
  },
});

function checkGaussian(
  layout: ParameterLayout,
  stats: Statistics,
  c: InitCase,
  base: Record<string, unknown>,
) {
  const perSeed: Record<LayerKind, number> = { branch: 0, fusion: 0, "post-fusion": 0 };
  for (const block of layout.blocks) perSeed[kindOf(layout, block)] += block.rows * block.cols;
  const present = (Object.keys(perSeed) as LayerKind[]).filter((k) => perSeed[k] > 0);
  const smallest = Math.min(...present.map((k) => perSeed[k]));
  const seeds = Math.min(MAX_SEEDS, Math.ceil(MIN_ENTRIES / smallest));
  const sum: Record<LayerKind, number> = { branch: 0, fusion: 0, "post-fusion": 0 };
  const sumSq: Record<LayerKind, number> = { branch: 0, fusion: 0, "post-fusion": 0 };
  for (let s = 0; s < seeds; s++) {
    const theta = initialise(layout, stats, { kind: "gaussian", u0: c.u0, seed: c.seed + s });
    for (const block of layout.blocks) {
      const kind = kindOf(layout, block);
      const std = c.u0 * statedStd(layout, block);
      for (let i = 0; i < block.rows * block.cols; i++) {
        const z = theta[block.offset + i]! / std;
        sum[kind] += z;
        sumSq[kind] += z * z;
      }
    }
  }
  const tests: Record<string, { n: number; mean: number; variance: number; z: number }> = {};
  let worst = 0;
  for (const kind of present) {
    const n = perSeed[kind] * seeds;
    const mean = sum[kind] / n;
    const variance = sumSq[kind] / n;
    const z = Math.max(Math.abs(mean * Math.sqrt(n)), Math.abs(chiSquareZ(variance, n)));
    tests[kind] = { n, mean, variance, z };
    worst = Math.max(worst, Number.isNaN(z) ? Number.POSITIVE_INFINITY : z);
  }
  return measured({
    error: worst,
    tolerance: Z_BOUND,
    details: { ...base, seeds, firstSeed: c.seed, tests },
  });
}

function checkBalanced(
  layout: ParameterLayout,
  stats: Statistics,
  u0: number,
  base: Record<string, unknown>,
) {
  const theta = initialise(layout, stats, { kind: "balanced", u0 });
  let worst = 0;
  const blockNorms: number[] = [];
  for (const block of layout.blocks) {
    let sq = 0;
    for (let i = 0; i < block.rows * block.cols; i++) sq += theta[block.offset + i]! ** 2;
    const stated = block.owner === "shared" ? Math.SQRT2 * u0 : u0;
    blockNorms.push(Math.sqrt(sq) / u0);
    worst = Math.max(worst, Math.abs(Math.sqrt(sq) / stated - 1));
  }
  const { depth, fusionLayer } = layout.architecture;
  const statedTotal = u0 ** fusionLayer * (Math.SQRT2 * u0) ** (depth - fusionLayer);
  const w = new Float64Array(stats.dA + stats.dB);
  linearNetworkModel(layout, stats).totalMap(theta, w);
  const totals = [Math.hypot(...w.subarray(0, stats.dA)), Math.hypot(...w.subarray(stats.dA))].map(
    (n) => n / statedTotal,
  );
  for (const t of totals) worst = Math.max(worst, Math.abs(t - 1));
  return measured({
    error: Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst,
    tolerance: BALANCED_RTOL,
    relative: true,
    details: { ...base, blockNormsOverU0: blockNorms, totalNormsOverStated: totals },
  });
}
