export * from "./initScale.js";
export * from "./networkInit.js";
export * from "./paperRandomFamily.js";
export * from "./phaseRates.js";
export * from "./toyStatistics.js";
export * from "./uniform.js";
export * from "./vectorStatistics.js";
export * from "./vectorTargetStatistics.js";
