/**
 * `ubias/claims`: write a claim of your own and check it as `ubias check` does — the claim
 * types and constructors (a per-case tolerance: defineClaim, defineConjecture; a probability
 * estimated from seeded trials: defineStatisticalClaim, with clopperPearson's intervals), the shared arbitraries (each shrinking toward the hardest corner of
 * its range), the runner with seed and path replay, and what a claim usually predicts and
 * simulates with. A file of claims built with these is checked by
 * `ubias check --claims <dir>`; `ubias/vitest` runs one as a vitest test.
 *
 * @packageDocumentation
 */

export * from "../claims/arbitraries/index.js";
export type { AssertClaimOptions } from "../claims/assertClaim.js";
export { assertClaim, ClaimFailure } from "../claims/assertClaim.js";
export type { ProportionInterval } from "../claims/binomialInterval.js";
export { clopperPearson } from "../claims/binomialInterval.js";
export type { CaseDetails, CaseVerdict, Claim } from "../claims/claim.js";
export { defineClaim, withinTolerance } from "../claims/claim.js";
export type {
  ConjectureSpec,
  ConjectureTolerance,
  Measurement,
} from "../claims/conjecture.js";
export { defineConjecture } from "../claims/conjecture.js";
export type { CheckOptions, ClaimResult } from "../claims/runner.js";
export { checkClaim, DEFAULT_SEED, isConjecture } from "../claims/runner.js";
export type {
  BernoulliArm,
  StatisticalClaimSpec,
  TrialOutcome,
} from "../claims/statisticalClaim.js";
export { defineStatisticalClaim } from "../claims/statisticalClaim.js";
export type {
  ArmEstimate,
  HypothesisResult,
  ProportionHypothesis,
  StatisticalDesign,
  StatisticalResult,
  StatisticalVerdict,
} from "../claims/statisticalVerdict.js";
export type { NetworkCase, SimulatedCase } from "../claims/twoLayerCase.js";
export { simulateCase } from "../claims/twoLayerCase.js";
export type { MeasuredFields } from "../claims/verdict.js";
export { compared, measured, relativeError, unmeasurable } from "../claims/verdict.js";
export { derive, orient } from "../statistics/derived.js";
export type { Statistics } from "../statistics/statistics.js";
export type { ToyParameters } from "../statistics/toy.js";
export { fromToy } from "../statistics/toy.js";
export type { LateFusionRatio } from "../theory/lateFusionRatio.js";
export { lateFusionRatio } from "../theory/lateFusionRatio.js";
export { predictPhases } from "../theory/predict.js";
