export * from "./architecture.js";
export * from "./initialisation.js";
export * from "./layout.js";
export * from "./linearNetwork.js";
export * from "./model.js";
