export * from "../linalg/dense.js";
export * from "./derived.js";
export * from "./json.js";
export * from "./randomFamily.js";
export * from "./statistics.js";
export * from "./teacher.js";
export * from "./toy.js";
