export * from "../linalg/lu.js";
export * from "./dormandPrince.js";
export * from "./flowJacobian.js";
export * from "./gradientDescent.js";
export * from "./gradientFlow.js";
export * from "./model.js";
export * from "./rosenbrock.js";
export * from "./run.js";
