export * from "./phaseTimes.js";
export * from "./simulation.js";
