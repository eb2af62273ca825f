export * from "./csv.js";
export * from "./csvFile.js";
export * from "./moments.js";
export * from "./sampleFromStatistics.js";
export * from "./sampleSet.js";
export * from "./t10Family.js";
