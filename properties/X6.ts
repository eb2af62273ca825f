/**
 * X6 — conjecture: direction-aware T2 for vector modalities (src/theory/directionAwareLateFusion.ts):
 *   t_B/t_A = 1 + (s_A − s_eff)/‖e_B‖,  s_eff = max(s_B − s_A ln(1/c₊²)/ln(1/u0²), s_fresh),
 * c₊ = (1 + cos θ)/2, θ = ∠(Σ_yxB, e_B), s_fresh = 0 for Gaussian init of a vector B, −s_B
 * for balanced init or scalar B. For fixed θ and u0 → 0 it is T2's norm form for every
 * cos θ > −1, the directions-apart region included.
 *
 * Tolerance: T2's (properties/T2.ts), with the next-order prediction generalised to every
 * angle (directionAwareInitAware: B's phase-2 seed ‖c₊Ev + c₋E⁻¹m + f‖² from the actual
 * initial weights) and the remainder C_T2_VECTOR/((1 − s_eff/s_A) ln(1/u0²)), whose factor
 * (1 − s_eff/s_A) is the unimodal phase's share of t_B as (1 − σk) is in T2.
 */
import fc from "fast-check";
import type { CaseVerdict } from "../src/claims/claim.js";
import { defineClaim } from "../src/claims/claim.js";
import type { NetworkCase } from "../src/claims/twoLayerCase.js";
import { modeSeeds, relativeError, simulateCase } from "../src/claims/twoLayerCase.js";
import { fusionArchitecture } from "../src/network/architecture.js";
import { initialise } from "../src/network/initialisation.js";
import { parameterLayout } from "../src/network/layout.js";
import { derive, orient } from "../src/statistics/derived.js";
import type { Statistics } from "../src/statistics/statistics.js";
import type { DirectionSeeds } from "../src/theory/directionAwareLateFusion.js";
import {
  directionAwareInitAware,
  directionAwareLateFusionRatio,
} from "../src/theory/directionAwareLateFusion.js";
import { lateFusionRatio } from "../src/theory/lateFusionRatio.js";
import type { AngledVectorStatisticsCase } from "./arbitraries/angledVectorStatistics.js";
import {
  angledVectorStatisticsCase,
  buildAngledVectorStatistics,
} from "./arbitraries/angledVectorStatistics.js";
import { initScale, networkInit } from "./arbitraries/index.js";
import type { VectorStatisticsCase } from "./arbitraries/vectorStatistics.js";
import { buildVectorStatistics, vectorStatisticsCase } from "./arbitraries/vectorStatistics.js";
import {
  aMustReverse,
  balancedCannotReachFull,
  belowDoublePrecision,
  C_T2,
  C_T2_VECTOR,
  crossedByExcursion,
  phaseOneExcursionB,
  twoLayerLate,
} from "./T2.js";

/**
 * B's seeds of a two-layer late-fusion init (see directionAwareLateFusion.ts): with a the
 * fusion block and W¹ the first layer of B, ŝ = Σ_yxB/s_B, ê = e_B/‖e_B‖, cos θ = ŝ·ê:
 * v = (a + W¹ŝ)/2, m = (a − W¹ŝ)/2, f = W¹(ê − cos θ ŝ)/2; Gram entries divided by u0².
 */
export function directionSeeds(stats: Statistics, net: NetworkCase): DirectionSeeds {
  const layout = parameterLayout(
    fusionArchitecture({ depth: 2, fusionLayer: 2, width: net.width, dA: stats.dA, dB: stats.dB }),
  );
  const theta = initialise(layout, stats, { kind: net.init, u0: net.u0, seed: net.seed });
  const q = derive(stats);
  const yxB = stats.sigmaYX.slice(stats.dA);
  const e = Math.hypot(...q.eB);
  const sHat = q.sB > 0 ? yxB.map((x) => x / q.sB) : q.eB.map((x) => x / e);
  const eHat = q.eB.map((x) => x / e);
  const cos = sHat.reduce((s, x, i) => s + x * eHat[i]!, 0);
  const fresh = eHat.map((x, i) => x - cos * sHat[i]!);
  const [first, fusion] = layout.chains.B;
  const g = { vv: 0, mm: 0, ff: 0, vm: 0, vf: 0, mf: 0 };
  for (let i = 0; i < first!.rows; i++) {
    let p = 0;
    let r = 0;
    for (let j = 0; j < first!.cols; j++) {
      const w = theta[first!.offset + i * first!.cols + j]!;
      p += w * sHat[j]!;
      r += w * fresh[j]!;
    }
    const a = theta[fusion!.offset + i]!;
    const v = (a + p) / 2;
    const m = (a - p) / 2;
    const f = r / 2;
    g.vv += v * v;
    g.mm += m * m;
    g.ff += f * f;
    g.vm += v * m;
    g.vf += v * f;
    g.mf += m * f;
  }
  const u2 = net.u0 * net.u0;
  return {
    kappaA: modeSeeds(stats, net, "plus").kappaA,
    vv: g.vv / u2,
    mm: g.mm / u2,
    ff: g.ff / u2,
    vm: g.vm / u2,
    vf: g.vf / u2,
    mf: g.mf / u2,
  };
}

/** The X6 verdict for one oriented two-layer late-fusion case. */
export function checkDirectionAware(stats: Statistics, net: NetworkCase): CaseVerdict {
  const q = derive(stats);
  const lead = directionAwareLateFusionRatio(stats, net.u0, net.init === "gaussian");
  const cosTheta = q.cosSigmaBeB;
  const normForm = 1 + (q.sA - q.sB) / Math.hypot(...q.eB);
  const details = {
    stats: stats.label,
    ...net,
    predicted: lead.ratio,
    phaseTwoSeed: lead.seed,
    cosTheta,
    normForm,
    t2: lateFusionRatio(stats).ratio,
  };
  if (lead.outOfDomain) return { kind: "out-of-domain", reason: lead.outOfDomain, details };
  // The same assumptions as T2's (lateFusionDomain in properties/T2.ts), minus T2.vector's
  // "directions-apart" exclusion, which is X6's subject.
  if (net.init === "balanced" && balancedCannotReachFull(stats))
    return { kind: "out-of-domain", reason: "balanced-init-degenerate", details };
  if (aMustReverse(stats)) return { kind: "out-of-domain", reason: "A-reversal", details };
  if (belowDoublePrecision(stats, net.u0))
    return { kind: "out-of-domain", reason: "below-double-precision", details };
  const seeds = directionSeeds(stats, net);
  const nextOrder = directionAwareInitAware(stats, net.u0, seeds).ratio;
  const scalar = stats.dA === 1 && stats.dB === 1;
  const phaseShare = 1 - lead.effectiveRate / q.sA;
  const remainder = (scalar ? C_T2 : C_T2_VECTOR) / (phaseShare * 2 * Math.log(1 / net.u0));
  const tolerance = Math.abs(nextOrder / lead.ratio - 1) + (nextOrder / lead.ratio) * remainder;
  const excursion = phaseOneExcursionB(stats, net, modeSeeds(stats, net, "plus"));
  const threshold = 0.5 * Math.hypot(...q.wFull.slice(stats.dA));
  // As in T2: B's phase-1 growth may reach THEORY §3's threshold by itself (B-excursion).
  if (excursion >= 0.5 * threshold)
    return { kind: "out-of-domain", reason: "B-excursion", details: { ...details, excursion } };
  if (tolerance >= (lead.ratio - 1) / lead.ratio)
    return {
      kind: "out-of-domain",
      reason: "unresolved-phase",
      details: { ...details, tolerance },
    };
  const { times, run } = simulateCase(stats, net);
  const measured = { ...details, nextOrder, measured: times.ratio, status: run.status };
  if (crossedByExcursion(stats, run))
    return { kind: "out-of-domain", reason: "B-excursion", details: measured };
  if (!times.reached)
    return {
      kind: "unmeasurable",
      reason: `threshold not reached (${run.status})`,
      details: measured,
    };
  return {
    kind: "measured",
    error: relativeError(times.ratio, lead.ratio),
    tolerance,
    relative: true,
    details: {
      ...measured,
      errorNormForm: relativeError(times.ratio, normForm),
      errorNextOrder: relativeError(times.ratio, nextOrder),
    },
  };
}

/** X6's generated statistics: prescribed angles, and the general vector family. */
export const x6Statistics: fc.Arbitrary<X6Statistics> = fc.oneof(
  angledVectorStatisticsCase().map((c) => ({ kind: "angled" as const, c })),
  vectorStatisticsCase().map((c) => ({ kind: "general" as const, c })),
);

/** One generated X6 statistics draw. */
export type X6Statistics =
  | { readonly kind: "angled"; readonly c: AngledVectorStatisticsCase }
  | { readonly kind: "general"; readonly c: VectorStatisticsCase };

export function buildX6Statistics(s: X6Statistics): Statistics {
  const built = s.kind === "angled" ? buildAngledVectorStatistics(s.c) : buildVectorStatistics(s.c);
  return orient(built).stats;
}

export const X6 = defineClaim({
  id: "X6",
  statement:
    "Conjecture: direction-aware T2, 1 + (s_A − max(s_B − s_A ln(1/c₊²)/ln(1/u0²), s_fresh))/‖e_B‖, c₊ = (1 + cos∠(Σ_yxB, e_B))/2",
  domain:
    "vector statistics: prescribed angle (1 + cos θ ∈ [1e-4, 2], dB ∈ [2, 4], dA ∈ [dB, dB + 2], k ∈ [0.1, 0.8]) or general (as T2.vector, all angles); u0 ∈ [1e-12, 1e-4]; balanced or Gaussian, width 1-8; gradient flow; T2's other assumptions",
  tolerance:
    "|R₁θ/X6 − 1| (next order with B's phase-2 seed for any angle) + C_T2_VECTOR/((1 − s_eff/s_A) ln(1/u0²)), C_T2_VECTOR = 2.5",
  arbitrary: fc.record({
    stats: x6Statistics,
    u0: initScale({ max: 1e-4 }),
    init: networkInit({ maxWidth: 8 }),
  }),
  defaultRuns: 15,
  check: ({ stats, u0, init }) =>
    checkDirectionAware(buildX6Statistics(stats), twoLayerLate(u0, init)),
});
