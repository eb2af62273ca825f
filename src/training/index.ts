export * from "./dormandPrince.js";
export * from "./gradientDescent.js";
export * from "./gradientFlow.js";
export * from "./run.js";
