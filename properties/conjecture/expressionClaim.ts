/**
 * The claim behind `ubias conjecture --predict "<expression>"`: an expression over named
 * statistics (src/claims/expression.ts) against a measured phase quantity, on the toy or
 * vector domain, for one architecture (L, Lf), balanced init. Built at run time and checked
 * by the same runner as `ubias check`, so seeds, paths, shrinking and replay are identical.
 *
 * The validity domain is the theory's own: for L = Lf = 2 T2's (src/claims/lateFusionDomain.ts:
 * lateFusionDomain and the B-excursion check after the run), otherwise predictPhases' domain
 * for that architecture (T1/T4/T5/X1: ties, no B solution, directions apart, ...).
 */
import fc from "fast-check";
import { initScale, toyParameters } from "../../src/claims/arbitraries/index.js";
import type { VectorStatisticsCase } from "../../src/claims/arbitraries/vectorStatistics.js";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../../src/claims/arbitraries/vectorStatistics.js";
import type { Claim } from "../../src/claims/claim.js";
import type { Measurement } from "../../src/claims/conjecture.js";
import { defineConjecture } from "../../src/claims/conjecture.js";
import { domainReasonText } from "../../src/claims/domainReason.js";
import { compileExpression } from "../../src/claims/expression.js";
import { crossedByExcursion, lateFusionDomain } from "../../src/claims/lateFusionDomain.js";
import type { NetworkCase } from "../../src/claims/twoLayerCase.js";
import { simulateCase } from "../../src/claims/twoLayerCase.js";
import { InputError } from "../../src/errors/inputError.js";
import { formatNumber } from "../../src/format/numbers.js";
import { derive, orient } from "../../src/statistics/derived.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import type { ToyParameters } from "../../src/statistics/toy.js";
import { fromToy } from "../../src/statistics/toy.js";
import { phaseTwoSign } from "../../src/theory/initAwareLateFusion.js";
import { predictPhases } from "../../src/theory/predict.js";

export const CONJECTURE_MEASURES = ["ratio", "tA", "tB", "duration", "plateau"] as const;
/** What the simulation measures (docs/theory.md §3): t_B/t_A, t_A, t_B, t_B − t_A, or the plateau loss. */
export type ConjectureMeasure = (typeof CONJECTURE_MEASURES)[number];

export const CONJECTURE_DOMAINS = ["toy", "vector"] as const;
export type ConjectureDomain = (typeof CONJECTURE_DOMAINS)[number];

/** Names an expression may use, with their meaning (printed by --help). */
export const CONJECTURE_VARIABLES: Readonly<Record<string, string>> = {
  sigmaA: "toy only: standard deviation of x_A",
  sigmaB: "toy only: standard deviation of x_B",
  rho: "toy only: correlation of x_A and x_B",
  wA: "toy only: teacher weight on x_A (1)",
  wB: "toy only: teacher weight on x_B (1)",
  sA: "‖Σ_yxA‖",
  sB: "‖Σ_yxB‖",
  k: "s_B/s_A",
  eB: "‖e_B‖ = ‖Σ_yxB − Σ_yxA Σ_A⁻¹ Σ_AB‖",
  sigma: "sign of Σ_yxB·e_B for scalar B (1 for vector B)",
  g: "‖W_A^uni‖",
  wFullB: "‖W_B^full‖",
  lossZero: "ℒ(0) = ½σ_y²",
  lossA: "ℒ(M_A), the unimodal loss of A",
  lossB: "ℒ(M_B)",
  lossFull: "ℒ*, the loss of W^full",
  dA: "dimension of modality A",
  dB: "dimension of modality B",
  u0: "initialisation scale",
  L: "depth",
  Lf: "fusion layer",
};

const TOY_ONLY = new Set(["sigmaA", "sigmaB", "rho", "wA", "wB"]);

/** The variable names of a domain. */
export function conjectureVariables(domain: ConjectureDomain): string[] {
  return Object.keys(CONJECTURE_VARIABLES).filter(
    (name) => domain === "toy" || !TOY_ONLY.has(name),
  );
}

export interface ExpressionConjectureSpec {
  readonly predict: string;
  readonly measure: ConjectureMeasure;
  readonly domain: ConjectureDomain;
  readonly depth: number;
  readonly fusionLayer: number;
  /** Relative tolerance on (measured − predicted)/|predicted|. */
  readonly rtol: number;
}

/** One generated case: statistics (toy parameters or a vector-statistics seed) and u0. */
export type ConjectureCase =
  | { readonly toy: ToyParameters; readonly u0: number }
  | { readonly vector: VectorStatisticsCase; readonly u0: number };

/**
 * Initialisation scales. Two layers: u0 ∈ [1e-12, 1e-6], the small-init regime of T2/T9
 * (leading-order errors there ≲ 3%, T2.small-init). Deeper: u0 ∈ [1e-3, 0.1] as T5/X1,
 * where the plateaus (∝ u0^{2−Lf}) stay within the claims' step budget.
 */
export function conjectureInitScale(depth: number): { min: number; max: number } {
  return depth === 2 ? { min: 1e-12, max: 1e-6 } : { min: 1e-3, max: 0.1 };
}

function domainText(spec: ExpressionConjectureSpec): string {
  const { min, max } = conjectureInitScale(spec.depth);
  const stats =
    spec.domain === "toy"
      ? "toy family w = (1, 1), σA/σB ∈ [1.1, 3], ρ ∈ [−0.9, 0.9]"
      : "vector statistics dA, dB ∈ [1, 4], cond(Σ) ≤ 10, teacher uniform in [−1, 1]";
  return `${stats}; L = ${spec.depth}, Lf = ${spec.fusionLayer}, u0 ∈ [${formatNumber(min)}, ${formatNumber(max)}]; balanced init, width 1, gradient flow; T2's domain (L = Lf = 2) or predictPhases' (otherwise)`;
}

function statisticsOf(testCase: ConjectureCase): Statistics {
  return orient("toy" in testCase ? fromToy(testCase.toy) : buildVectorStatistics(testCase.vector))
    .stats;
}

/** The named values of docs/theory.md §1/§4 on the oriented statistics (A = faster modality). */
function scopeOf(
  testCase: ConjectureCase,
  stats: Statistics,
  spec: ExpressionConjectureSpec,
): Record<string, number> {
  const q = derive(stats);
  const scope: Record<string, number> = {
    sA: q.sA,
    sB: q.sB,
    k: q.sB / q.sA,
    eB: Math.hypot(...q.eB),
    sigma: phaseTwoSign(stats),
    g: Math.hypot(...q.wUniA),
    wFullB: Math.hypot(...q.wFull.slice(stats.dA)),
    lossZero: q.lossZero,
    lossA: q.lossUniA,
    lossB: q.lossUniB,
    lossFull: q.lossFull,
    dA: stats.dA,
    dB: stats.dB,
    u0: testCase.u0,
    L: spec.depth,
    Lf: spec.fusionLayer,
  };
  if ("toy" in testCase) {
    const { sigmaA, sigmaB, rho, wA = 1, wB = 1 } = testCase.toy;
    Object.assign(scope, { sigmaA, sigmaB, rho, wA, wB });
  }
  return scope;
}

/**
 * The claim "measure = expression within rtol" (ID "conjecture"). The expression is checked
 * here, before any case runs: bad input is an InputError (exit code 2), never a failing case.
 */
export function expressionConjecture(spec: ExpressionConjectureSpec): Claim<ConjectureCase> {
  const expression = compileExpression(spec.predict, conjectureVariables(spec.domain));
  if (!(spec.fusionLayer >= 1 && spec.fusionLayer <= spec.depth)) {
    throw new InputError(
      "--fusion",
      `must be in [1, --depth = ${spec.depth}], got ${spec.fusionLayer}`,
    );
  }
  const u0 = initScale(conjectureInitScale(spec.depth));
  const arbitrary: fc.Arbitrary<ConjectureCase> =
    spec.domain === "toy"
      ? fc.record({ toy: toyParameters(), u0 })
      : fc.record({ vector: vectorStatisticsCase({ maxDim: 4 }), u0 });
  const net = (u: number): NetworkCase => ({
    depth: spec.depth,
    fusionLayer: spec.fusionLayer,
    width: 1,
    init: "balanced",
    seed: 0,
    u0: u,
  });
  const lateTwoLayer = spec.depth === 2 && spec.fusionLayer === 2;
  return defineConjecture<ConjectureCase>({
    id: "conjecture",
    statement: `${spec.measure} = ${spec.predict}`,
    domain: domainText(spec),
    arbitrary,
    defaultRuns: 30,
    describe: (testCase) => {
      const stats = statisticsOf(testCase);
      const scope = scopeOf(testCase, stats, spec);
      const used = Object.fromEntries(expression.variables.map((name) => [name, scope[name]]));
      return { stats: stats.label, u0: testCase.u0, ...used };
    },
    outOfDomain: (testCase) => {
      const stats = statisticsOf(testCase);
      if (lateTwoLayer) {
        const domain = lateFusionDomain(stats, net(testCase.u0));
        return domain.inDomain ? undefined : domainReasonText(domain.reason);
      }
      // Balanced rank-one chains cannot change sign (T4, T5): with Σ_yxB·e_B ≤ 0 and
      // Lf > 1, B's chain never grows and t_B is never reached.
      if (spec.fusionLayer > 1 && !(derive(stats).cosSigmaBeB > 0))
        return domainReasonText("signs-apart");
      const issue = predictPhases(stats, spec, testCase.u0).outOfDomain;
      return issue === undefined ? undefined : domainReasonText(issue);
    },
    predict: (testCase) => {
      const stats = statisticsOf(testCase);
      return expression.evaluate(scopeOf(testCase, stats, spec));
    },
    measure: (testCase) =>
      measurePhase(statisticsOf(testCase), net(testCase.u0), spec.measure, lateTwoLayer),
    tolerance: { kind: "relative", value: spec.rtol, source: "--rtol" },
  });
}

/** Simulates one case and reads the measure; unreached thresholds are unmeasurable. */
function measurePhase(
  stats: Statistics,
  net: NetworkCase,
  measure: ConjectureMeasure,
  lateTwoLayer: boolean,
): Measurement {
  const { times, run } = simulateCase(stats, net);
  const details = { tA: times.tA, tB: times.tB, status: run.status };
  if (!times.reached) {
    return { unmeasurable: `threshold not reached (${run.status})`, details };
  }
  if (lateTwoLayer && crossedByExcursion(stats, run)) {
    // T2's B-excursion (fixtures/counterexamples/T2-B-excursion.json): B's threshold was
    // crossed by a transient, not by the transition the phase times describe.
    return { outOfDomain: domainReasonText("B-excursion"), details };
  }
  const values: Record<ConjectureMeasure, number> = {
    ratio: times.ratio,
    tA: times.tA,
    tB: times.tB,
    duration: times.duration,
    plateau: run.plateau?.loss ?? Number.NaN,
  };
  return { value: values[measure], details };
}
