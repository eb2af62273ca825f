/**
 * The claim-authoring API: a file under properties/ (see README "Add a conjecture") imports
 * what it needs from here and from src/claims/arbitraries/.
 */

// The lower layers a claim file typically needs: statistics, the closed forms it predicts with.
export { derive, orient } from "../statistics/derived.js";
export type { Statistics } from "../statistics/statistics.js";
export type { ToyParameters } from "../statistics/toy.js";
export { fromToy } from "../statistics/toy.js";
export { lateFusionRatio } from "../theory/lateFusionRatio.js";
export { predictPhases } from "../theory/predict.js";
export * from "./catalogue.js";
export * from "./claim.js";
export * from "./conjecture.js";
export * from "./runner.js";
export * from "./twoLayerCase.js";
