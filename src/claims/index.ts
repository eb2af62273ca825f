export * from "./catalogue.js";
export * from "./claim.js";
export * from "./runner.js";
