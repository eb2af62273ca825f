/**
 * The package's main entry, `ubias`: statistics of a two-modality regression problem, the
 * theory's closed-form phase times, and one simulated training run with its measured phase
 * times (docs/theory.md §1-§3). Claims are in `ubias/claims`, the vitest helper in
 * `ubias/vitest`. Every export carries TSDoc on its declaration; the `@example` blocks run as
 * tests (test/api/docExamples.test.ts).
 *
 * @packageDocumentation
 */

// The one error class a caller catches: bad input (a value outside its documented domain).
export { InputError } from "../errors/inputError.js";
export type { Matrix, Vector } from "../linalg/matrix.js";
export type { PhaseTimes } from "../measurement/phaseTimes.js";
export { phaseTimes } from "../measurement/phaseTimes.js";
export type { SimulationSpec, TrainingMethod } from "../measurement/simulation.js";
export { phaseThresholds, simulate } from "../measurement/simulation.js";
export type { BranchDepths } from "../network/architecture.js";
export type { InitialisationSpec, InitKind } from "../network/initialisation.js";
export type { DerivedQuantities, Modality } from "../statistics/derived.js";
export { derive, orient } from "../statistics/derived.js";
export { statisticsFromFile, statisticsFromJson } from "../statistics/json.js";
export type { Statistics } from "../statistics/statistics.js";
export { validateStatistics } from "../statistics/statistics.js";
export { fromMoments, fromTeacher } from "../statistics/teacher.js";
export type { ToyParameters } from "../statistics/toy.js";
export { fromToy } from "../statistics/toy.js";
export type { FusionArchitecture } from "../theory/intermediateFusion.js";
export type { DomainIssue, LateFusionRatio } from "../theory/lateFusionRatio.js";
export { lateFusionRatio } from "../theory/lateFusionRatio.js";
export type { PhasePredictionReport, PredictionSource } from "../theory/predict.js";
export { predictPhases } from "../theory/predict.js";
export type { FlowIntegrator } from "../training/gradientFlow.js";
export type {
  Crossing,
  DivergenceReport,
  IntegratorUsage,
  IntegratorWork,
  NormThreshold,
  PlateauState,
  ProgressCallback,
  RunStatus,
  TrainingRun,
  TrajectorySample,
} from "../training/run.js";
